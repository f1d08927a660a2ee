package org.flinkx.connector.jdbc.sink;

import java.util.List;
import org.apache.flink.annotation.Internal;

/**
 * What a writer checkpoints: the transaction prefix and the subtask indexes whose leftover
 * transactions it is responsible for. After a rescale a writer receives the states of old subtasks
 * and cleans up their prepared transactions too.
 */
@Internal
public record JdbcWriterState(String transactionPrefix, List<Integer> subtasks) {}
