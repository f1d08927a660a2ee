package org.flinkx.connector.binlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.ExceptionUtils;
import org.flinkx.connector.common.testutils.Failures;
import org.flinkx.connector.jdbc.testutils.MariaDbServer;
import org.flinkx.connector.jdbc.testutils.TestClusters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every startup mode against MariaDB, and the error for a position the server has purged. */
@org.junit.jupiter.api.Timeout(value = 2, unit = java.util.concurrent.TimeUnit.MINUTES)
class BinlogStartupITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.withSlots(2);

    private final MariaDbServer server = MariaDbServer.get();
    private final String table = "startup_" + System.nanoTime();

    private void execute(String... statements) throws Exception {
        server.createDatabase("cdc");
        try (Connection c = server.connect("cdc");
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private List<String> binlogFiles() throws Exception {
        List<String> files = new ArrayList<>();
        try (Connection c = server.connect("cdc");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW BINARY LOGS")) {
            while (rs.next()) {
                files.add(rs.getString(1));
            }
        }
        return files;
    }

    private String single(String query) throws Exception {
        try (Connection c = server.connect("cdc");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private TableResult start(String startupOptions) {
        return start(startupOptions, TestClusters.environment(1), server.port(), server.password());
    }

    private TableResult start(
            String options, StreamExecutionEnvironment env, int port, String password) {
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(env);
        tEnv.executeSql(
                "CREATE TABLE t (id INT, v STRING) WITH ('connector' = 'flinkx-binlog', "
                        + "'hostname' = '127.0.0.1', 'port' = '"
                        + port
                        + "', 'username' = '"
                        + server.user()
                        + "', 'password' = '"
                        + password
                        + "', 'tables' = 'cdc\\."
                        + table
                        + "'"
                        + options
                        + ")");
        return tEnv.executeSql("SELECT id, v FROM t");
    }

    private static Throwable failureOf(TableResult result) {
        Throwable[] failure = new Throwable[1];
        assertThatThrownBy(
                        () -> {
                            try (CloseableIterator<Row> it = result.collect()) {
                                it.hasNext();
                            }
                        })
                .satisfies(e -> failure[0] = e);
        return failure[0];
    }

    /** Starts a job with the given startup options and checks the first rows it reads. */
    private void assertFirstRows(String startupOptions, Row... expected) throws Exception {
        TableResult result = start(startupOptions);
        try (CloseableIterator<Row> it = result.collect()) {
            assertThat(take(it, expected.length)).containsExactly(expected);
        } finally {
            cancel(result);
        }
    }

    /**
     * Cancels the job and waits for it: its binlog connection must be gone before the next test.
     */
    private static void cancel(TableResult result) throws Exception {
        if (result.getJobClient().isPresent()) {
            var job = result.getJobClient().get();
            try {
                job.cancel().get();
            } catch (Exception e) {
                // ended already
            }
        }
    }

    private static List<Row> take(CloseableIterator<Row> it, int count) {
        List<Row> rows = new ArrayList<>();
        while (rows.size() < count && it.hasNext()) {
            rows.add(it.next());
        }
        return rows;
    }

    @Test
    void initialReadsTheSnapshotFirst() throws Exception {
        execute(
                "CREATE TABLE " + table + " (id INT PRIMARY KEY, v VARCHAR(10))",
                "INSERT INTO " + table + " VALUES (1, 'before')");
        TableResult result = start(", 'scan.startup.mode' = 'initial'");
        try (CloseableIterator<Row> it = result.collect()) {
            assertThat(take(it, 1)).containsExactly(Row.of(1, "before"));
            execute("INSERT INTO " + table + " VALUES (2, 'after')");
            assertThat(take(it, 1)).containsExactly(Row.of(2, "after"));
        } finally {
            cancel(result);
        }
    }

    @Test
    void latestSkipsWhatWasThereBefore() throws Exception {
        execute(
                "CREATE TABLE " + table + " (id INT PRIMARY KEY, v VARCHAR(10))",
                "INSERT INTO " + table + " VALUES (1, 'before')");
        TableResult result = start(", 'scan.startup.mode' = 'latest'");
        // When the reader has found the end of the binlog is not observable: a thread inserts
        // probes
        // until the first row arrives; that row is a probe, never 'before'.
        java.util.concurrent.atomic.AtomicBoolean arrived =
                new java.util.concurrent.atomic.AtomicBoolean();
        Thread prober =
                new Thread(
                        () -> {
                            try {
                                for (int i = 100; !arrived.get() && i < 2000; i++) {
                                    execute(
                                            "INSERT INTO "
                                                    + table
                                                    + " VALUES ("
                                                    + i
                                                    + ", 'probe')");
                                    Thread.sleep(100);
                                }
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        });
        try (CloseableIterator<Row> it = result.collect()) {
            prober.start();
            Row first = take(it, 1).get(0);
            arrived.set(true);
            assertThat(first.getField(1)).isEqualTo("probe");
        } finally {
            arrived.set(true);
            prober.join();
            cancel(result);
        }
    }

    @Test
    void earliestReadsTheChangesStillInTheBinlogAsInserts() throws Exception {
        execute(
                "CREATE TABLE " + table + " (id INT PRIMARY KEY, v VARCHAR(10))",
                "INSERT INTO " + table + " VALUES (1, 'old')",
                "UPDATE " + table + " SET v = 'older' WHERE id = 1");
        TableResult result = start(", 'scan.startup.mode' = 'earliest'");
        try (CloseableIterator<Row> it = result.collect()) {
            List<Row> rows = take(it, 3);
            assertThat(rows)
                    .extracting(Row::toString)
                    .containsExactly("+I[1, old]", "-U[1, old]", "+U[1, older]");
        } finally {
            cancel(result);
        }
    }

    @Test
    void specificOffsetStartsThere() throws Exception {
        execute(
                "CREATE TABLE " + table + " (id INT PRIMARY KEY, v VARCHAR(10))",
                "INSERT INTO " + table + " VALUES (1, 'before')");
        String file;
        long position;
        try (Connection c = server.connect("cdc");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW MASTER STATUS")) {
            rs.next();
            file = rs.getString(1);
            position = rs.getLong(2);
        }
        execute("INSERT INTO " + table + " VALUES (2, 'after')");
        assertFirstRows(
                ", 'scan.startup.mode' = 'specific-offset', "
                        + "'scan.startup.specific-offset.file' = '"
                        + file
                        + "', "
                        + "'scan.startup.specific-offset.pos' = '"
                        + position
                        + "'",
                Row.of(2, "after"));
    }

    @Test
    void gtidStartsAfterTheSet() throws Exception {
        execute(
                "CREATE TABLE " + table + " (id INT PRIMARY KEY, v VARCHAR(10))",
                "INSERT INTO " + table + " VALUES (1, 'before')");
        String gtids = single("SELECT @@gtid_binlog_pos");
        execute("INSERT INTO " + table + " VALUES (2, 'after')");
        assertFirstRows(
                ", 'scan.startup.mode' = 'gtid', 'scan.startup.gtid' = '" + gtids + "'",
                Row.of(2, "after"));
    }

    @Test
    void timestampSkipsEarlierChanges() throws Exception {
        execute(
                "CREATE TABLE " + table + " (id INT PRIMARY KEY, v VARCHAR(10))",
                "INSERT INTO " + table + " VALUES (1, 'before')");
        // binlog event times have whole seconds: start at the next full second after 'before'
        long start = (System.currentTimeMillis() / 1000 + 1) * 1000;
        while (System.currentTimeMillis() < start + 50) {
            Thread.sleep(50);
        }
        execute("INSERT INTO " + table + " VALUES (2, 'after')");
        assertFirstRows(
                ", 'scan.startup.mode' = 'timestamp', "
                        + "'scan.startup.timestamp-millis' = '"
                        + start
                        + "'",
                Row.of(2, "after"));
    }

    @Test
    void aPurgedPositionFailsWithWhatToDo() throws Exception {
        execute(
                "CREATE TABLE " + table + " (id INT PRIMARY KEY, v VARCHAR(10))",
                "FLUSH BINARY LOGS");
        String purged;
        try (Connection c = server.connect("cdc");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW MASTER STATUS")) {
            rs.next();
            purged = rs.getString(1);
        }
        execute("INSERT INTO " + table + " VALUES (1, 'x')", "FLUSH BINARY LOGS");
        String current;
        try (Connection c = server.connect("cdc");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW MASTER STATUS")) {
            rs.next();
            current = rs.getString(1);
        }
        // a purge skips files a replica still reads: repeat it until the file is gone
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        do {
            execute("PURGE BINARY LOGS TO '" + current + "'");
            Thread.sleep(100);
        } while (binlogFiles().contains(purged) && System.nanoTime() < deadline);
        assertThat(binlogFiles()).as("binlog files after the purge").doesNotContain(purged);
        TableResult result =
                start(
                        ", 'scan.startup.mode' = 'specific-offset', "
                                + "'scan.startup.specific-offset.file' = '"
                                + purged
                                + "', 'scan.startup.specific-offset.pos' = '4'",
                        TestClusters.defaultRestarts(1),
                        server.port(),
                        server.password());
        Throwable failure = failureOf(result);
        Failures.assertNotRestarted(failure);
        assertThat(Failures.rootMessage(failure))
                .contains("The binlog position " + purged + ":4")
                .contains("no longer on 127.0.0.1:" + server.port())
                .contains("'scan.startup.mode' = 'initial'");
    }

    /** Wrong credentials fail at once (no restart cures them), naming host, port and user. */
    @Test
    void wrongCredentialsFailWithoutRestarts() throws Exception {
        execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, v VARCHAR(10))");
        Throwable failure =
                failureOf(start("", TestClusters.defaultRestarts(1), server.port(), server.user()));
        Failures.assertNotRestarted(failure);
        assertThat(Failures.rootMessage(failure))
                .contains(
                        "Cannot connect to 127.0.0.1:"
                                + server.port()
                                + " as '"
                                + server.user()
                                + "'");
    }

    /**
     * An unreachable server: host and port in the root of the failure, which the SQL client shows.
     */
    @Test
    void anUnreachableServerNamesHostAndPort() throws Exception {
        int port = org.flinkx.connector.jdbc.testutils.DatabaseServer.freePort();
        Throwable failure =
                failureOf(start("", TestClusters.environment(1), port, server.password()));
        assertThat(Failures.rootMessage(failure)).contains("Cannot connect to 127.0.0.1:" + port);
    }

    /**
     * 'jdbc.*' options reach the driver of FlinkX's own connections: TLS required against this test
     * server, which has none, fails with the driver's TLS error and the host (never the password).
     */
    @Test
    void jdbcOptionsReachTheDriver() throws Exception {
        execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, v VARCHAR(10))");
        TableResult result = start(", 'jdbc.sslMode' = 'verify-full'");
        assertThatThrownBy(
                        () -> {
                            try (CloseableIterator<Row> it = result.collect()) {
                                it.hasNext();
                            }
                        })
                .satisfies(
                        e ->
                                assertThat(ExceptionUtils.stringifyException(e))
                                        .contains("Cannot connect to 127.0.0.1:" + server.port())
                                        .containsIgnoringCase("ssl")
                                        .doesNotContain(server.password()));
    }
}
