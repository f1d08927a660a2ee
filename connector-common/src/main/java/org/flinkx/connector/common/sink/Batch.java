package org.flinkx.connector.common.sink;

import java.util.List;
import org.apache.flink.annotation.PublicEvolving;

/**
 * One batch for {@link TargetWriter#write}.
 *
 * @param rows the rows, in the order to write them
 * @param handedOverAt the task's processing time when the batch was handed to the flush thread (for
 *     targets with time-based decisions, such as rolling a file open longer than an interval)
 */
@PublicEvolving
public record Batch<IN>(List<IN> rows, long handedOverAt) {}
