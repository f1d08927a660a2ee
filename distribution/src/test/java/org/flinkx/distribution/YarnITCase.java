package org.flinkx.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;
import org.flinkx.connector.jdbc.testutils.PostgresServer;
import org.flinkx.distribution.cluster.Commands;
import org.flinkx.distribution.cluster.FlinkHome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/flinkx -mode yarn-application}, {@code -mode yarn-per-job} and {@code -mode
 * yarn-session} against a real YARN (Hadoop's {@link MiniYARNCluster}: a ResourceManager and a
 * NodeManager in the test JVM, which start Flink's JobManager and TaskManagers as container
 * processes): the first two deploy an application cluster through Flink's deployer, which runs the
 * JSON job and ends; the third submits to a session started by Flink's {@code yarn-session.sh}
 * entry point. The target holds every row. flink-dist is not served here, so {@code
 * yarn.flink-dist-jar} names the flink-yarn jar of the Flink home's {@code lib/}, which YARN ships
 * with the rest of {@code lib/}.
 */
class YarnITCase {

    @TempDir static Path dir;

    private static MiniYARNCluster yarn;
    private static YarnClient client;
    private static Path hadoopConf;
    private static FlinkHome flink;
    private static PostgresServer pg;

    @BeforeAll
    static void startYarn() throws Exception {
        hadoopConf = Files.createDirectories(dir.resolve("hadoop-conf"));
        YarnConfiguration conf = new YarnConfiguration();
        // A cluster's yarn.application.classpath holds its configuration directory, so that an
        // ApplicationMaster finds its ResourceManager: here the yarn-site.xml written below.
        conf.set(YarnConfiguration.YARN_APPLICATION_CLASSPATH, hadoopConf.toString());
        conf.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 128);
        conf.setInt(YarnConfiguration.NM_PMEM_MB, 8192);
        conf.setBoolean(YarnConfiguration.NM_PMEM_CHECK_ENABLED, false);
        conf.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
        conf.set("yarn.resourcemanager.hostname", "127.0.0.1");
        conf.set("yarn.nodemanager.hostname", "127.0.0.1");
        yarn = new MiniYARNCluster("flinkx-yarn", 1, 1, 1);
        yarn.init(conf);
        yarn.start();
        assertThat(yarn.waitForNodeManagersToConnect(60_000)).isTrue();
        try (OutputStream out = Files.newOutputStream(hadoopConf.resolve("yarn-site.xml"))) {
            yarn.getConfig().writeXml(out);
        }
        client = YarnClient.createYarnClient();
        client.init(yarn.getConfig());
        client.start();
        flink =
                FlinkHome.create(
                        dir.resolve("flink"),
                        Map.of(
                                "jobmanager.memory.process.size", "1024m",
                                "taskmanager.memory.process.size", "1024m",
                                "taskmanager.numberOfTaskSlots", "2"));
        pg = PostgresServer.get();
        pg.createDatabase("yarn");
    }

    @AfterAll
    static void stopYarn() {
        if (client != null) {
            client.stop();
        }
        if (yarn != null) {
            yarn.stop();
        }
    }

    @Test
    void yarnApplicationRunsTheJobInItsOwnCluster() throws Exception {
        runAndCheck("yarn-application", "app_rows");
    }

    @Test
    void yarnPerJobRunsAsAnApplicationCluster() throws Exception {
        runAndCheck("yarnPer", "per_job_rows");
    }

    @Test
    void yarnSessionTakesTheJobOfARunningSession() throws Exception {
        Commands.Result session =
                Commands.yarnSession(flink, hadoopConf, distJar(), Duration.ofMinutes(3));
        assertThat(session.exitCode()).as(session.output()).isEqualTo(0);
        String applicationId =
                client.getApplications().stream()
                        .filter(
                                app ->
                                        app.getName().equals("flinkx-session")
                                                && app.getYarnApplicationState()
                                                        == YarnApplicationState.RUNNING)
                        .map(app -> app.getApplicationId().toString())
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        new AssertionError(
                                                "no running session:\n" + session.output()));
        try {
            Path job = job("session_rows");

            Commands.Result result =
                    Commands.flinkx(
                            flink,
                            dir,
                            Duration.ofMinutes(3),
                            "-mode",
                            "yarn-session",
                            "-job",
                            job.toString(),
                            "-hadoopConfDir",
                            hadoopConf.toString(),
                            "--no-progress",
                            "-confProp",
                            "{\"yarn.application.id\": \"" + applicationId + "\"}");

            assertThat(result.exitCode()).as(result.output()).isEqualTo(0);
            assertThat(result.output()).contains("FINISHED").contains("1,000 rows");
            assertThat(pg.query("yarn", "SELECT id, tag FROM session_rows ORDER BY id"))
                    .isEqualTo(expectedRows());
        } finally {
            client.killApplication(
                    org.apache.hadoop.yarn.api.records.ApplicationId.fromString(applicationId));
        }
    }

    private static Path distJar() throws java.io.IOException {
        try (var jars = Files.list(flink.lib())) {
            return jars.filter(p -> p.getFileName().toString().startsWith("flink-yarn-"))
                    .findFirst()
                    .orElseThrow();
        }
    }

    private static List<List<String>> expectedRows() {
        return LongStream.rangeClosed(1, 1000)
                .mapToObj(i -> List.of(String.valueOf(i), "yarn"))
                .collect(Collectors.toList());
    }

    /** A JSON job writing ids 1 to 1000 into a new PostgreSQL table {@code table}. */
    private static Path job(String table) throws Exception {
        try (Connection c = pg.connect("yarn");
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (id BIGINT, tag VARCHAR(8))");
        }
        return Files.writeString(
                dir.resolve(table + ".json"),
                """
                {"job": {"content": [{
                  "reader": {"name": "streamreader", "parameter": {"sliceRecordCount": [1000],
                    "column": [{"name": "id", "type": "id"}, {"name": "tag", "type": "string", "value": "yarn"}]}},
                  "writer": {"name": "postgresqlwriter", "parameter": {"username": "%s", "password": "%s",
                    "connection": [{"jdbcUrl": "%s", "table": ["%s"]}]}}}],
                  "setting": {"speed": {"channel": 1}}}}
                """
                        .formatted(pg.user(), pg.password(), pg.jdbcUrl("yarn"), table));
    }

    private void runAndCheck(String mode, String table) throws Exception {
        Path job = job(table);
        String distJar = distJar().toString();
        List<ApplicationReport> before = client.getApplications();

        Commands.Result result =
                Commands.flinkx(
                        flink,
                        dir,
                        Duration.ofMinutes(3),
                        "-mode",
                        mode,
                        "-job",
                        job.toString(),
                        "-hadoopConfDir",
                        hadoopConf.toString(),
                        "-confProp",
                        "{\"yarn.flink-dist-jar\": \""
                                + distJar
                                + "\", \"yarn.application.name\": \""
                                + table
                                + "\"}");

        assertThat(result.exitCode()).as(result.output()).isEqualTo(0);
        assertThat(result.output())
                .contains("Application cluster application_")
                .contains("deployed");
        ApplicationReport app =
                client.getApplications().stream()
                        .filter(
                                report ->
                                        before.stream()
                                                .noneMatch(
                                                        old ->
                                                                old.getApplicationId()
                                                                        .equals(
                                                                                report
                                                                                        .getApplicationId())))
                        .findFirst()
                        .orElseThrow();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (!List.of(
                                YarnApplicationState.FINISHED,
                                YarnApplicationState.FAILED,
                                YarnApplicationState.KILLED)
                        .contains(app.getYarnApplicationState())
                && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            app = client.getApplicationReport(app.getApplicationId());
        }
        assertThat(app.getFinalApplicationStatus())
                .as(app.getDiagnostics())
                .isEqualTo(FinalApplicationStatus.SUCCEEDED);
        assertThat(pg.query("yarn", "SELECT id, tag FROM " + table + " ORDER BY id"))
                .isEqualTo(expectedRows());
        // The job's SQL holds the password: it reaches the JobManager masked, in no log in clear or
        // Base64.
        String logs = containerLogs(app.getApplicationId().toString());
        assertThat(logs)
                .contains("flinkx.application.script-secret, ******")
                .doesNotContain(pg.password())
                .doesNotContain(
                        java.util.Base64.getEncoder()
                                .encodeToString(
                                        "-- Translated by bin/flinkx from a FlinkX JSON job"
                                                .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                                .substring(0, 40));
    }

    /**
     * Every log file of the application's containers. Only the node managers' log directories are
     * walked: the local directories beside them (blob storage, caches) are deleted by YARN while
     * the application ends, under a walk that would trip over them.
     */
    private static String containerLogs(String applicationId) throws java.io.IOException {
        StringBuilder logs = new StringBuilder();
        List<Path> logDirs;
        try (var dirs =
                Files.find(
                        Path.of("target", "test", "data", "flinkx-yarn"),
                        2,
                        (dir, attributes) ->
                                attributes.isDirectory()
                                        && dir.getFileName().toString().contains("-logDir-"))) {
            logDirs = dirs.toList();
        }
        for (Path logDir : logDirs) {
            try (var files = Files.walk(logDir)) {
                for (Path file :
                        files.filter(Files::isRegularFile)
                                .filter(
                                        f ->
                                                f.toString().contains(applicationId)
                                                        && f.toString().endsWith(".log"))
                                .toList()) {
                    logs.append(Files.readString(file));
                }
            }
        }
        assertThat(logs).as("the JobManager's log of " + applicationId).isNotEmpty();
        return logs.toString();
    }
}
