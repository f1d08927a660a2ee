package org.flinkx.connector.binlog.source.split;

import org.apache.flink.api.connector.source.SourceSplit;

/**
 * The splits of the binlog source: chunks of the initial snapshot, then the one binlog stream. A
 * reader's checkpoint also keeps the snapshot splits it finished until the enumerator acknowledged
 * them ({@link FinishedSnapshotSplit}).
 */
public sealed interface BinlogSourceSplit extends SourceSplit
        permits BinlogSplit, SnapshotSplit, FinishedSnapshotSplit {}
