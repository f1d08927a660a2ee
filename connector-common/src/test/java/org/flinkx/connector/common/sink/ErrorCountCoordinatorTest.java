package org.flinkx.connector.common.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.runtime.executiongraph.ExecutionAttemptID;
import org.apache.flink.runtime.executiongraph.ExecutionGraphID;
import org.apache.flink.runtime.jobgraph.JobVertexID;
import org.apache.flink.runtime.messages.Acknowledge;
import org.apache.flink.runtime.operators.coordination.OperatorCoordinator;
import org.apache.flink.runtime.operators.coordination.OperatorEvent;
import org.apache.flink.runtime.scheduler.strategy.ExecutionVertexID;
import org.flinkx.connector.common.error.ErrorLimitExceededException;
import org.flinkx.connector.common.options.ErrorLimit;
import org.junit.jupiter.api.Test;

class ErrorCountCoordinatorTest {

    private final List<Throwable> failures = new ArrayList<>();
    private final ErrorCountCoordinator coordinator =
            new ErrorCountCoordinator(context(2), "flinkx-test", new ErrorLimit(2, -1));

    @Test
    void failsTheJobWhenTheBadRecordsOfAllSubtasksPassTheLimit() {
        Gateway zero = ready(0, 0);
        Gateway one = ready(1, 0);
        coordinator.handleEventFromOperator(0, 0, new ErrorCountReport(2, 10, false));
        coordinator.handleEventFromOperator(1, 0, new ErrorCountReport(1, 10, true));

        assertThat(failures).hasSize(1);
        assertThat(failures.get(0))
                .isInstanceOf(ErrorLimitExceededException.class)
                .hasMessage(
                        "flinkx-test: 3 bad records passed the limit 'errors.max-count' = 2,"
                                + " counted over all 2 sink subtasks. The bad records are in dirty"
                                + " storage.");
        assertThat(one.sent).as("no ack: the subtask must not end").isEmpty();
        coordinator.handleEventFromOperator(0, 0, new ErrorCountReport(3, 12, true));
        assertThat(failures).as("fails the job once").hasSize(1);
        assertThat(zero.sent).isEmpty();
    }

    @Test
    void acknowledgesALastReportWithinTheLimit() {
        Gateway zero = ready(0, 0);
        coordinator.handleEventFromOperator(0, 0, new ErrorCountReport(1, 10, false));
        assertThat(zero.sent).isEmpty();
        coordinator.handleEventFromOperator(0, 0, new ErrorCountReport(2, 20, true));
        assertThat(zero.sent).singleElement().isInstanceOf(ErrorCountReport.Ack.class);
        assertThat(failures).isEmpty();
    }

    @Test
    void acknowledgesALastReportThatCameBeforeTheSubtasksGateway() {
        coordinator.handleEventFromOperator(1, 0, new ErrorCountReport(0, 3, true));
        Gateway one = ready(1, 0);
        assertThat(one.sent).singleElement().isInstanceOf(ErrorCountReport.Ack.class);
    }

    @Test
    void aRestartedSubtaskCountsFromZero() {
        ready(0, 0);
        ready(1, 0);
        coordinator.handleEventFromOperator(0, 0, new ErrorCountReport(2, 10, false));
        coordinator.handleEventFromOperator(1, 0, new ErrorCountReport(0, 10, false));
        coordinator.executionAttemptFailed(0, 0, new RuntimeException("lost"));
        coordinator.subtaskReset(0, 1);
        Gateway zeroAgain = ready(0, 1);
        coordinator.handleEventFromOperator(1, 0, new ErrorCountReport(1, 12, false));
        assertThat(failures).as("the 2 bad records of attempt 0 are dropped").isEmpty();

        coordinator.handleEventFromOperator(0, 1, new ErrorCountReport(1, 5, true));
        assertThat(zeroAgain.sent).singleElement().isInstanceOf(ErrorCountReport.Ack.class);
        coordinator.handleEventFromOperator(0, 1, new ErrorCountReport(2, 6, false));
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0)).hasMessageContaining("3 bad records");
    }

    @Test
    void aGlobalFailoverDropsAllCounts() {
        coordinator.handleEventFromOperator(0, 0, new ErrorCountReport(2, 10, false));
        coordinator.resetToCheckpoint(OperatorCoordinator.NO_CHECKPOINT, null);
        coordinator.handleEventFromOperator(1, 1, new ErrorCountReport(1, 10, false));
        assertThat(failures).isEmpty();
    }

    private Gateway ready(int subtask, int attempt) {
        Gateway gateway = new Gateway(subtask, attempt);
        coordinator.executionAttemptReady(subtask, attempt, gateway);
        return gateway;
    }

    private OperatorCoordinator.Context context(int parallelism) {
        return (OperatorCoordinator.Context)
                Proxy.newProxyInstance(
                        getClass().getClassLoader(),
                        new Class<?>[] {OperatorCoordinator.Context.class},
                        (proxy, method, args) ->
                                switch (method.getName()) {
                                    case "currentParallelism" -> parallelism;
                                    case "failJob" -> failures.add((Throwable) args[0]);
                                    default -> null;
                                });
    }

    private static final class Gateway implements OperatorCoordinator.SubtaskGateway {
        final List<OperatorEvent> sent = new ArrayList<>();
        final ExecutionAttemptID execution;

        Gateway(int subtask, int attempt) {
            this.execution =
                    new ExecutionAttemptID(
                            new ExecutionGraphID(),
                            new ExecutionVertexID(new JobVertexID(), subtask),
                            attempt);
        }

        @Override
        public CompletableFuture<Acknowledge> sendEvent(OperatorEvent event) {
            sent.add(event);
            return CompletableFuture.completedFuture(Acknowledge.get());
        }

        @Override
        public ExecutionAttemptID getExecution() {
            return execution;
        }

        @Override
        public int getSubtask() {
            return execution.getSubtaskIndex();
        }
    }
}
