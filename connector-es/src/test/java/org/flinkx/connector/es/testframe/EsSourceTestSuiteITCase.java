package org.flinkx.connector.es.testframe;

import static org.apache.flink.runtime.testutils.CommonTestUtils.waitForAllTaskRunning;
import static org.apache.flink.runtime.testutils.CommonTestUtils.waitForJobStatus;
import static org.apache.flink.runtime.testutils.CommonTestUtils.waitUntilCondition;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RpcOptions;
import org.apache.flink.connector.testframe.environment.ClusterControllable;
import org.apache.flink.connector.testframe.environment.MiniClusterTestEnvironment;
import org.apache.flink.connector.testframe.environment.TestEnvironment;
import org.apache.flink.connector.testframe.environment.TestEnvironmentSettings;
import org.apache.flink.connector.testframe.external.ExternalContextFactory;
import org.apache.flink.connector.testframe.external.ExternalSystemSplitDataWriter;
import org.apache.flink.connector.testframe.external.source.DataStreamSourceExternalContext;
import org.apache.flink.connector.testframe.external.source.TestingSourceSettings;
import org.apache.flink.connector.testframe.junit.annotations.TestContext;
import org.apache.flink.connector.testframe.junit.annotations.TestEnv;
import org.apache.flink.connector.testframe.junit.annotations.TestSemantics;
import org.apache.flink.connector.testframe.utils.MetricQuerier;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.metrics.MetricNames;
import org.apache.flink.runtime.rest.RestClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.CheckpointConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.collect.CollectResultIterator;
import org.apache.flink.streaming.api.operators.collect.CollectSinkOperatorFactory;
import org.apache.flink.streaming.api.operators.collect.CollectStreamSink;
import org.apache.flink.streaming.util.RestartStrategyUtils;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.CloseableIterator;
import org.flinkx.connector.jdbc.testframe.LeftoverJobs;
import org.flinkx.connector.jdbc.testframe.TestRowSourceTestSuiteBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.Timeout;

/**
 * Flink's connector testing framework against the Elasticsearch source and a real node
 * (Elasticsearch 7.10, read by scroll, or OpenSearch 2.19, read in a point in time; one per
 * failsafe execution), for both semantics. See {@link EsSourceExternalContext} for how the
 * framework's splits map to the source's slices (one shard each).
 *
 * <p>The framework's bounded cases (single split, multiple splits, idle reader) run unchanged. Its
 * other five cases need an unbounded source: they take a savepoint or kill a TaskManager while the
 * job runs, then write more data for the running or restarted job to read, and read metrics of a
 * job that never ends. The Elasticsearch source is bounded only (a search over what the index holds
 * when the job starts), so the context refuses {@code CONTINUOUS_UNBOUNDED} (the framework would
 * abort those cases) and this suite overrides them with their bounded counterparts, which check
 * what the source promises instead: a bounded read stopped or failed in the middle goes on from
 * where it was, nothing lost and, for exactly-once, nothing twice.
 *
 * <ul>
 *   <li>savepoint, scale up, scale down: stop the job with a savepoint in the middle of the read (4
 *       splits, parallelism 4, 2, 4), restart it from the savepoint with parallelism 4, 4, 2, and
 *       check all records of the two runs together, each split in order;
 *   <li>metrics: the source's {@code numRecordsIn} equals the records written, read while a sink
 *       holds the finished read's tasks open;
 *   <li>TaskManager failure: kill the TaskManager in the middle of the read of one split; the
 *       restarted job reads on from its last checkpoint: the records after the failure are the rest
 *       of the split, in order.
 * </ul>
 *
 * <p>To stop or fail a job in the middle of a read of a few dozen documents, the records are held
 * for a moment behind the source ({@link Pace}) until the test has stopped or failed the job.
 * Several framework checks wait without a limit; the timeout turns a hang into a failure, and jobs
 * a failed test left running are cancelled after each test.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class EsSourceTestSuiteITCase extends TestRowSourceTestSuiteBase {

    private static final int SPLITS = EsSourceExternalContext.SPLITS;
    private static final String COLLECT_UID = "collect";

    /** The records read before the TaskManager fails; the rest of the split is read after it. */
    private static final int BEFORE_FAILURE = 5;

    @TestEnv MiniClusterTestEnvironment flink = new MiniClusterTestEnvironment();

    @TestContext
    ExternalContextFactory<EsSourceExternalContext> elasticsearch =
            EsSourceExternalContext.factory(TestRowDocuments::sharedServer);

    @TestSemantics
    CheckpointingMode[] semantics = {
        CheckpointingMode.EXACTLY_ONCE, CheckpointingMode.AT_LEAST_ONCE
    };

    @AfterEach
    void cancelLeftoverJobs() throws Exception {
        LeftoverJobs.cancel(flink);
    }

    // ------------------------------------------------ bounded counterparts of the unbounded cases

    @TestTemplate
    @DisplayName("Test source restarting from a savepoint (bounded: stopped in the middle)")
    @Override
    public void testSavepoint(
            TestEnvironment testEnv,
            DataStreamSourceExternalContext<RowData> externalContext,
            CheckpointingMode semantic)
            throws Exception {
        restartInTheMiddle(testEnv, externalContext, semantic, 4, 4);
    }

    @TestTemplate
    @DisplayName(
            "Test source restarting with a higher parallelism (bounded: stopped in the middle)")
    @Override
    public void testScaleUp(
            TestEnvironment testEnv,
            DataStreamSourceExternalContext<RowData> externalContext,
            CheckpointingMode semantic)
            throws Exception {
        restartInTheMiddle(testEnv, externalContext, semantic, 2, 4);
    }

    @TestTemplate
    @DisplayName("Test source restarting with a lower parallelism (bounded: stopped in the middle)")
    @Override
    public void testScaleDown(
            TestEnvironment testEnv,
            DataStreamSourceExternalContext<RowData> externalContext,
            CheckpointingMode semantic)
            throws Exception {
        restartInTheMiddle(testEnv, externalContext, semantic, 4, 2);
    }

    /**
     * Writes {@value #SPLITS} splits, reads with {@code before} subtasks until each could have
     * passed two records, stops the job with a savepoint, restarts it from the savepoint with
     * {@code after} subtasks, and checks the records of both runs together. The collect iterator
     * goes on across the restart (its sink's buffer is part of the savepoint), as in the
     * framework's restart test; checkpoints are exactly-once, as there.
     */
    private void restartInTheMiddle(
            TestEnvironment testEnv,
            DataStreamSourceExternalContext<RowData> externalContext,
            CheckpointingMode semantic,
            int before,
            int after)
            throws Exception {
        TestingSourceSettings settings = bounded(semantic);
        List<List<RowData>> testData = new ArrayList<>();
        for (int i = 0; i < SPLITS; i++) {
            testData.add(generateAndWriteTestData(i, externalContext, settings));
        }
        int total = getTestDataSize(testData);
        String pace = Pace.slow();
        try {
            StreamExecutionEnvironment env =
                    testEnv.createExecutionEnvironment(envSettings(externalContext, null));
            env.enableCheckpointing(50);
            RestartStrategyUtils.configureNoRestartStrategy(env);
            String accumulator = accumulatorName();
            Collector collector =
                    collect(pacedSource(env, externalContext, settings, before, pace), accumulator);
            JobClient first = env.executeAsync("Restart Test (bounded), before");

            CollectResultIterator<RowData> iterator = collector.iterator(first);
            List<RowData> received = new ArrayList<>();
            int stopAfter = 2 * before;
            try {
                while (received.size() < stopAfter && iterator.hasNext()) {
                    received.add(iterator.next());
                }
            } catch (RuntimeException e) {
                iterator.close();
                throw e;
            }
            assertThat(received)
                    .as("records before the savepoint (the job ended before the test stopped it)")
                    .hasSize(stopAfter);
            // No hasNext() until the restarted job is set: on a stopped job it would end.
            String savepoint =
                    first.stopWithSavepoint(
                                    false,
                                    testEnv.getCheckpointUri(),
                                    SavepointFormatType.CANONICAL)
                            .get(30, TimeUnit.SECONDS);
            waitForJobStatus(first, List.of(JobStatus.FINISHED));

            Pace.release(pace);
            StreamExecutionEnvironment restartEnv =
                    testEnv.createExecutionEnvironment(envSettings(externalContext, savepoint));
            restartEnv.enableCheckpointing(50);
            collect(pacedSource(restartEnv, externalContext, settings, after, pace), accumulator);
            JobClient second = restartEnv.executeAsync("Restart Test (bounded), after");
            iterator.setJobClient(second);
            try {
                while (iterator.hasNext()) {
                    received.add(iterator.next());
                }
                waitForJobStatus(second, List.of(JobStatus.FINISHED));
            } finally {
                iterator.close();
            }
            assertThat(Pace.passedAfterRelease(pace))
                    .as("records the restarted job read (of %s)", total)
                    .isPositive();
            checkResultWithSemantic(
                    CloseableIterator.adapterForIterator(received.iterator()),
                    testData,
                    semantic,
                    null);
        } finally {
            Pace.forget(pace);
        }
    }

    @TestTemplate
    @DisplayName("Test source metrics (bounded: read while the finished read is held open)")
    @Override
    public void testSourceMetrics(
            TestEnvironment testEnv,
            DataStreamSourceExternalContext<RowData> externalContext,
            CheckpointingMode semantic)
            throws Exception {
        TestingSourceSettings settings = bounded(semantic);
        List<List<RowData>> testData = new ArrayList<>();
        for (int i = 0; i < SPLITS; i++) {
            testData.add(generateAndWriteTestData(i, externalContext, settings));
        }
        int total = getTestDataSize(testData);
        String sourceName = "metricTestSource" + testData.hashCode();
        StreamExecutionEnvironment env =
                testEnv.createExecutionEnvironment(envSettings(externalContext, null));
        HoldAtEnd hold = HoldAtEnd.closed();
        env.fromSource(
                        tryCreateSource(externalContext, settings),
                        WatermarkStrategy.noWatermarks(),
                        sourceName)
                .setParallelism(SPLITS)
                .sinkTo(hold)
                .setParallelism(SPLITS); // chained: the source's task stays open with the sink
        JobClient job = env.executeAsync("Metrics Test (bounded)");

        MetricQuerier metrics = new MetricQuerier(new Configuration());
        ExecutorService executor = Executors.newCachedThreadPool();
        try {
            waitForAllTaskRunning(
                    () ->
                            MetricQuerier.getJobDetails(
                                    new RestClient(new Configuration(), executor),
                                    testEnv.getRestEndpoint(),
                                    job.getJobID()));
            waitUntilCondition(
                    () -> {
                        try {
                            Double numRecordsIn =
                                    metrics.getAggregatedMetricsByRestAPI(
                                            testEnv.getRestEndpoint(),
                                            job.getJobID(),
                                            sourceName,
                                            MetricNames.IO_NUM_RECORDS_IN,
                                            null);
                            return numRecordsIn != null && numRecordsIn == total;
                        } catch (Exception e) {
                            return false; // not reported yet
                        }
                    });
            HoldAtEnd.open(hold.gate());
            waitForJobStatus(job, List.of(JobStatus.FINISHED));
        } finally {
            HoldAtEnd.open(hold.gate());
            executor.shutdown();
        }
    }

    @TestTemplate
    @DisplayName("Test TaskManager failure (bounded: failed in the middle of the read)")
    @Override
    public void testTaskManagerFailure(
            TestEnvironment testEnv,
            DataStreamSourceExternalContext<RowData> externalContext,
            ClusterControllable controller,
            CheckpointingMode semantic)
            throws Exception {
        TestingSourceSettings settings = bounded(semantic);
        ExternalSystemSplitDataWriter<RowData> writer =
                externalContext.createSourceSplitDataWriter(settings);
        List<RowData> split =
                new ArrayList<>(generateTestDataForWriter(externalContext, settings, 0, writer));
        split.addAll(generateTestDataForWriter(externalContext, settings, 0, writer));
        String pace = Pace.slow();
        try {
            StreamExecutionEnvironment env =
                    testEnv.createExecutionEnvironment(envSettings(externalContext, null));
            env.enableCheckpointing(50);
            Collector collector =
                    collect(
                            pacedSource(env, externalContext, settings, 1, pace),
                            accumulatorName());
            JobClient job = submitJob(env, "TaskManager Failover Test (bounded)");
            try (CollectResultIterator<RowData> iterator = collector.iterator(job)) {
                checkResultWithSemantic(iterator, List.of(split), semantic, BEFORE_FAILURE);

                controller.triggerTaskManagerFailover(job, () -> {});
                waitForJobStatus(job, List.of(JobStatus.RUNNING));
                Pace.release(pace);

                checkResultWithSemantic(
                        iterator,
                        List.of(split.subList(BEFORE_FAILURE, split.size())),
                        semantic,
                        null);
                waitForJobStatus(job, List.of(JobStatus.FINISHED));
                assertThat(Pace.passedAfterRelease(pace))
                        .as("records the job read after it recovered")
                        .isPositive();
            }
        } finally {
            Pace.forget(pace);
        }
    }

    // ------------------------------------------------------------------------------- helpers

    private static TestingSourceSettings bounded(CheckpointingMode semantic) {
        return TestingSourceSettings.builder()
                .setBoundedness(Boundedness.BOUNDED)
                .setCheckpointingMode(semantic)
                .build();
    }

    private static TestEnvironmentSettings envSettings(
            DataStreamSourceExternalContext<RowData> externalContext, String savepoint) {
        TestEnvironmentSettings.Builder builder =
                TestEnvironmentSettings.builder()
                        .setConnectorJarPaths(externalContext.getConnectorJarPaths());
        if (savepoint != null) {
            builder.setSavepointRestorePath(savepoint);
        }
        return builder.build();
    }

    /** The source and, chained behind it, the pace, both with this parallelism and fixed uids. */
    private DataStream<RowData> pacedSource(
            StreamExecutionEnvironment env,
            DataStreamSourceExternalContext<RowData> externalContext,
            TestingSourceSettings settings,
            int parallelism,
            String pace) {
        return env.fromSource(
                        tryCreateSource(externalContext, settings),
                        WatermarkStrategy.noWatermarks(),
                        "Tested Source")
                .uid("source")
                .setParallelism(parallelism)
                .map(new Pace(pace))
                .returns(externalContext.getProducedType())
                .uid("pace")
                .setParallelism(parallelism);
    }

    private static String accumulatorName() {
        return "dataStreamCollect_" + UUID.randomUUID();
    }

    /**
     * The framework's collect sink (as its {@code addCollectSink}, whose iterator builder is not
     * reachable from a subclass in another package), with a fixed uid and the given accumulator: a
     * job restored from a savepoint restores the sink's buffer, and the same iterator reads on and,
     * when the restored job finished, finds the last results under the same accumulator.
     */
    private static Collector collect(DataStream<RowData> stream, String accumulator) {
        TypeSerializer<RowData> serializer =
                stream.getType()
                        .createSerializer(stream.getExecutionConfig().getSerializerConfig());
        CollectStreamSink<RowData> sink =
                new CollectStreamSink<>(
                        stream, new CollectSinkOperatorFactory<>(serializer, accumulator));
        sink.name("Data stream collect sink");
        sink.uid(COLLECT_UID);
        stream.getExecutionEnvironment().addOperator(sink.getTransformation());
        return new Collector(
                serializer, accumulator, stream.getExecutionEnvironment().getCheckpointConfig());
    }

    private record Collector(
            TypeSerializer<RowData> serializer, String accumulator, CheckpointConfig checkpoints) {

        CollectResultIterator<RowData> iterator(JobClient job) {
            CollectResultIterator<RowData> iterator =
                    new CollectResultIterator<>(
                            COLLECT_UID,
                            serializer,
                            accumulator,
                            checkpoints,
                            RpcOptions.ASK_TIMEOUT_DURATION.defaultValue().toMillis());
            iterator.setJobClient(job);
            return iterator;
        }
    }
}
