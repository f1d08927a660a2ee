package org.flinkx.connector.binlog.source.enumerator;

import java.math.BigInteger;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.util.FlinkRuntimeException;
import org.flinkx.connector.binlog.client.BinlogConnections;
import org.flinkx.connector.binlog.config.BinlogConfig;
import org.flinkx.connector.binlog.config.ServerFlavor;
import org.flinkx.connector.binlog.config.StartupMode;
import org.flinkx.connector.binlog.debezium.BinlogPositions;
import org.flinkx.connector.binlog.source.split.BinlogPosition;
import org.flinkx.connector.binlog.source.split.BinlogSourceSplit;
import org.flinkx.connector.binlog.source.split.BinlogSplit;
import org.flinkx.connector.binlog.source.split.CatchUp;
import org.flinkx.connector.binlog.source.split.SnapshotChunk;
import org.flinkx.connector.binlog.source.split.SnapshotEvents;
import org.flinkx.connector.binlog.source.split.SnapshotSplit;
import org.flinkx.connector.common.error.SqlErrors;
import org.flinkx.connector.common.source.JobErrorLimit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans and hands out the splits: with a chunked snapshot first the snapshot chunks, to every
 * reader that asks (planned by the split kit as readers ask, as many at a time as readers wait),
 * then — once every chunk is reported finished — the one binlog split, which starts at the binlog
 * position noted before the chunks were read and carries the chunks' positions. Without one, the
 * binlog split alone. Readers that ask while the last chunks are still being read wait; readers
 * that do not get the binlog split stay idle rather than finish: they read the chunks of a catch-up
 * after a restore, and Flink restores a savepoint of a partially finished source into a changed
 * plan (new operators chained to it) only if no subtask finished.
 *
 * <p>Every query to the server (the start position, the captured tables, chunk boundaries, the
 * binlog offset) runs on the enumerator's worker thread through {@code callAsync}; its answer is
 * applied on the coordinator thread, which alone touches this class's fields, so checkpointed state
 * is always one that the answers have not half changed.
 *
 * <p>The binlog split is handed out only when every snapshot row is downstream, so that no change
 * of a row can overtake the row's snapshot on the way from two different readers: when a checkpoint
 * taken after the last chunk completed (its barriers followed every snapshot row), or {@value
 * #RELEASE_WITHOUT_CHECKPOINT_MILLIS} ms after the last chunk if no checkpoint completes sooner
 * (the readers' network buffers are flushed every 100 ms by default).
 *
 * <p>A snapshot split that comes back or is read again after the binlog split was made (a reader
 * restarted alone from an older checkpoint) would make the binlog split's chunk positions wrong:
 * the enumerator then fails, so Flink restores the whole job from one checkpoint.
 *
 * <p>A reader restored with a binlog split whose stream has not emitted some of the job's tables
 * (the job was restored with more tables, or more columns of one, see {@link CatchUp}) holds the
 * split and says so ({@link SnapshotEvents.BinlogHeld}): those tables are then read as snapshot
 * chunks like the first snapshot's (a <em>catch-up</em>), held back the same way until every row is
 * downstream, and sent to that reader ({@link SnapshotEvents.CaughtUp}), whose stream goes on from
 * its offset. Without a chunked snapshot (a MySQL server) a catch-up fails the job with what to do;
 * with a startup mode that reads no snapshot, the stream goes on at once.
 *
 * <p>Why one class of about 550 lines: it is one state machine (beginning, planning chunks,
 * finishing the snapshot, releasing the binlog split, readers coming and going) whose fields only
 * the coordinator thread touches; the server queries are in {@link SnapshotPlanner} and {@link
 * BinlogPositions}, the state in {@link BinlogEnumState}. Split further, its invariants (at most
 * one piece of work of each kind in flight, a checkpoint never half-applied) would span classes.
 */
@Internal
public final class BinlogSplitEnumerator
        implements SplitEnumerator<BinlogSourceSplit, BinlogEnumState> {

    private static final Logger LOG = LoggerFactory.getLogger(BinlogSplitEnumerator.class);
    static final long RELEASE_WITHOUT_CHECKPOINT_MILLIS = 5000;

    private final SplitEnumeratorContext<BinlogSourceSplit> context;
    private final BinlogConfig config;
    private final JobErrorLimit errorLimit;
    private final BinlogConnections connections;
    private final BinlogPositions positions;
    private final Set<Integer> waiting = new LinkedHashSet<>();

    // work on the worker thread (callAsync): at most one of each in flight
    private boolean beginning;
    private boolean planning;
    private boolean finishing;

    /** The binlog split while no reader holds it. */
    @Nullable private BinlogSplit unassigned;

    // the chunked snapshot; snapshotRunning is false before it starts and after the binlog split
    // exists
    private boolean snapshotRunning;
    @Nullable private BinlogPosition start;
    private List<CapturedTable> toPlan = new ArrayList<>();
    @Nullable private BigInteger nextLo;
    private int nextIndex;
    private final List<SnapshotSplit> pending = new ArrayList<>();
    private final Set<String> inFlight = new LinkedHashSet<>();
    private final Map<String, List<SnapshotChunk>> finished = new LinkedHashMap<>();
    @Nullable private SnapshotPlanner planner;

    // a catch-up: the snapshot reads tables for the binlog split that reader 'holder' holds
    private boolean catchUp;
    @Nullable private List<String> catchUpTables; // null: restored without them (version 4)
    @Nullable private Integer holder;

    // After a chunked snapshot the binlog split is held back until every snapshot row is downstream
    // (see holdBinlog); Long.MAX_VALUE: no checkpoint taken since the snapshot finished.
    private boolean holdingBinlog;
    private long releaseAtCheckpoint = Long.MAX_VALUE;
    private long heldSinceMillis;

    public BinlogSplitEnumerator(
            SplitEnumeratorContext<BinlogSourceSplit> context,
            BinlogConfig config,
            @Nullable BinlogEnumState state) {
        this.context = context;
        this.config = config;
        this.errorLimit = new JobErrorLimit(config.connector(), config.errorLimit());
        this.connections = new BinlogConnections(config);
        this.positions = new BinlogPositions(config, connections);
        if (state == null) {
            // not begun: recorded as a snapshot without a start position until begin() answers
            snapshotRunning = true;
            return;
        }
        unassigned = state.unassigned();
        SnapshotProgress progress = state.snapshot();
        if (progress != null) {
            snapshotRunning = true;
            start = progress.start();
            toPlan = new ArrayList<>(progress.toPlan());
            nextLo = progress.nextLo();
            nextIndex = progress.nextIndex();
            pending.addAll(progress.pending());
            inFlight.addAll(progress.inFlight());
            finished.putAll(progress.finished());
            catchUp = progress.catchUp();
            catchUpTables = progress.catchUpTables();
        }
    }

    /**
     * A snapshot without a start position has not begun (a fresh job, or one restored from a
     * checkpoint taken before it began): its queries run on the worker thread, and readers that ask
     * meanwhile wait.
     */
    @Override
    public void start() {
        if (snapshotRunning && start == null && !catchUp) { // a catch-up begins when asked
            beginning = true;
            context.callAsync(this::begin, this::begun);
        }
    }

    /** What the server said when the job began: the binlog position and the captured tables. */
    private record Beginning(@Nullable BinlogPosition start, List<CapturedTable> tables) {}

    /** Worker thread. A null start: no chunked snapshot, the binlog split alone. */
    private Beginning begin() throws SQLException {
        if (!chunkedSnapshot()) {
            return new Beginning(null, List.of());
        }
        return new Beginning(planner().currentPosition(), planner().capturedTables());
    }

    private void begun(@Nullable Beginning beginning, @Nullable Throwable error) {
        this.beginning = false;
        failOn(error, "Starting the binlog source of " + config.describe() + " failed");
        if (beginning.start() == null && catchUp) {
            snapshotRunning = false;
            releaseBinlog(List.of()); // nothing to read first: the stream goes on
            return;
        } else if (beginning.start() == null) {
            snapshotRunning = false;
            unassigned = new BinlogSplit(null, List.of()).withTables(CatchUp.tables(config));
        } else {
            start = beginning.start();
            toPlan = new ArrayList<>(beginning.tables());
            LOG.info(
                    catchUp
                            ? "Chunked snapshot of {} tables of {} that the restored binlog stream "
                                    + "has not emitted; the stream waits (the server is at {})"
                            : "Chunked snapshot of {} tables of {}; the binlog stream will start at {}",
                    toPlan.size(),
                    config.describe(),
                    start);
            for (CapturedTable table : toPlan) {
                if (table.keyColumns().size() > 1) {
                    LOG.info(
                            "{}.{} is chunked on {}, the leading column of its primary key {}; {}",
                            table.database(),
                            table.table(),
                            table.keyColumn(),
                            table.keyColumns(),
                            table.leadingValueGroups()
                                    ? "the rows of one "
                                            + table.keyColumn()
                                            + " value are read and emitted at once (the order of its further"
                                            + " key columns cannot be reproduced outside the server)"
                                    : "a chunk resumes after the whole key of its last emitted row");
                }
            }
            if (toPlan.isEmpty()) {
                LOG.warn(
                        "No table of {} matches 'tables' / 'tables.exclude' now: the snapshot is empty, "
                                + "and only tables created later are captured.",
                        config.describe());
            }
        }
        serveWaiting();
    }

    /**
     * Worker thread: what a catch-up of {@code names} reads (a null start: nothing, the stream goes
     * on).
     */
    private Beginning beginCatchUp(List<String> names) throws SQLException {
        if (config.startupMode() != StartupMode.INITIAL) {
            return new Beginning(null, List.of());
        }
        if (!chunkedSnapshot()) {
            throw new FlinkRuntimeException(
                    "The job captures tables that the binlog stream of its checkpoint has not "
                            + "emitted (or not all their columns): "
                            + names
                            + ". Reading them while the stream waits needs a chunked snapshot "
                            + "(a MariaDB server, 'scan.snapshot.chunked' = 'true'); start the job "
                            + "without its checkpoint instead (a new snapshot of every table).");
        }
        List<CapturedTable> tables = new ArrayList<>();
        for (CapturedTable table : planner().capturedTables()) {
            if (names.contains(table.database() + "." + table.table())) {
                tables.add(table);
            }
        }
        return new Beginning(planner().currentPosition(), tables);
    }

    private boolean chunkedSnapshot() throws SQLException {
        if (config.startupMode() != StartupMode.INITIAL || !config.snapshotChunked()) {
            return false;
        }
        if (connections.flavor() != ServerFlavor.MARIADB) {
            LOG.info(
                    "{} is a MySQL server: the snapshot is Debezium's (one reader, a brief global read "
                            + "lock); chunked lock-free snapshots need MariaDB's binlog_snapshot_position.",
                    config.describe());
            return false;
        }
        return true;
    }

    @Override
    public void handleSplitRequest(int subtaskId, @Nullable String requesterHostname) {
        if (snapshotRunning) {
            if (!pending.isEmpty()) {
                SnapshotSplit next = pending.remove(0);
                inFlight.add(next.splitId());
                context.assignSplit(next, subtaskId);
                return;
            }
            waiting.add(subtaskId); // a chunk being planned, or the binlog split, may come to it
            if (start == null || !toPlan.isEmpty()) {
                planMore();
            } else if (inFlight.isEmpty()) {
                finishSnapshot();
            }
            return;
        }
        if (holdingBinlog) {
            waiting.add(subtaskId);
            return;
        }
        if (unassigned != null) {
            context.assignSplit(unassigned, subtaskId);
            unassigned = null;
        } else {
            waiting.add(subtaskId); // idle: a restore may bring a catch-up
        }
    }

    /** Plans on the worker thread as many chunks as readers wait for (at least one). */
    private void planMore() {
        if (beginning || planning || start == null || toPlan.isEmpty()) {
            return;
        }
        planning = true;
        List<CapturedTable> tables = List.copyOf(toPlan);
        BigInteger lo = nextLo;
        int index = nextIndex;
        int wanted = Math.max(1, waiting.size());
        context.callAsync(() -> planChunks(tables, lo, index, wanted), this::chunksPlanned);
    }

    /** Chunks planned, how many tables they finished and where the next chunk starts. */
    private record Planned(
            List<SnapshotSplit> splits,
            int tablesDone,
            @Nullable BigInteger nextLo,
            int nextIndex) {}

    /** Worker thread: touches only its arguments and the planner. */
    private Planned planChunks(
            List<CapturedTable> tables, @Nullable BigInteger lo, int index, int wanted)
            throws SQLException {
        List<SnapshotSplit> splits = new ArrayList<>();
        int tablesDone = 0;
        while (splits.size() < wanted && tablesDone < tables.size()) {
            CapturedTable table = tables.get(tablesDone);
            BigInteger hi =
                    table.keyColumn() == null
                            ? null
                            : planner().chunkEnd(table, lo, config.snapshotChunkSize());
            splits.add(
                    new SnapshotSplit(
                            table.database(),
                            table.table(),
                            table.keyColumns(),
                            lo,
                            hi,
                            index,
                            List.of(),
                            table.leadingValueGroups()));
            if (hi == null) {
                tablesDone++;
                lo = null;
                index = 0;
            } else {
                lo = hi;
                index++;
            }
        }
        if (tablesDone == tables.size()) {
            closePlanner();
        }
        return new Planned(splits, tablesDone, lo, index);
    }

    private void chunksPlanned(@Nullable Planned planned, @Nullable Throwable error) {
        planning = false;
        failOn(error, "Planning the snapshot chunks of " + config.describe() + " failed");
        toPlan.subList(0, planned.tablesDone()).clear();
        nextLo = planned.nextLo();
        nextIndex = planned.nextIndex();
        pending.addAll(planned.splits());
        serveWaiting();
    }

    /** Worker thread only (and close, after the worker stopped). */
    private SnapshotPlanner planner() {
        if (planner == null) {
            planner = new SnapshotPlanner(config, connections);
        }
        return planner;
    }

    /** Rethrows a failure of work on the worker thread, which fails the job. */
    private static void failOn(@Nullable Throwable error, String what) {
        if (error != null) {
            String message = what + ": " + error.getMessage();
            SqlErrors.throwIfUnrecoverable(message, error);
            throw new FlinkRuntimeException(message, error);
        }
    }

    @Override
    public void handleSourceEvent(int subtaskId, SourceEvent event) {
        if (errorLimit.handle(context, subtaskId, event)) {
            return;
        }
        if (event instanceof SnapshotEvents.BinlogHeld held) {
            catchUp(subtaskId, held.tables());
            return;
        }
        if (!(event instanceof SnapshotEvents.Finished report)) {
            return;
        }
        for (Map.Entry<String, List<SnapshotChunk>> split : report.splits().entrySet()) {
            if (!snapshotRunning) {
                if (!report.resent()) {
                    throw new FlinkRuntimeException(
                            "Snapshot split "
                                    + split.getKey()
                                    + " was read again "
                                    + "after the binlog stream started (a reader restarted alone from an older "
                                    + "checkpoint); failing so that the whole job restarts from one checkpoint.");
                }
                continue;
            }
            finished.put(split.getKey(), split.getValue());
            inFlight.remove(split.getKey());
        }
        context.sendEventToSourceReader(
                subtaskId, new SnapshotEvents.Acknowledged(List.copyOf(report.splits().keySet())));
        if (snapshotRunning
                && start != null
                && toPlan.isEmpty()
                && pending.isEmpty()
                && inFlight.isEmpty()) {
            finishSnapshot();
        }
    }

    /**
     * The reader {@code subtaskId} holds the binlog split until {@code tables} are read: begins a
     * catch-up, or — restored in the middle of one — goes on with it.
     */
    private void catchUp(int subtaskId, List<String> tables) {
        holder = subtaskId;
        if (!catchUp) {
            if (snapshotRunning || unassigned != null) {
                throw new FlinkRuntimeException(
                        "Reader "
                                + subtaskId
                                + " holds a binlog split while the enumerator has one "
                                + "or runs the first snapshot; failing so that the whole job restarts "
                                + "from one checkpoint.");
            }
            catchUp = true;
            snapshotRunning = true;
            start = null;
        }
        if (start == null) {
            if (!beginning) {
                beginning = true;
                catchUpTables = List.copyOf(tables);
                context.callAsync(() -> beginCatchUp(tables), this::begun);
            }
        } else if (toPlan.isEmpty() && pending.isEmpty() && inFlight.isEmpty()) {
            finishSnapshot();
        }
    }

    /**
     * Every chunk is read: the binlog split takes over from the position noted at the start, once
     * the worker thread has turned that position into a Debezium offset.
     */
    private void finishSnapshot() {
        if (finishing) {
            return;
        }
        if (catchUp) {
            caughtUp();
            return;
        }
        finishing = true;
        BinlogPosition from = start;
        context.callAsync(() -> positions.offsetAt(from), this::snapshotFinished);
    }

    private void snapshotFinished(@Nullable String offset, @Nullable Throwable error) {
        finishing = false;
        failOn(error, "Starting the binlog stream of " + config.describe() + " failed");
        if (!pending.isEmpty() || !inFlight.isEmpty()) {
            serveWaiting(); // a chunk came back meanwhile (its reader failed): read it first
            return;
        }
        List<SnapshotChunk> chunks = new ArrayList<>();
        finished.values().forEach(chunks::addAll);
        unassigned = new BinlogSplit(offset, List.of(), chunks, CatchUp.tables(config));
        LOG.info(
                "Snapshot of {} done ({} chunks); the binlog stream starts at {}",
                config.describe(),
                chunks.size(),
                start);
        snapshotRunning = false;
        finished.clear();
        holdBinlog();
    }

    /**
     * The chunks of a catch-up are read: the holder goes on with them once every row is downstream;
     * until then they stay in this enumerator's checkpoints.
     */
    private void caughtUp() {
        if (holdingBinlog || holder == null || !pending.isEmpty() || !inFlight.isEmpty()) {
            return; // the holder has not spoken since a restore, or a chunk came back
        }
        LOG.info(
                "Catch-up snapshot of {} done ({} splits); the binlog stream goes on",
                config.describe(),
                finished.size());
        snapshotRunning = false;
        holdBinlog();
    }

    private void holdBinlog() {
        holdingBinlog = true;
        releaseAtCheckpoint = Long.MAX_VALUE;
        heldSinceMillis = System.currentTimeMillis();
        context.callAsync(
                () -> null,
                (ignored, timerError) -> releaseWithoutCheckpoint(),
                RELEASE_WITHOUT_CHECKPOINT_MILLIS / 10,
                RELEASE_WITHOUT_CHECKPOINT_MILLIS / 10);
    }

    private void releaseWithoutCheckpoint() {
        if (holdingBinlog
                && System.currentTimeMillis() - heldSinceMillis
                        >= RELEASE_WITHOUT_CHECKPOINT_MILLIS) {
            releaseBinlog();
        }
    }

    private void releaseBinlog() {
        holdingBinlog = false;
        if (catchUp) {
            List<SnapshotChunk> chunks = new ArrayList<>();
            finished.values().forEach(chunks::addAll);
            finished.clear();
            releaseBinlog(chunks);
            return;
        }
        serveWaiting();
    }

    /** Ends a catch-up: the holder's stream goes on with {@code chunks}. */
    private void releaseBinlog(List<SnapshotChunk> chunks) {
        context.sendEventToSourceReader(holder, new SnapshotEvents.CaughtUp(chunks, catchUpTables));
        catchUp = false;
        catchUpTables = null;
        start = null;
        serveWaiting();
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        if (holdingBinlog && checkpointId >= releaseAtCheckpoint) {
            releaseBinlog();
        }
    }

    private void serveWaiting() {
        List<Integer> readers = new ArrayList<>(waiting);
        waiting.clear();
        for (int reader : readers) {
            if (context.registeredReaders().containsKey(reader)) { // not one that failed meanwhile
                handleSplitRequest(reader, null);
            }
        }
    }

    @Override
    public void addSplitsBack(List<BinlogSourceSplit> splits, int subtaskId) {
        waiting.remove(subtaskId); // a restarted reader asks again
        for (BinlogSourceSplit split : splits) {
            if (split instanceof BinlogSplit binlog) {
                unassigned = binlog;
            } else if (split instanceof SnapshotSplit snapshot) {
                if (!snapshotRunning) {
                    throw new FlinkRuntimeException(
                            "Snapshot split "
                                    + snapshot.splitId()
                                    + " came back after "
                                    + "the binlog stream started; failing so that the whole job restarts from one checkpoint.");
                }
                // read again (what the failed reader emitted since its last checkpoint is gone)
                inFlight.remove(snapshot.splitId());
                finished.remove(snapshot.splitId());
                pending.add(snapshot);
            }
        }
        serveWaiting();
    }

    @Override
    public void addReader(int subtaskId) {
        errorLimit.readerStarted(subtaskId);
    }

    @Override
    public BinlogEnumState snapshotState(long checkpointId) {
        if (holdingBinlog && releaseAtCheckpoint == Long.MAX_VALUE) {
            // taken after the last chunk was reported: its barriers follow every snapshot row
            releaseAtCheckpoint = checkpointId;
        }
        SnapshotProgress progress =
                !snapshotRunning && !catchUp
                        ? null
                        : new SnapshotProgress(
                                start,
                                List.copyOf(toPlan),
                                nextLo,
                                nextIndex,
                                List.copyOf(pending),
                                List.copyOf(inFlight),
                                new LinkedHashMap<>(finished),
                                catchUp,
                                catchUpTables);
        return new BinlogEnumState(unassigned, progress);
    }

    private void closePlanner() {
        if (planner != null) {
            try {
                planner.close();
            } catch (SQLException e) {
                LOG.debug("Closing the snapshot planner's connection failed", e);
            }
            planner = null;
        }
    }

    @Override
    public void close() {
        closePlanner();
    }
}
