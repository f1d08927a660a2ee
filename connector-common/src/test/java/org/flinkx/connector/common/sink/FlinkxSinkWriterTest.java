package org.flinkx.connector.common.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.apache.flink.api.common.TaskInfoImpl;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.runtime.metrics.groups.InternalSinkWriterMetricGroup;
import org.apache.flink.streaming.runtime.tasks.TestProcessingTimeService;
import org.flinkx.connector.common.error.ErrorLimitExceededException;
import org.flinkx.connector.common.options.DirtyDataConfig;
import org.flinkx.connector.common.options.DirtySinkKind;
import org.flinkx.connector.common.options.ErrorLimit;
import org.flinkx.connector.common.options.RateLimit;
import org.flinkx.connector.common.options.SinkBufferConfig;
import org.flinkx.connector.common.retry.ErrorClassifier;
import org.junit.jupiter.api.Test;

/** The sink core against a target that records what it is asked to do. */
class FlinkxSinkWriterTest {

    /** Rows are "key=value" strings; the key is what precedes '='. */
    private static final class RecordingTarget implements TargetWriter<String, String, String> {
        final List<String> events = new CopyOnWriteArrayList<>();
        final boolean keyed;
        CountDownLatch blockFirstWrite;
        final CountDownLatch writeStarted = new CountDownLatch(1);
        CountDownLatch finishAfterInterrupt;
        int transientFailures;
        boolean refuseCredentials;
        List<String> reject = List.of();

        RecordingTarget(boolean keyed) {
            this.keyed = keyed;
        }

        @Override
        public String describe() {
            return "t at db:1";
        }

        @Override
        public ErrorClassifier errors() {
            return new ErrorClassifier() {
                @Override
                public boolean isTransient(Throwable error) {
                    return error instanceof ConnectException;
                }

                @Override
                public boolean isUnrecoverable(Throwable error) {
                    for (Throwable t = error; t != null; t = t.getCause()) {
                        if (t instanceof SecurityException) {
                            return true;
                        }
                    }
                    return false;
                }
            };
        }

        @Override
        public long sizeOf(String row) {
            return row.length();
        }

        @Override
        public Object keyOf(String row) {
            return keyed ? row.substring(0, row.indexOf('=')) : null;
        }

        @Override
        public void abortLeftovers(Restore<String> restore) {
            events.add("leftovers " + restore.restoredCheckpoint() + " " + restore.states());
        }

        @Override
        public void begin(long checkpointId) {
            events.add("begin " + checkpointId);
        }

        @Override
        public List<Rejected> write(Batch<String> written) throws Exception {
            List<String> batch = written.rows();
            if (blockFirstWrite != null) {
                CountDownLatch latch = blockFirstWrite;
                blockFirstWrite = null;
                writeStarted.countDown();
                try {
                    latch.await();
                } catch (InterruptedException e) {
                    events.add("interrupted " + batch);
                    if (finishAfterInterrupt != null) {
                        finishAfterInterrupt.await(); // a write that takes a while to stop
                    }
                    events.add("write ended");
                    throw e;
                }
            }
            if (refuseCredentials) {
                throw new SecurityException("user 'u' refused");
            }
            if (transientFailures > 0) {
                transientFailures--;
                events.add("failed " + batch);
                throw new ConnectException("Connection refused: db:1");
            }
            events.add("write " + batch);
            List<Rejected> rejected = new ArrayList<>();
            for (String row : batch) {
                if (reject.contains(row)) {
                    rejected.add(
                            new Rejected(
                                    "t",
                                    row,
                                    "constraint",
                                    new IllegalArgumentException("bad " + row)));
                }
            }
            return rejected;
        }

        @Override
        public void recover() {
            events.add("recover");
        }

        @Override
        public Collection<String> prepareCommit() {
            events.add("prepare");
            return List.of("txn");
        }

        @Override
        public List<String> snapshotState(long checkpointId) {
            return List.of("state-" + checkpointId);
        }

        @Override
        public void close() {
            events.add("close");
        }
    }

    private static SinkSettings settings(int maxRows, long errors) {
        return new SinkSettings(
                "test",
                new SinkBufferConfig(maxRows, 0, Duration.ZERO, 3, Duration.ZERO),
                DeliveryGuarantee.AT_LEAST_ONCE,
                RateLimit.UNLIMITED,
                new ErrorLimit(errors, -1),
                new DirtyDataConfig(DirtySinkKind.LOG, null));
    }

    private static WriterInitContext context(OptionalLong restoredCheckpoint) {
        InternalSinkWriterMetricGroup metrics =
                InternalSinkWriterMetricGroup.wrap(
                        UnregisteredMetricsGroup.createOperatorMetricGroup());
        TaskInfoImpl task = new TaskInfoImpl("sink", 1, 0, 1, 0);
        TestProcessingTimeService clock = new TestProcessingTimeService();
        return (WriterInitContext)
                Proxy.newProxyInstance(
                        FlinkxSinkWriterTest.class.getClassLoader(),
                        new Class<?>[] {WriterInitContext.class},
                        (proxy, method, args) ->
                                switch (method.getName()) {
                                    case "metricGroup" -> metrics;
                                    case "getTaskInfo" -> task;
                                    case "getRestoredCheckpointId" -> restoredCheckpoint;
                                    case "isObjectReuseEnabled" -> false;
                                    case "getProcessingTimeService" -> clock;
                                    default -> null;
                                });
    }

    private static FlinkxSinkWriter<String, String, String> writer(
            RecordingTarget target, SinkSettings settings, OptionalLong restored) throws Exception {
        return new FlinkxSinkWriter<>(
                context(restored),
                settings,
                target,
                restored.isPresent() ? List.of("old") : List.of());
    }

    @Test
    void batchesReachTheTargetInOrderWithEachKeysLastChange() throws Exception {
        RecordingTarget target = new RecordingTarget(true);
        try (var writer = writer(target, settings(4, 0), OptionalLong.empty())) {
            for (String row : List.of("a=1", "b=1", "a=2", "c=1", "b=2", "d=1")) {
                writer.write(row, null);
            }
            writer.flush(false);
            assertThat(writer.prepareCommit()).containsExactly("txn");
        }
        assertThat(target.events)
                .containsExactly(
                        "leftovers OptionalLong.empty []",
                        "begin 1",
                        "write [b=1, a=2, c=1]",
                        "write [b=2, d=1]",
                        "prepare",
                        "close");
    }

    @Test
    void theNextBatchFillsWhileThePreviousOneIsWritten() throws Exception {
        RecordingTarget target = new RecordingTarget(false);
        CountDownLatch release = new CountDownLatch(1);
        target.blockFirstWrite = release;
        try (var writer = writer(target, settings(2, 0), OptionalLong.empty())) {
            writer.write("a=1", null);
            writer.write("b=1", null); // full: handed to the flush thread, which blocks
            writer.write("c=1", null); // returns although the first batch is not written yet
            assertThat(target.events).doesNotContain("write [a=1, b=1]");
            release.countDown();
            writer.write("d=1", null); // full again: waits for the first batch, then hands over
            writer.flush(false);
        }
        assertThat(target.events).containsSubsequence("write [a=1, b=1]", "write [c=1, d=1]");
    }

    @Test
    void closingWhileABatchIsInFlightClosesTheTargetOnlyAfterTheFlushThreadStopped()
            throws Exception {
        RecordingTarget target = new RecordingTarget(false);
        target.blockFirstWrite = new CountDownLatch(1); // never released: only an interrupt ends it
        target.finishAfterInterrupt = new CountDownLatch(1);
        var writer = writer(target, settings(2, 0), OptionalLong.empty());
        writer.write("a=1", null);
        writer.write("b=1", null); // full: handed to the flush thread, which blocks in write
        target.writeStarted.await();
        Thread closer = new Thread(() -> closeQuietly(writer), "closer");
        closer.start(); // as a cancelled or failed task closes its writer
        while (closer.getState() != Thread.State.TIMED_WAITING
                && closer.getState() != Thread.State.TERMINATED) {
            Thread.onSpinWait();
        }
        // closing waits for the interrupted write instead of closing the target under it
        assertThat(target.events).doesNotContain("close");
        target.finishAfterInterrupt.countDown();
        closer.join();
        assertThat(target.events)
                .containsSubsequence("interrupted [a=1, b=1]", "write ended", "close");
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void transientFailuresAreRetriedAfterRecoveryAndTransactionsFollowTheCheckpoints()
            throws Exception {
        RecordingTarget target = new RecordingTarget(false);
        target.transientFailures = 2;
        try (var writer = writer(target, settings(10, 0), OptionalLong.of(7))) {
            writer.write("a=1", null);
            writer.flush(false);
            writer.prepareCommit();
            assertThat(writer.snapshotState(8)).containsExactly("state-8");
            writer.write("b=1", null);
            writer.flush(false);
        }
        assertThat(target.events)
                .containsExactly(
                        "leftovers OptionalLong[7] [old]",
                        "begin 8",
                        "failed [a=1]",
                        "recover",
                        "failed [a=1]",
                        "recover",
                        "write [a=1]",
                        "prepare",
                        "begin 9",
                        "write [b=1]",
                        "close");
    }

    @Test
    void aFailedBatchFailsTheTaskWithTheAttemptsAndTheLastError() throws Exception {
        RecordingTarget target = new RecordingTarget(false);
        target.transientFailures = 10;
        try (var writer = writer(target, settings(10, 0), OptionalLong.empty())) {
            writer.write("a=1", null);
            assertThatThrownBy(() -> writer.flush(false))
                    .hasMessage(
                            "Writing 1 buffered rows to t at db:1 failed after 4 attempts: Connection refused: db:1");
        }
    }

    /** An error the target calls unrecoverable fails the job without restarts. */
    @Test
    void anUnrecoverableFailureSuppressesRestarts() throws Exception {
        RecordingTarget target = new RecordingTarget(false);
        target.refuseCredentials = true;
        try (var writer = writer(target, settings(10, 0), OptionalLong.empty())) {
            writer.write("a=1", null);
            assertThatThrownBy(() -> writer.flush(false))
                    .isInstanceOf(
                            org.apache.flink.runtime.execution.SuppressRestartsException.class)
                    .hasMessageContaining("Writing 1 buffered rows to t at db:1 failed")
                    .hasMessageContaining("user 'u' refused");
        }
    }

    @Test
    void rejectedRowsGoToDirtyStorageAndPassingTheLimitFailsTheJob() throws Exception {
        RecordingTarget target = new RecordingTarget(false);
        target.reject = List.of("b=1", "c=1");
        try (var writer = writer(target, settings(10, 1), OptionalLong.empty())) {
            writer.write("a=1", null);
            writer.write("b=1", null);
            writer.write("c=1", null);
            assertThatThrownBy(() -> writer.flush(false))
                    .isInstanceOf(ErrorLimitExceededException.class)
                    .hasMessageContaining("2 bad records passed the limit 'errors.max-count' = 1")
                    .hasMessageContaining("bad c=1");
        }
    }
}
