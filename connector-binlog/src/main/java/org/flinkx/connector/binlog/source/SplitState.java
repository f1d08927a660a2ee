package org.flinkx.connector.binlog.source;

/** The state of a split while a reader reads it. */
sealed interface SplitState permits BinlogSplitState, SnapshotSplitState {

    BinlogSourceSplit toSplit();
}
