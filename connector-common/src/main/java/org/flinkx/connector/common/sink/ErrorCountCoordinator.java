package org.flinkx.connector.common.sink;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.annotation.Internal;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.operators.coordination.OperatorCoordinator;
import org.apache.flink.runtime.operators.coordination.OperatorEvent;
import org.flinkx.connector.common.error.ErrorLimitExceededException;
import org.flinkx.connector.common.error.JobErrorCounts;
import org.flinkx.connector.common.options.ErrorLimit;

/**
 * The error limit of a whole sink, on the JobManager: sums the latest {@link ErrorCountReport} of
 * every subtask ({@link JobErrorCounts}, shared with the sources) and fails the job (without
 * restarts) once the bad records of all subtasks pass the limit. It answers a subtask's last report
 * with {@link ErrorCountReport.Ack} when the job is still within the limit, so that no writer ends
 * before its last bad records were counted. A new attempt of a subtask reports from zero; the
 * counts of its earlier attempts are dropped.
 *
 * <p>Flink calls every method on one thread and this never blocks it; it keeps no state in
 * checkpoints (after a restore every subtask reports again from zero).
 */
@Internal
public final class ErrorCountCoordinator implements OperatorCoordinator {

    private final Context context;
    private final JobErrorCounts counts;
    private final Map<Integer, SubtaskGateway> gateways = new HashMap<>();

    /** Last reports to acknowledge once the subtask's gateway is ready: subtask to attempt. */
    private final Map<Integer, Integer> pendingAcks = new HashMap<>();

    private boolean failed;

    ErrorCountCoordinator(Context context, String connector, ErrorLimit limit) {
        this.context = context;
        this.counts = new JobErrorCounts(connector, "sink", limit);
    }

    @Override
    public void start() {}

    @Override
    public void close() {}

    @Override
    public void handleEventFromOperator(int subtask, int attempt, OperatorEvent event) {
        if (!(event instanceof ErrorCountReport report)) {
            throw new IllegalArgumentException("Unexpected event " + event);
        }
        if (failed || !counts.update(subtask, attempt, report.bad(), report.processed())) {
            return;
        }
        ErrorLimitExceededException exceeded = counts.exceeded(context.currentParallelism());
        if (exceeded != null) {
            failed = true;
            context.failJob(exceeded);
        } else if (report.last()) {
            acknowledge(subtask, attempt);
        }
    }

    private void acknowledge(int subtask, int attempt) {
        SubtaskGateway gateway = gateways.get(subtask);
        if (gateway != null && gateway.getExecution().getAttemptNumber() == attempt) {
            gateway.sendEvent(new ErrorCountReport.Ack());
        } else {
            pendingAcks.put(subtask, attempt);
        }
    }

    @Override
    public void executionAttemptReady(int subtask, int attempt, SubtaskGateway gateway) {
        gateways.put(subtask, gateway);
        counts.attemptStarted(subtask, attempt);
        Integer pending = pendingAcks.remove(subtask);
        if (pending != null && pending == attempt) {
            gateway.sendEvent(new ErrorCountReport.Ack());
        }
    }

    @Override
    public void executionAttemptFailed(int subtask, int attempt, Throwable reason) {
        SubtaskGateway gateway = gateways.get(subtask);
        if (gateway != null && gateway.getExecution().getAttemptNumber() == attempt) {
            gateways.remove(subtask);
        }
    }

    @Override
    public void subtaskReset(int subtask, long checkpointId) {
        counts.restarted(subtask);
        pendingAcks.remove(subtask);
    }

    @Override
    public void resetToCheckpoint(long checkpointId, byte[] checkpointData) {
        counts.clear();
        pendingAcks.clear();
    }

    @Override
    public void checkpointCoordinator(long checkpointId, CompletableFuture<byte[]> result) {
        result.complete(new byte[0]);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {}

    /** Creates the coordinator on the JobManager. */
    static final class Provider implements OperatorCoordinator.Provider {
        private static final long serialVersionUID = 1L;

        private final OperatorID operatorId;
        private final String connector;
        private final ErrorLimit limit;

        Provider(OperatorID operatorId, String connector, ErrorLimit limit) {
            this.operatorId = operatorId;
            this.connector = connector;
            this.limit = limit;
        }

        @Override
        public OperatorID getOperatorId() {
            return operatorId;
        }

        @Override
        public OperatorCoordinator create(Context context) {
            return new ErrorCountCoordinator(context, connector, limit);
        }
    }
}
