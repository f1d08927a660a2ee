package org.flinkx.distribution.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.flinkx.connector.jdbc.testutils.DatabaseServer;

/**
 * A real Flink standalone session cluster on 127.0.0.1: a JobManager ({@code
 * StandaloneSessionClusterEntrypoint}) and TaskManagers ({@code TaskManagerRunner}), each a
 * separate OS process started from a {@link FlinkHome} as {@code bin/start-cluster.sh} starts them,
 * reached through its REST API. Closing it kills every process.
 */
public final class StandaloneCluster implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FlinkHome flink;
    private final int restPort;
    private final Process jobManager;
    private final List<Process> taskManagers = new ArrayList<>();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private int started;

    private StandaloneCluster(FlinkHome flink, int restPort, Process jobManager) {
        this.flink = flink;
        this.restPort = restPort;
        this.jobManager = jobManager;
    }

    /** Starts a cluster with {@code taskManagers} TaskManagers of {@code slots} slots each. */
    public static StandaloneCluster start(Path dir, int taskManagers, int slots) throws Exception {
        return start(dir, taskManagers, slots, null);
    }

    /** The same with {@code hadoopClasspath} as HADOOP_CLASSPATH (see {@link FlinkHome#create}). */
    public static StandaloneCluster start(
            Path dir, int taskManagers, int slots, List<Path> hadoopClasspath) throws Exception {
        int restPort = DatabaseServer.freePort();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("jobmanager.rpc.address", "127.0.0.1");
        config.put("jobmanager.rpc.port", String.valueOf(DatabaseServer.freePort()));
        config.put("jobmanager.bind-host", "127.0.0.1");
        config.put("jobmanager.memory.process.size", "768m");
        config.put("rest.address", "127.0.0.1");
        config.put("rest.bind-address", "127.0.0.1");
        config.put("rest.port", String.valueOf(restPort));
        config.put("taskmanager.host", "127.0.0.1");
        config.put("taskmanager.bind-host", "127.0.0.1");
        config.put("taskmanager.numberOfTaskSlots", String.valueOf(slots));
        config.put("taskmanager.memory.process.size", "1024m");
        config.put("taskmanager.memory.managed.fraction", "0.1");
        // A killed TaskManager is noticed within seconds, not after the default 50 s.
        config.put("heartbeat.interval", "1000");
        config.put("heartbeat.timeout", "8000");
        config.put("parallelism.default", "2");
        config.put(
                "execution.checkpointing.dir",
                "file://" + dir.resolve("checkpoints").toAbsolutePath());
        config.put("web.refresh-interval", "1000");
        config.put("metrics.fetcher.update-interval", "1000");
        FlinkHome flink = FlinkHome.create(dir, config, hadoopClasspath);
        List<List<String>> jm = flink.resourceParams("GET_JM_RESOURCE_PARAMS");
        Process jobManager =
                flink.start(
                        "jobmanager",
                        jm.get(0),
                        "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                        withConfigDir(flink, jm.get(1)));
        StandaloneCluster cluster = new StandaloneCluster(flink, restPort, jobManager);
        try {
            cluster.await(
                    "the JobManager's REST endpoint", () -> cluster.tryGet("/overview") != null);
            for (int i = 0; i < taskManagers; i++) {
                cluster.startTaskManager();
            }
            cluster.awaitTaskManagers(taskManagers);
            return cluster;
        } catch (Exception | AssertionError e) {
            cluster.close();
            throw e;
        }
    }

    public FlinkHome flink() {
        return flink;
    }

    public int restPort() {
        return restPort;
    }

    /** Starts one more TaskManager process. */
    public void startTaskManager() throws IOException, InterruptedException {
        List<List<String>> tm = flink.resourceParams("GET_TM_RESOURCE_PARAMS");
        taskManagers.add(
                flink.start(
                        "taskmanager-" + started++,
                        tm.get(0),
                        "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                        withConfigDir(flink, tm.get(1))));
    }

    private static String[] withConfigDir(FlinkHome flink, List<String> dynamicProperties) {
        List<String> args = new ArrayList<>(List.of("--configDir", flink.conf().toString()));
        args.addAll(dynamicProperties);
        return args.toArray(String[]::new);
    }

    /**
     * Kills TaskManager {@code index} (in start order) with SIGKILL, as a crashed machine would end
     * it.
     */
    public void killTaskManager(int index) throws InterruptedException {
        Process process = taskManagers.get(index);
        process.destroyForcibly(); // SIGKILL
        process.waitFor();
    }

    /** The TaskManager processes still alive. */
    public long liveTaskManagers() {
        return taskManagers.stream().filter(Process::isAlive).count();
    }

    /** Waits until the JobManager has {@code count} TaskManagers registered. */
    public void awaitTaskManagers(int count) throws Exception {
        await(
                count + " registered TaskManagers",
                () -> {
                    JsonNode overview = tryGet("/overview");
                    return overview != null && overview.path("taskmanagers").asInt() == count;
                });
    }

    /** The ids of the cluster's jobs, with their state. */
    public Map<String, String> jobs() throws IOException, InterruptedException {
        Map<String, String> jobs = new LinkedHashMap<>();
        for (JsonNode job : get("/jobs/overview").path("jobs")) {
            jobs.put(job.path("jid").asText(), job.path("state").asText());
        }
        return jobs;
    }

    public String jobState(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId).path("state").asText();
    }

    /** Waits for the job to reach a terminal state within {@code timeout}; returns it. */
    public String awaitJobEnd(String jobId, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String state = jobState(jobId);
            if (List.of("FINISHED", "FAILED", "CANCELED").contains(state)) {
                return state;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(
                "job " + jobId + " did not end within " + timeout + ": " + jobState(jobId));
    }

    /** How often the job restarted ({@code numRestarts}). */
    public long restarts(String jobId) throws IOException, InterruptedException {
        JsonNode metrics = get("/jobs/" + jobId + "/metrics?get=numRestarts");
        return metrics.isArray() && !metrics.isEmpty() ? metrics.get(0).path("value").asLong() : 0;
    }

    public void cancel(String jobId) throws IOException, InterruptedException {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(uri("/jobs/" + jobId + "?mode=cancel"))
                                .method("PATCH", HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IOException(
                    "cancel " + jobId + ": HTTP " + response.statusCode() + " " + response.body());
        }
    }

    /** Every log file of the cluster, for a failed test's message. */
    public String logs() throws IOException {
        StringBuilder text = new StringBuilder();
        try (var files = Files.list(flink.log())) {
            for (Path file : files.sorted().toList()) {
                String log = Files.readString(file);
                text.append("==== ")
                        .append(file.getFileName())
                        .append('\n')
                        .append(log.length() > 20_000 ? log.substring(log.length() - 20_000) : log);
            }
        }
        return text.toString();
    }

    public JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(
                    "GET " + path + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private JsonNode tryGet(String path) {
        try {
            return get(path);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + restPort + path);
    }

    private void await(String what, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (!condition.getAsBoolean()) {
            if (!jobManager.isAlive()) {
                throw new AssertionError(
                        "the JobManager exited with " + jobManager.exitValue() + "\n" + logs());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + STARTUP + "\n" + logs());
            }
            Thread.sleep(300);
        }
    }

    @Override
    public void close() {
        taskManagers.forEach(Process::destroyForcibly);
        jobManager.destroyForcibly();
        for (Process process : taskManagers) {
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
