package org.flinkx.connector.binlog.source.split;

import org.apache.flink.annotation.Internal;

/** The state of a split while a reader reads it. */
@Internal
public sealed interface SplitState permits BinlogSplitState, SnapshotSplitState {

    BinlogSourceSplit toSplit();
}
