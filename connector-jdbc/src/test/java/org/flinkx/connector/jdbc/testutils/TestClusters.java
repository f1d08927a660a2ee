package org.flinkx.connector.jdbc.testutils;

import java.util.concurrent.ExecutionException;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** The shared MiniCluster set-up of the ITCases: one per test class, one TaskManager. */
public final class TestClusters {

    public static MiniClusterExtension withSlots(int slots) {
        return withSlots(slots, new Configuration());
    }

    public static MiniClusterExtension withSlots(int slots, Configuration configuration) {
        return new MiniClusterExtension(
                new MiniClusterResourceConfiguration.Builder()
                        .setNumberTaskManagers(1)
                        .setNumberSlotsPerTaskManager(slots)
                        .setConfiguration(configuration)
                        .build());
    }

    /** An environment on the class's MiniCluster that fails at once instead of restarting. */
    public static StreamExecutionEnvironment environment(int parallelism) {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        return env;
    }

    /**
     * Checkpointing on and no restart strategy set: Flink's default, which restarts a failed job
     * without end. For tests that show a failure fails the job at once anyway.
     */
    public static StreamExecutionEnvironment defaultRestarts(int parallelism) {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(new Configuration());
        env.setParallelism(parallelism);
        env.enableCheckpointing(200);
        return env;
    }

    /**
     * A streaming environment on the class's MiniCluster that checkpoints every {@code
     * checkpointMillis} and restarts a failed job up to 3 times: for failover tests.
     */
    public static StreamExecutionEnvironment restartingEnvironment(
            int parallelism, long checkpointMillis) {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(
                RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY,
                java.time.Duration.ofMillis(200));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        env.setRuntimeMode(org.apache.flink.api.common.RuntimeExecutionMode.STREAMING);
        env.enableCheckpointing(checkpointMillis);
        return env;
    }

    /**
     * A streaming environment that checkpoints every 300 ms and restarts a failed job every 500 ms,
     * up to 60 times: for jobs that must ride out a server that is down for a few seconds.
     */
    public static StreamExecutionEnvironment restartingThroughOutages(int parallelism) {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 60);
        conf.set(
                RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY,
                java.time.Duration.ofMillis(500));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        env.enableCheckpointing(300);
        return env;
    }

    /** {@link #restartingEnvironment} for a job that starts from the given savepoint. */
    public static StreamExecutionEnvironment restoredEnvironment(
            int parallelism, long checkpointMillis, String savepoint) {
        StreamExecutionEnvironment env = restartingEnvironment(parallelism, checkpointMillis);
        env.configure(
                Configuration.fromMap(
                        java.util.Map.of(
                                org.apache.flink.configuration.StateRecoveryOptions.SAVEPOINT_PATH
                                        .key(),
                                savepoint)));
        return env;
    }

    /**
     * Cancels a job at the end of a test. A job that has already failed on its own is reported with
     * its cause instead: a bare cancel would throw "terminated without cancellation" and hide why
     * the test's wait for its result ran out.
     */
    public static void cancel(JobClient job) throws Exception {
        if (job.getJobStatus().get() != JobStatus.FAILED) {
            try {
                job.cancel().get();
                return;
            } catch (ExecutionException e) {
                if (job.getJobStatus().get() != JobStatus.FAILED) {
                    throw e;
                }
            }
        }
        try {
            job.getJobExecutionResult().get();
        } catch (ExecutionException e) {
            throw new AssertionError(
                    "The job " + job.getJobID() + " failed on its own", e.getCause());
        }
        throw new AssertionError("The job " + job.getJobID() + " failed on its own");
    }

    private TestClusters() {}
}
