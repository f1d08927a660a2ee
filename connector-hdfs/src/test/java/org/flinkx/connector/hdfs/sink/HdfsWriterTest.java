package org.flinkx.connector.hdfs.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobInfo;
import org.apache.flink.api.common.JobInfoImpl;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.common.TaskInfoImpl;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.runtime.metrics.groups.InternalSinkWriterMetricGroup;
import org.apache.flink.streaming.runtime.tasks.TestProcessingTimeService;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.util.SimpleUserCodeClassLoader;
import org.apache.flink.util.UserCodeClassLoader;
import org.flinkx.connector.common.options.SinkBufferConfig;
import org.flinkx.connector.hdfs.config.FileFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rolling and clean-up of the writer, driven by a manual clock (no real time involved). */
class HdfsWriterTest {

    private static final RowType TYPE =
            (RowType)
                    DataTypes.ROW(
                                    DataTypes.FIELD("id", DataTypes.BIGINT()),
                                    DataTypes.FIELD("s", DataTypes.STRING()))
                            .getLogicalType();

    @TempDir Path dir;

    private HdfsSink sink(long fileSize) {
        return HdfsSink.builder()
                .path(dir.toUri().toString())
                .rowType(TYPE)
                .format(FileFormat.TEXT)
                .rollingPolicy(fileSize, Duration.ofSeconds(10), Duration.ofSeconds(1))
                // Every row is its own batch, handed over at the time the test sets.
                .buffer(new SinkBufferConfig(1, 0, Duration.ZERO, 0, Duration.ZERO))
                .build();
    }

    private static GenericRowData row(long id) {
        return GenericRowData.of(id, StringData.fromString("row-" + id));
    }

    @Test
    void rollsAFileThatWasOpenLongerThanTheRolloverInterval() throws Exception {
        TestProcessingTimeService clock = new TestProcessingTimeService();
        clock.setCurrentTime(0);
        try (var writer = sink(1 << 20).createWriter(new Context(clock, OptionalLong.empty()))) {
            writer.write(row(1), null);
            clock.setCurrentTime(9_000);
            writer.write(row(2), null);
            clock.setCurrentTime(10_500); // the check at 10 s rolls the file opened at 0
            writer.write(row(3), null); // a new file
            Collection<HdfsCommittable> committables = writer.prepareCommit();
            assertThat(committables).hasSize(2);
            assertThat(lines(committables))
                    .containsExactly(
                            List.of("1\u0001row-1", "2\u0001row-2"), List.of("3\u0001row-3"));
        }
    }

    @Test
    void rollsAtTheFileSizeAndEveryCheckpoint() throws Exception {
        TestProcessingTimeService clock = new TestProcessingTimeService();
        try (var writer = sink(20).createWriter(new Context(clock, OptionalLong.empty()))) {
            for (long i = 1; i <= 5; i++) {
                writer.write(row(i), null); // 8 bytes a line: a file is full after 3 lines
            }
            Collection<HdfsCommittable> first = writer.prepareCommit();
            assertThat(lines(first))
                    .containsExactly(
                            List.of("1\u0001row-1", "2\u0001row-2", "3\u0001row-3"),
                            List.of("4\u0001row-4", "5\u0001row-5"));
            writer.snapshotState(1);
            assertThat(writer.prepareCommit()).isEmpty();
            writer.write(row(6), null);
            Collection<HdfsCommittable> second = writer.prepareCommit();
            assertThat(second)
                    .singleElement()
                    .satisfies(c -> assertThat(c.tempFile()).contains("-0-2-"));
        }
    }

    @Test
    void aRestartDeletesWhatAnEarlierAttemptLeftAfterTheRestoredCheckpoint() throws Exception {
        TestProcessingTimeService clock = new TestProcessingTimeService();
        List<HdfsCommittable> kept = new ArrayList<>();
        String runId;
        // The task "fails": the writer is never closed, its files stay.
        var first = sink(1 << 20).createWriter(new Context(clock, OptionalLong.empty()));
        first.write(row(1), null);
        kept.addAll(first.prepareCommit()); // in checkpoint 1, not yet committed
        runId = first.snapshotState(1).get(0).runId();
        first.write(row(2), null);
        first.prepareCommit(); // for checkpoint 2, which never completes
        first.snapshotState(2);
        first.write(row(3), null); // open when the task fails
        first.flush(false); // (written by the flush thread by now)
        assertThat(tempFiles()).hasSize(3);
        try (var restored =
                sink(1 << 20)
                        .restoreWriter(
                                new Context(clock, OptionalLong.of(1)),
                                List.of(new HdfsWriterState(runId)))) {
            assertThat(tempFiles())
                    .containsExactly(Path.of(kept.get(0).tempFile().substring("file:".length())));
        }
    }

    private List<Path> tempFiles() throws Exception {
        try (Stream<Path> files = Files.walk(dir.resolve(".data"))) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .toList();
        }
    }

    private static List<List<String>> lines(Collection<HdfsCommittable> committables)
            throws Exception {
        List<List<String>> result = new ArrayList<>();
        for (HdfsCommittable c : committables) {
            result.add(Files.readAllLines(Path.of(java.net.URI.create(c.tempFile()))));
        }
        return result;
    }

    /** Just enough of a sink writer's task environment. */
    private static final class Context implements WriterInitContext {
        private final TestProcessingTimeService clock;
        private final OptionalLong restored;
        private final JobID job = new JobID(1, 2);

        Context(TestProcessingTimeService clock, OptionalLong restored) {
            this.clock = clock;
            this.restored = restored;
        }

        @Override
        public UserCodeClassLoader getUserCodeClassLoader() {
            return SimpleUserCodeClassLoader.create(getClass().getClassLoader());
        }

        @Override
        public MailboxExecutor getMailboxExecutor() {
            throw new UnsupportedOperationException();
        }

        @Override
        public ProcessingTimeService getProcessingTimeService() {
            return clock;
        }

        @Override
        public SinkWriterMetricGroup metricGroup() {
            return InternalSinkWriterMetricGroup.wrap(
                    UnregisteredMetricsGroup.createOperatorMetricGroup());
        }

        @Override
        public SerializationSchema.InitializationContext
                asSerializationSchemaInitializationContext() {
            return new SerializationSchema.InitializationContext() {
                @Override
                public MetricGroup getMetricGroup() {
                    return new UnregisteredMetricsGroup();
                }

                @Override
                public UserCodeClassLoader getUserCodeClassLoader() {
                    return Context.this.getUserCodeClassLoader();
                }
            };
        }

        @Override
        public boolean isObjectReuseEnabled() {
            return false;
        }

        @Override
        public <IN> TypeSerializer<IN> createInputSerializer() {
            throw new UnsupportedOperationException();
        }

        @Override
        public OptionalLong getRestoredCheckpointId() {
            return restored;
        }

        @Override
        public JobInfo getJobInfo() {
            return new JobInfoImpl(job, "test");
        }

        @Override
        public TaskInfo getTaskInfo() {
            return new TaskInfoImpl("writer", 1, 0, 1, 0);
        }
    }
}
