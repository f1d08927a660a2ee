package org.flinkx.launcher;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.client.deployment.ClusterClientFactory;
import org.apache.flink.client.deployment.ClusterDescriptor;
import org.apache.flink.client.deployment.DefaultClusterClientServiceLoader;
import org.apache.flink.client.deployment.executors.RemoteExecutor;
import org.apache.flink.client.program.ClusterClient;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;

/**
 * A streaming {@link TableEnvironment} whose jobs run where the {@link Mode} says, and the client
 * of that cluster that reads their progress: a MiniCluster started in this JVM ({@link Mode#LOCAL},
 * stopped by {@link #close()}), or a running session cluster reached through Flink's own cluster
 * client factories ({@code execution.target}). In an application cluster ({@link #inCluster}) there
 * is no client: Flink runs the jobs and its web UI shows them.
 */
final class FlinkSession implements AutoCloseable {

    private static final long REST_TIMEOUT_SECONDS = 30;
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private final MiniCluster miniCluster;
    private final ClusterClient<?> client;
    private final TableEnvironment tableEnv;
    private final JobMetrics metrics;
    private final Configuration config;

    private FlinkSession(MiniCluster miniCluster, ClusterClient<?> client, Configuration config) {
        this.miniCluster = miniCluster;
        this.client = client;
        this.config = config;
        this.tableEnv = newTableEnv(Map.of());
        this.metrics = client instanceof RestClusterClient<?> rest ? new JobMetrics(rest) : null;
    }

    /** A session for {@code mode}, configured by {@code config} (see {@link FlinkConfig}). */
    static FlinkSession open(Mode mode, Configuration config) throws Exception {
        if (mode == Mode.LOCAL) {
            return local(config);
        }
        if (mode.isApplication()) {
            throw new IllegalArgumentException(mode.cliName() + " deploys an application cluster");
        }
        config.set(DeploymentOptions.TARGET, mode.target().orElseThrow());
        if (mode == Mode.STANDALONE) {
            checkReachable(config.get(RestOptions.ADDRESS), config.get(RestOptions.PORT));
        }
        return new FlinkSession(null, retrieve(config), config);
    }

    /** The session of a launcher that runs inside an application cluster: Flink's context. */
    static FlinkSession inCluster(Configuration config) {
        return new FlinkSession(null, null, config);
    }

    private static FlinkSession local(Configuration config) throws Exception {
        int parallelism =
                config.getOptional(CoreOptions.DEFAULT_PARALLELISM)
                        .orElse(Runtime.getRuntime().availableProcessors());
        config.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        MiniCluster miniCluster = startMiniCluster(parallelism);
        try {
            URI rest = miniCluster.getRestAddress().get(REST_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            config.set(DeploymentOptions.TARGET, RemoteExecutor.NAME);
            config.set(RestOptions.ADDRESS, rest.getHost());
            config.set(RestOptions.PORT, rest.getPort());
            return new FlinkSession(miniCluster, retrieve(config), config);
        } catch (Exception e) {
            miniCluster.close();
            throw e;
        }
    }

    /**
     * The client of the running cluster {@code config} names, from Flink's factory for its target.
     */
    private static <T> ClusterClient<T> retrieve(Configuration config) throws Exception {
        ClusterClientFactory<T> factory =
                new DefaultClusterClientServiceLoader().getClusterClientFactory(config);
        T clusterId = factory.getClusterId(config);
        if (clusterId == null) {
            throw new IllegalArgumentException(
                    "no running cluster is named for execution.target '"
                            + config.get(DeploymentOptions.TARGET)
                            + "' (e.g. yarn.application.id or "
                            + "kubernetes.cluster-id in -confProp or config.yaml)");
        }
        try (ClusterDescriptor<T> descriptor = factory.createClusterDescriptor(config)) {
            return descriptor.retrieve(clusterId).getClusterClient();
        }
    }

    /**
     * Fails at once, not after the REST client's retries (a minute by default), if nothing listens.
     */
    private static void checkReachable(String host, int port) throws ConnectException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
        } catch (IOException e) {
            throw new ConnectException(
                    "cannot reach the Flink REST endpoint "
                            + host
                            + ":"
                            + port
                            + " ("
                            + e.getMessage()
                            + "); set rest.address and rest.port in "
                            + "-flinkConfDir's config.yaml or in -confProp");
        }
    }

    /**
     * A MiniCluster with one TaskManager and its REST endpoint on a free port, which refreshes job
     * details and metrics each second (by default each 3 and 10 seconds).
     */
    private static MiniCluster startMiniCluster(int slots) throws Exception {
        Configuration config = new Configuration();
        config.set(WebOptions.REFRESH_INTERVAL, java.time.Duration.ofSeconds(1));
        config.set(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL, java.time.Duration.ofSeconds(1));
        MiniCluster miniCluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
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

    /** Another table environment on the same cluster, with {@code options} over the session's. */
    TableEnvironment newTableEnv(Map<String, String> options) {
        Configuration configuration = new Configuration(config);
        options.forEach(configuration::setString);
        return TableEnvironment.create(
                EnvironmentSettings.newInstance()
                        .inStreamingMode()
                        .withConfiguration(configuration)
                        .build());
    }

    /** Whether {@link #jobStats} reports progress: the session has a REST client. */
    boolean monitored() {
        return metrics != null;
    }

    /** The job's progress as the cluster reports it now; empty without a REST client. */
    Optional<JobStats> jobStats(JobID jobId) throws Exception {
        return metrics == null ? Optional.empty() : Optional.of(metrics.stats(jobId));
    }

    /** The web UI page of the job, when this session knows the cluster's address. */
    Optional<String> webUrl(JobID jobId) {
        return client == null
                ? Optional.empty()
                : Optional.of(
                        client.getWebInterfaceURL() + "/#/job/running/" + jobId + "/overview");
    }

    /**
     * The state of a job that has ended, with its exact counts. The REST endpoint caches job
     * details (for {@code web.refresh-interval}): it may report the job running for a while yet.
     */
    Optional<JobStats> finalJobStats(JobID jobId) throws Exception {
        if (metrics == null) {
            return Optional.empty();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(REST_TIMEOUT_SECONDS);
        JobStats stats = metrics.stats(jobId);
        while (!stats.status().isGloballyTerminalState() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            stats = metrics.stats(jobId);
        }
        return Optional.of(stats);
    }

    @Override
    public void close() throws Exception {
        if (client != null) {
            client.close();
        }
        if (miniCluster != null) {
            miniCluster.close();
        }
    }
}
