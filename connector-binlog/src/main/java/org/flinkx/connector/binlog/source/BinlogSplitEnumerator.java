package org.flinkx.connector.binlog.source;

import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

import javax.annotation.Nullable;

import java.util.List;

/**
 * Hands the one binlog split to the first reader that asks; other readers get no split and finish.
 * A split that comes back (its reader failed before a checkpoint) goes to the next reader that asks.
 */
final class BinlogSplitEnumerator implements SplitEnumerator<BinlogSplit, BinlogEnumState> {

    private final SplitEnumeratorContext<BinlogSplit> context;
    @Nullable private BinlogSplit unassigned;

    BinlogSplitEnumerator(SplitEnumeratorContext<BinlogSplit> context, @Nullable BinlogSplit unassigned) {
        this.context = context;
        this.unassigned = unassigned;
    }

    @Override
    public void start() {}

    @Override
    public void handleSplitRequest(int subtaskId, @Nullable String requesterHostname) {
        if (unassigned != null) {
            context.assignSplit(unassigned, subtaskId);
            unassigned = null;
        } else {
            context.signalNoMoreSplits(subtaskId);
        }
    }

    @Override
    public void addSplitsBack(List<BinlogSplit> splits, int subtaskId) {
        if (!splits.isEmpty()) {
            unassigned = splits.get(0);
        }
    }

    @Override
    public void addReader(int subtaskId) {}

    @Override
    public BinlogEnumState snapshotState(long checkpointId) {
        return new BinlogEnumState(unassigned);
    }

    @Override
    public void close() {}
}
