package org.flinkx.connector.binlog.source.split;

import java.util.List;
import org.apache.flink.annotation.Internal;

/**
 * A snapshot split a reader finished and reported, kept in the reader's checkpoint until the
 * enumerator acknowledged the report (a report can reach the enumerator after the enumerator's own
 * checkpoint was taken); a restored reader reports it again.
 */
@Internal
public record FinishedSnapshotSplit(String splitId, List<SnapshotChunk> chunks)
        implements BinlogSourceSplit {}
