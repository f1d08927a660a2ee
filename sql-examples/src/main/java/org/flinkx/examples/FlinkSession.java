package org.flinkx.examples;

import org.apache.flink.api.common.JobID;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.deployment.executors.RemoteExecutor;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.config.ExecutionConfigOptions;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A streaming {@link TableEnvironment} that submits its jobs to a Flink cluster's REST endpoint,
 * and a REST client of that endpoint to read the jobs' progress. The cluster is either a running
 * one ({@code --remote}) or a MiniCluster started in this JVM and stopped by {@link #close()}.
 *
 * <p>Mini-batch aggregation is on by default (a script may {@code SET} it off): a streaming
 * aggregate then emits an update per batch of rows, not per row, so that a check such as
 * {@code SELECT COUNT(*)} over millions of rows collects a few updates rather than millions.
 */
final class FlinkSession implements AutoCloseable {

    private static final long REST_TIMEOUT_SECONDS = 30;
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private final MiniCluster miniCluster;
    private final RestClusterClient<StandaloneClusterId> restClient;
    private final TableEnvironment tableEnv;

    private FlinkSession(MiniCluster miniCluster, Configuration config) throws Exception {
        this.miniCluster = miniCluster;
        this.tableEnv = TableEnvironment.create(
                EnvironmentSettings.newInstance().inStreamingMode().withConfiguration(config).build());
        this.restClient = new RestClusterClient<>(config, StandaloneClusterId.getInstance());
    }

    static FlinkSession open(RunnerOptions options) throws Exception {
        Configuration config = new Configuration();
        config.set(DeploymentOptions.TARGET, RemoteExecutor.NAME);
        config.set(ExecutionConfigOptions.TABLE_EXEC_MINIBATCH_ENABLED, true);
        config.set(ExecutionConfigOptions.TABLE_EXEC_MINIBATCH_ALLOW_LATENCY, Duration.ofSeconds(1));
        config.set(ExecutionConfigOptions.TABLE_EXEC_MINIBATCH_SIZE, 10_000L);
        // With checkpointing on, Flink restarts a failing job forever by default: the runner would
        // then wait forever on a job that fails each time. A script may SET another strategy.
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(1));
        options.checkpointInterval()
                .ifPresent(interval -> config.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, interval));
        if (options.remote().isPresent()) {
            InetSocketAddress remote = options.remote().get();
            checkReachable(remote);
            config.set(RestOptions.ADDRESS, remote.getHostString());
            config.set(RestOptions.PORT, remote.getPort());
            options.parallelism()
                    .ifPresent(parallelism -> config.set(CoreOptions.DEFAULT_PARALLELISM, parallelism));
            return new FlinkSession(null, config);
        }
        int parallelism = options.parallelism().orElse(Runtime.getRuntime().availableProcessors());
        config.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        MiniCluster miniCluster = startMiniCluster(parallelism);
        try {
            URI rest = miniCluster.getRestAddress().get(REST_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            config.set(RestOptions.ADDRESS, rest.getHost());
            config.set(RestOptions.PORT, rest.getPort());
            return new FlinkSession(miniCluster, config);
        } catch (Exception e) {
            miniCluster.close();
            throw e;
        }
    }

    /** Fails at once, not after the REST client's retries (a minute by default), if nothing listens. */
    private static void checkReachable(InetSocketAddress rest) throws ConnectException {
        String address = rest.getHostString() + ":" + rest.getPort();
        try (Socket socket = new Socket()) {
            InetSocketAddress resolved = new InetSocketAddress(rest.getHostString(), rest.getPort());
            socket.connect(resolved, CONNECT_TIMEOUT_MILLIS);
        } catch (IOException e) {
            throw new ConnectException(
                    "cannot reach the Flink REST endpoint " + address + " (" + e.getMessage() + ")");
        }
    }

    /**
     * A MiniCluster with one TaskManager and its REST endpoint on a free port, which refreshes job
     * details and metrics each second (by default each 3 and 10 seconds).
     */
    private static MiniCluster startMiniCluster(int slots) throws Exception {
        Configuration config = new Configuration();
        config.set(WebOptions.REFRESH_INTERVAL, Duration.ofSeconds(1));
        config.set(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL, Duration.ofSeconds(1));
        MiniCluster miniCluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(config)
                .withRandomPorts()
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(slots)
                .build());
        miniCluster.start();
        return miniCluster;
    }

    TableEnvironment tableEnv() {
        return tableEnv;
    }

    /** The job's state as the cluster's REST endpoint reports it now. */
    JobStats jobStats(JobID jobId) throws Exception {
        return JobStats.of(
                restClient.getJobDetails(jobId).get(REST_TIMEOUT_SECONDS, TimeUnit.SECONDS));
    }

    /**
     * The state of a job that has ended, with its exact row count. The REST endpoint caches job
     * details (for {@code web.refresh-interval}): it may report the job running for a while yet.
     */
    JobStats finalJobStats(JobID jobId) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(REST_TIMEOUT_SECONDS);
        JobStats stats = jobStats(jobId);
        while (!stats.status().isGloballyTerminalState() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            stats = jobStats(jobId);
        }
        return stats;
    }

    @Override
    public void close() throws Exception {
        restClient.close();
        if (miniCluster != null) {
            miniCluster.close();
        }
    }
}
