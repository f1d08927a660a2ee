package org.flinkx.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.flinkx.connector.hdfs.testutils.HdfsServer;
import org.flinkx.connector.jdbc.testutils.MariaDbServer;
import org.flinkx.connector.jdbc.testutils.PostgresServer;
import org.flinkx.distribution.cluster.Commands;
import org.flinkx.distribution.cluster.StandaloneCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TaskManager is killed with SIGKILL while a job writes, a new one starts, the job recovers from
 * its last checkpoint and finishes: the target equals the source row by row, without duplicates
 * (the targets have no key to absorb them) and without gaps.
 */
class TaskManagerKillITCase {

    private static final int ROWS = 40_000;
    private static final Pattern JOB_ID = Pattern.compile("Job ID: ([0-9a-f]{32})");

    private static PostgresServer pg;
    private static MariaDbServer maria;

    @TempDir Path dir;

    private StandaloneCluster cluster;

    @BeforeAll
    static void startServers() throws Exception {
        pg = PostgresServer.get();
        maria = MariaDbServer.get();
        pg.createDatabase("tmkill");
        maria.createDatabase("tmkill");
        try (Connection c = pg.connect("tmkill");
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS src");
            s.execute(
                    "CREATE TABLE src (id BIGINT PRIMARY KEY, name VARCHAR(32), amount DECIMAL(10, 2))");
            s.execute(
                    "INSERT INTO src SELECT i, 'row-' || i, i / 100.0 FROM generate_series(1, "
                            + ROWS
                            + ") i");
        }
    }

    @BeforeEach
    void startCluster() throws Exception {
        // One slot per TaskManager: each of the two runs a subtask of every operator.
        cluster = StandaloneCluster.start(dir.resolve("flink"), 2, 1);
    }

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    @Test
    void exactlyOnceJdbcIntoATableWithoutKey() throws Exception {
        try (Connection c = maria.connect("tmkill");
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS dst");
            s.execute("CREATE TABLE dst (id BIGINT, name VARCHAR(32), amount DECIMAL(10, 2))");
        }
        String job =
                submit(
                        """
                CREATE TABLE dst (id BIGINT, name STRING, amount DECIMAL(10, 2)) WITH (
                  'connector' = 'flinkx-mariadb', 'url' = '%s', 'table-name' = 'dst', %s,
                  'sink.delivery-guarantee' = 'exactly-once');
                INSERT INTO dst SELECT * FROM src;
                """
                                .formatted(
                                        maria.jdbcUrl("tmkill"),
                                        SqlClientITCase.credentials(
                                                maria.user(), maria.password())));

        killATaskManagerOnceRowsArrive(
                job, () -> count(() -> maria.query("tmkill", "SELECT COUNT(*) FROM dst")));

        assertThat(maria.query("tmkill", "SELECT id, name, amount FROM dst ORDER BY id, name"))
                .isEqualTo(pg.query("tmkill", "SELECT id, name, amount FROM src ORDER BY id"));
    }

    @Test
    void jdbcIntoHdfsFiles() throws Exception {
        String path = HdfsServer.uri() + "/tmkill/" + System.nanoTime();
        FileSystem fs = HdfsServer.fileSystem();
        String job =
                submit(
                        """
                CREATE TABLE dst (id BIGINT, name STRING, amount DECIMAL(10, 2)) WITH (
                  'connector' = 'flinkx-hdfs', 'path' = '%s', 'format' = 'csv');
                INSERT INTO dst SELECT * FROM src;
                """
                                .formatted(path));

        killATaskManagerOnceRowsArrive(job, () -> lines(fs, path).size());

        List<String> expected = new ArrayList<>();
        for (List<String> row :
                pg.query("tmkill", "SELECT id, name, amount FROM src ORDER BY id")) {
            expected.add(String.join(",", row));
        }
        List<String> written = lines(fs, path);
        written.sort(
                java.util.Comparator.comparingLong(
                        line -> Long.parseLong(line.substring(0, line.indexOf(',')))));
        assertThat(written).hasSize(ROWS).isEqualTo(expected);
    }

    /**
     * Submits the source table, checkpointing and restarts with {@code sinkAndInsert} through the
     * SQL client (which returns once the job is submitted); the job's id.
     */
    private String submit(String sinkAndInsert) throws Exception {
        Path sql =
                Files.writeString(
                        dir.resolve("job.sql"),
                        """
                SET 'execution.checkpointing.interval' = '1s';
                SET 'restart-strategy.type' = 'fixed-delay';
                SET 'restart-strategy.fixed-delay.attempts' = '20';
                SET 'restart-strategy.fixed-delay.delay' = '1 s';
                CREATE TABLE src (id BIGINT, name STRING, amount DECIMAL(10, 2), PRIMARY KEY (id) NOT ENFORCED) WITH (
                  'connector' = 'flinkx-postgresql', 'url' = '%s', 'table-name' = 'src', %s,
                  'scan.partition.num' = '8', 'scan.rate-limit.records-per-second' = '1500');
                """
                                        .formatted(
                                                pg.jdbcUrl("tmkill"),
                                                SqlClientITCase.credentials(
                                                        pg.user(), pg.password()))
                                + sinkAndInsert);
        Commands.Result result = Commands.sqlClient(cluster.flink(), sql, Duration.ofMinutes(5));
        assertThat(result.output()).as(result.output()).doesNotContain("[ERROR]");
        Matcher job = JOB_ID.matcher(result.output());
        assertThat(job.find()).as(result.output()).isTrue();
        return job.group(1);
    }

    /**
     * Kills TaskManager 0 once the target holds committed rows, starts another, waits for the job.
     */
    private void killATaskManagerOnceRowsArrive(String job, LongSupplier targetRows)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (targetRows.getAsLong() < ROWS / 10) {
            assertThat(System.nanoTime())
                    .as("rows arrive in time\n" + cluster.logs())
                    .isLessThan(deadline);
            assertThat(cluster.jobState(job)).isEqualTo("RUNNING");
            Thread.sleep(200);
        }
        assertThat(targetRows.getAsLong()).as("killed while the job writes").isLessThan(ROWS);
        cluster.killTaskManager(0);
        cluster.startTaskManager();

        assertThat(cluster.awaitJobEnd(job, Duration.ofMinutes(5)))
                .as(cluster.logs())
                .isEqualTo("FINISHED");
        assertThat(cluster.restarts(job))
                .as("the kill failed the job's tasks")
                .isGreaterThanOrEqualTo(1);
    }

    private static long count(ThrowingRows rows) {
        try {
            return Long.parseLong(rows.get().get(0).get(0));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private interface ThrowingRows {
        List<List<String>> get() throws Exception;
    }

    /**
     * Whether {@code file} or a directory between it and {@code root} is hidden: in-progress files
     * live in {@code .data/} and are renamed away at commit, so listing and then opening one can
     * miss it.
     */
    private static boolean hidden(org.apache.hadoop.fs.Path root, org.apache.hadoop.fs.Path file) {
        for (org.apache.hadoop.fs.Path p = file; p != null && !p.equals(root); p = p.getParent()) {
            if (p.getName().startsWith(".") || p.getName().startsWith("_")) {
                return true;
            }
        }
        return false;
    }

    /** The lines of the published files under {@code path} (hidden in-progress files excluded). */
    private static List<String> lines(FileSystem fs, String path) {
        List<String> lines = new ArrayList<>();
        try {
            org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(path);
            if (!fs.exists(root)) {
                return lines;
            }
            RemoteIterator<LocatedFileStatus> files = fs.listFiles(root, true);
            while (files.hasNext()) {
                FileStatus file = files.next();
                if (hidden(root, file.getPath())) {
                    continue;
                }
                try (BufferedReader reader =
                        new BufferedReader(
                                new InputStreamReader(
                                        fs.open(file.getPath()), StandardCharsets.UTF_8))) {
                    reader.lines().forEach(lines::add);
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return lines;
    }
}
