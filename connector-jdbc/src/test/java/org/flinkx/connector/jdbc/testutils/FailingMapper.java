package org.flinkx.connector.jdbc.testutils;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToLongFunction;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.table.data.RowData;

/**
 * Passes rows through, fails the job once at the configured point, and records which ids it saw
 * before each checkpoint and after the recovery. A row's id is its BIGINT field 0 unless {@link
 * #reset(FailurePoint, int, ToLongFunction)} says how to compute one (from a key of several
 * columns).
 */
public final class FailingMapper extends RichMapFunction<RowData, RowData>
        implements CheckpointedFunction, CheckpointListener {

    /** Where the failure is injected. */
    public enum FailurePoint {
        /** Thrown while processing a record, after a checkpoint that holds rows completed. */
        AFTER_CHECKPOINT,
        /** Thrown in notifyCheckpointComplete: the checkpoint is done, its commit may not be. */
        BETWEEN_CHECKPOINT_AND_COMMIT
    }

    public static volatile FailurePoint point;
    public static volatile ToLongFunction<RowData> idOf = row -> row.getLong(0);
    public static volatile int failAfterRows;
    public static volatile boolean failed;
    public static volatile long lastCompletedBeforeFailure = -1;
    public static final AtomicInteger seen = new AtomicInteger();
    public static final Map<Integer, Set<Long>> seenBySubtask = new ConcurrentHashMap<>();
    public static final Map<Long, Set<Long>> seenAtCheckpoint = new ConcurrentHashMap<>();
    public static final Set<Long> seenAfterRecovery = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean checkpointCompleted = new AtomicBoolean();

    public static void reset(FailurePoint failurePoint, int rowsBeforeFailure) {
        reset(failurePoint, rowsBeforeFailure, row -> row.getLong(0));
    }

    /** As {@link #reset(FailurePoint, int)}, with a row's id computed by {@code rowId}. */
    public static void reset(
            FailurePoint failurePoint, int rowsBeforeFailure, ToLongFunction<RowData> rowId) {
        idOf = rowId;
        point = failurePoint;
        failAfterRows = rowsBeforeFailure;
        failed = false;
        lastCompletedBeforeFailure = -1;
        seen.set(0);
        seenBySubtask.clear();
        seenAtCheckpoint.clear();
        seenAfterRecovery.clear();
        checkpointCompleted.set(false);
    }

    /** Ids that had passed when the last checkpoint before the failure was taken. */
    public static Set<Long> seenAtRestoredCheckpoint() {
        return seenAtCheckpoint.getOrDefault(lastCompletedBeforeFailure, Set.of());
    }

    @Override
    public RowData map(RowData row) {
        long id = idOf.applyAsLong(row);
        if (getRuntimeContext().getTaskInfo().getAttemptNumber() > 0) {
            seenAfterRecovery.add(id);
        } else {
            seenBySubtask.computeIfAbsent(subtask(), k -> ConcurrentHashMap.newKeySet()).add(id);
        }
        int count = seen.incrementAndGet();
        if (point == FailurePoint.AFTER_CHECKPOINT
                && !failed
                && checkpointCompleted.get()
                && count > failAfterRows) {
            fail();
            throw new RuntimeException("Injected failure after a checkpoint");
        }
        return row;
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {
        if (getRuntimeContext().getTaskInfo().getAttemptNumber() == 0) {
            Set<Long> ids =
                    seenAtCheckpoint.computeIfAbsent(
                            context.getCheckpointId(), k -> ConcurrentHashMap.newKeySet());
            ids.addAll(seenBySubtask.getOrDefault(subtask(), new HashSet<>()));
        }
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        if (getRuntimeContext().getTaskInfo().getAttemptNumber() > 0) {
            return;
        }
        if (!failed) {
            lastCompletedBeforeFailure = Math.max(lastCompletedBeforeFailure, checkpointId);
        }
        // a failure restores a checkpoint that holds rows: one taken before the first row (the
        // source still starting) would make the recovery a fresh start
        if (!seenAtCheckpoint.getOrDefault(checkpointId, Set.of()).isEmpty()) {
            checkpointCompleted.set(true);
        }
        if (point == FailurePoint.BETWEEN_CHECKPOINT_AND_COMMIT
                && !failed
                && seen.get() > failAfterRows) {
            fail();
            throw new RuntimeException("Injected failure between checkpoint and commit");
        }
    }

    private static synchronized void fail() {
        failed = true;
    }

    private int subtask() {
        return getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {}
}
