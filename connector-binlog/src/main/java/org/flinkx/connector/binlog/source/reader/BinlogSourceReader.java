package org.flinkx.connector.binlog.source.reader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.table.data.RowData;
import org.flinkx.connector.binlog.config.BinlogConfig;
import org.flinkx.connector.binlog.source.split.BinlogSourceSplit;
import org.flinkx.connector.binlog.source.split.BinlogSplit;
import org.flinkx.connector.binlog.source.split.BinlogSplitState;
import org.flinkx.connector.binlog.source.split.CatchUp;
import org.flinkx.connector.binlog.source.split.FinishedSnapshotSplit;
import org.flinkx.connector.binlog.source.split.SnapshotChunk;
import org.flinkx.connector.binlog.source.split.SnapshotEvents;
import org.flinkx.connector.binlog.source.split.SnapshotSplit;
import org.flinkx.connector.binlog.source.split.SnapshotSplitState;
import org.flinkx.connector.binlog.source.split.SplitState;
import org.flinkx.connector.common.error.DirtyDataHandler;
import org.flinkx.connector.common.metrics.FlinkxMetrics;
import org.flinkx.connector.common.source.FlinkxSourceReaderBase;

/**
 * Reads snapshot chunks and the binlog split, and emits their rows. A finished chunk is reported to
 * the enumerator with the positions it was read at, and kept in this reader's checkpoints until the
 * enumerator acknowledges the report.
 *
 * <p>A binlog split whose stream has not emitted some of the job's tables ({@link CatchUp}: the job
 * was restored with more tables or columns than the one that checkpointed it) is held: kept in this
 * reader's checkpoints but not read, until the enumerator has had those tables read as snapshot
 * chunks (by any reader, this one too) and sends them; the split then goes on with them.
 */
@Internal
public final class BinlogSourceReader
        extends FlinkxSourceReaderBase<FetchedRecord, RowData, BinlogSourceSplit, SplitState> {

    private final String historyInstance;
    private final BinlogConfig config;
    private final BinlogRecordEmitter emitter;
    private final Map<String, List<SnapshotChunk>> unacknowledged = new LinkedHashMap<>();
    @Nullable private BinlogSplit held;

    private BinlogSourceReader(
            SourceReaderContext context,
            BinlogConfig config,
            String historyInstance,
            int serverId,
            BinlogRecordEmitter emitter,
            DirtyDataHandler dirty) {
        super(
                () -> new BinlogSplitReader(config, historyInstance, serverId),
                emitter,
                context,
                dirty);
        this.historyInstance = historyInstance;
        this.config = config;
        this.emitter = emitter;
    }

    @Override
    public void close() throws Exception {
        try {
            super.close();
        } finally {
            emitter.close();
        }
    }

    public static BinlogSourceReader create(
            SourceReaderContext context, BinlogConfig config, int serverId) throws Exception {
        FlinkxMetrics flinkx = FlinkxMetrics.forSource(context.metricGroup());
        BinlogMetrics metrics = new BinlogMetrics(context.metricGroup());
        DirtyDataHandler dirty =
                dirtyDataHandler(
                        context,
                        config.connector(),
                        config.errorLimit(),
                        config.dirtyData(),
                        flinkx);
        String instance = UUID.randomUUID().toString();
        return new BinlogSourceReader(
                context,
                config,
                instance,
                serverId,
                new BinlogRecordEmitter(config, new TableRows(config), flinkx, metrics, dirty),
                dirty);
    }

    /**
     * Asks for two splits at the start, so that a snapshot reader always has its next chunk queued
     * while it reads one (a finished chunk asks for one more); a reader given the binlog split gets
     * no more splits for the second request.
     */
    @Override
    public void start() {
        for (int i = getNumberOfCurrentlyAssignedSplits(); i < 2; i++) {
            context.sendSplitRequest();
        }
    }

    @Override
    public void addSplits(List<BinlogSourceSplit> splits) {
        List<BinlogSourceSplit> toRead = new ArrayList<>();
        Map<String, List<SnapshotChunk>> restoredReports = new LinkedHashMap<>();
        for (BinlogSourceSplit split : splits) {
            if (split instanceof FinishedSnapshotSplit finished) {
                restoredReports.put(finished.splitId(), finished.chunks());
            } else if (split instanceof BinlogSplit binlog) {
                if (binlog.tables() == null) {
                    // a split that did not record them: as if it had emitted today's tables
                    binlog = binlog.withTables(CatchUp.tables(config));
                }
                List<String> needed = CatchUp.needed(config, binlog);
                if (needed.isEmpty()) {
                    toRead.add(binlog);
                } else {
                    held = binlog;
                    context.sendSourceEventToCoordinator(new SnapshotEvents.BinlogHeld(needed));
                }
            } else {
                toRead.add(split);
            }
        }
        if (!restoredReports.isEmpty()) {
            unacknowledged.putAll(restoredReports);
            context.sendSourceEventToCoordinator(
                    new SnapshotEvents.Finished(restoredReports, true));
        }
        if (!toRead.isEmpty()) {
            super.addSplits(toRead);
        }
    }

    @Override
    protected void onSplitFinished(Map<String, SplitState> finishedSplitIds) {
        Map<String, List<SnapshotChunk>> report = new LinkedHashMap<>();
        finishedSplitIds.forEach(
                (id, state) -> {
                    if (state instanceof SnapshotSplitState snapshot) {
                        report.put(id, snapshot.finishedChunks());
                    }
                });
        if (!report.isEmpty()) {
            unacknowledged.putAll(report);
            context.sendSourceEventToCoordinator(new SnapshotEvents.Finished(report, false));
        }
        super.onSplitFinished(finishedSplitIds); // asks for the next split
    }

    @Override
    public void handleSourceEvents(SourceEvent event) {
        if (event instanceof SnapshotEvents.Acknowledged acknowledged) {
            acknowledged.splitIds().forEach(unacknowledged::remove);
        } else if (event instanceof SnapshotEvents.CaughtUp caughtUp) {
            if (held == null) {
                return; // a restored reader told twice
            }
            Map<String, List<String>> now = CatchUp.tables(config);
            BinlogSplit split = CatchUp.caughtUp(now, held, caughtUp);
            List<String> needed = CatchUp.needed(now, split);
            if (needed.isEmpty()) {
                held = null;
                super.addSplits(List.of(split));
            } else {
                // restored in the middle of a catch-up, with more tables: those next
                held = split;
                context.sendSourceEventToCoordinator(new SnapshotEvents.BinlogHeld(needed));
            }
        } else {
            super.handleSourceEvents(event);
        }
    }

    @Override
    public List<BinlogSourceSplit> snapshotState(long checkpointId) {
        List<BinlogSourceSplit> state = new ArrayList<>(super.snapshotState(checkpointId));
        unacknowledged.forEach((id, chunks) -> state.add(new FinishedSnapshotSplit(id, chunks)));
        if (held != null) {
            state.add(held);
        }
        return state;
    }

    @Override
    protected SplitState initializedState(BinlogSourceSplit split) {
        if (split instanceof SnapshotSplit snapshot) {
            return new SnapshotSplitState(snapshot);
        }
        return new BinlogSplitState((BinlogSplit) split, historyInstance);
    }

    @Override
    protected BinlogSourceSplit toSplitType(String splitId, SplitState state) {
        return state.toSplit();
    }
}
