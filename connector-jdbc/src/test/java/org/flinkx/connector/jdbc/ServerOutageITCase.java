package org.flinkx.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;
import org.flinkx.connector.jdbc.testutils.DatabaseServer;
import org.flinkx.connector.jdbc.testutils.MariaDbServer;
import org.flinkx.connector.jdbc.testutils.PostgresServer;
import org.flinkx.connector.jdbc.testutils.TestClusters;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real outages: the PostgreSQL or MariaDB server is stopped and started again while a job writes
 * into it or reads from it. Without a restart strategy any failure of the sink fails the job, so a
 * job that finishes rode out the outage on its own retries; with exactly-once and restarts, the job
 * recovers from its checkpoint and the target equals the source row by row (targets without a key,
 * so a row written twice would show).
 */
class ServerOutageITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.withSlots(4);

    private static final String DATABASE = "outage";
    private static final int ROWS = 6000;

    private static DatabaseServer server(String kind) {
        return "postgresql".equals(kind) ? PostgresServer.get() : MariaDbServer.get();
    }

    private static DatabaseServer other(String kind) {
        return "postgresql".equals(kind) ? MariaDbServer.get() : PostgresServer.get();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"postgresql", "mariadb"})
    void aRestartShorterThanTheRetryBudgetCausesNoJobRestart(String kind) throws Exception {
        DatabaseServer server = server(kind);
        String table = createTarget(server, "short_outage", true);
        // The retries reconnect 1.5, 4.5 and 10.5 s after the first failure; the server is down for
        // 5 s plus its stop and start. A writer that reconnected before waiting would make its last
        // attempt on the connection of 4.5 s, which failed, and fail the job.
        TableResult job =
                submit(
                        TestClusters.environment(1),
                        server,
                        table,
                        "'sink.delivery-guarantee' = 'at-least-once'",
                        "'sink.max-retries' = '3'",
                        "'sink.retry.backoff' = '1500 ms'");
        awaitRows(job, server, table, ROWS / 10);
        server.restart(Duration.ofSeconds(5));

        job.await(3, TimeUnit.MINUTES);
        assertThat(server.query(DATABASE, "SELECT id, name FROM " + table + " ORDER BY id"))
                .isEqualTo(expectedRows());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"postgresql", "mariadb"})
    void anOutageLongerThanTheBudgetFailsWithTheAttemptsAndTheLastError(String kind)
            throws Exception {
        DatabaseServer server = server(kind);
        String table = createTarget(server, "long_outage", true);
        TableResult job =
                submit(
                        TestClusters.environment(1),
                        server,
                        table,
                        "'sink.delivery-guarantee' = 'at-least-once'",
                        "'sink.max-retries' = '1'",
                        "'sink.retry.backoff' = '100 ms'");
        awaitRows(job, server, table, ROWS / 10);
        server.restart(Duration.ofSeconds(3));

        assertThatThrownBy(() -> job.await(3, TimeUnit.MINUTES))
                .satisfies(
                        e ->
                                assertThat(ExceptionUtils.stringifyException(e))
                                        .contains(
                                                "buffered rows to "
                                                        + table
                                                        + " at jdbc:"
                                                        + kind
                                                        + "://"
                                                        + server.host()
                                                        + ":"
                                                        + server.port())
                                        .contains("failed after 2 attempts: ")
                                        .doesNotContain(server.password()));
    }

    /**
     * An exactly-once (XA) sink does not retry a lost transaction: the job restarts from its last
     * checkpoint, aborts what the failed attempt left open, commits what it prepared, and the
     * target holds every row once.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"postgresql", "mariadb"})
    void anExactlyOnceSinkRecoversFromARestartWithEveryRowOnce(String kind) throws Exception {
        DatabaseServer server = server(kind);
        String table = createTarget(server, "eo_sink_outage", false);
        TableResult job =
                submit(
                        TestClusters.restartingThroughOutages(1),
                        server,
                        table,
                        "'sink.delivery-guarantee' = 'exactly-once'");
        awaitRows(job, server, table, ROWS / 10);
        server.restart(Duration.ofSeconds(3));

        job.await(3, TimeUnit.MINUTES);
        assertThat(server.query(DATABASE, "SELECT id, name FROM " + table + " ORDER BY id"))
                .isEqualTo(expectedRows());
    }

    /**
     * The source's server restarts mid-read: the reader fails, the job restarts from its last
     * checkpoint, every split resumes after its checkpointed offset, and the exactly-once target
     * (on the other server) holds every source row once.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"postgresql", "mariadb"})
    void aSourceServerRestartedMidReadIsResumedWithEveryRowOnce(String kind) throws Exception {
        DatabaseServer source = server(kind);
        DatabaseServer target = other(kind);
        String from = createTarget(source, "restarted_source", true);
        try (var connection = source.connect(DATABASE);
                var insert =
                        connection.prepareStatement("INSERT INTO " + from + " VALUES (?, ?)")) {
            for (int id = 1; id <= ROWS; id++) {
                insert.setLong(1, id);
                insert.setString(2, "name-" + id);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        String to = createTarget(target, "from_restarted_source", false);
        StreamTableEnvironment tEnv =
                StreamTableEnvironment.create(TestClusters.restartingThroughOutages(1));
        tEnv.executeSql(
                "CREATE TABLE src (name STRING, id BIGINT, PRIMARY KEY (id) NOT ENFORCED)"
                        + with(
                                source,
                                from,
                                "'scan.partition.num' = '2'",
                                "'scan.rate-limit.records-per-second' = '1000'"));
        tEnv.executeSql(
                "CREATE TABLE dst (id BIGINT, name STRING)"
                        + with(target, to, "'sink.delivery-guarantee' = 'exactly-once'"));
        TableResult job = tEnv.executeSql("INSERT INTO dst SELECT id, name FROM src");
        awaitRows(job, target, to, ROWS / 6);
        source.restart(Duration.ofSeconds(3));

        job.await(3, TimeUnit.MINUTES);
        assertThat(target.query(DATABASE, "SELECT id, name FROM " + to + " ORDER BY id"))
                .isEqualTo(expectedRows());
    }

    private static List<List<String>> expectedRows() {
        List<List<String>> expected = new ArrayList<>();
        for (int id = 1; id <= ROWS; id++) {
            expected.add(List.of(String.valueOf(id), "name-" + id));
        }
        return expected;
    }

    private static String createTarget(DatabaseServer server, String table, boolean key)
            throws SQLException {
        server.createDatabase(DATABASE);
        try (var connection = server.connect(DATABASE);
                var statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + table);
            statement.execute(
                    "CREATE TABLE "
                            + table
                            + " (id BIGINT NOT NULL"
                            + (key ? " PRIMARY KEY" : "")
                            + ", name VARCHAR(32))");
        }
        return table;
    }

    private static String with(DatabaseServer server, String table, String... options) {
        return " WITH ('connector' = 'flinkx-"
                + server.kind()
                + "', 'url' = '"
                + server.jdbcUrl(DATABASE)
                + "', 'table-name' = '"
                + table
                + "', 'username' = '"
                + server.user()
                + "', 'password' = '"
                + server.password()
                + "'"
                + (options.length == 0 ? "" : ", " + String.join(", ", options))
                + ")";
    }

    /** datagen rows 1..ROWS at 1000 rows/s into the table (upserts when it has a key). */
    private static TableResult submit(
            StreamExecutionEnvironment env,
            DatabaseServer server,
            String table,
            String... sinkOptions) {
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(env);
        tEnv.executeSql(
                "CREATE TABLE src (id BIGINT, name AS CONCAT('name-', CAST(id AS STRING))) WITH ("
                        + "'connector' = 'datagen', 'rows-per-second' = '1000', 'number-of-rows' = '"
                        + ROWS
                        + "',"
                        + " 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '"
                        + ROWS
                        + "')");
        List<String> options = new ArrayList<>();
        options.add("'sink.buffer-flush.max-rows' = '100'");
        options.add("'sink.buffer-flush.interval' = '100 ms'");
        options.addAll(List.of(sinkOptions));
        boolean upsert = !table.startsWith("eo_");
        tEnv.executeSql(
                "CREATE TABLE dst (name STRING, id BIGINT"
                        + (upsert ? ", PRIMARY KEY (id) NOT ENFORCED" : "")
                        + ")"
                        + with(server, table, options.toArray(new String[0])));
        return tEnv.executeSql("INSERT INTO dst SELECT name, id FROM src");
    }

    /** Waits until the job wrote {@code rows} rows; fails if the job ended before. */
    private static void awaitRows(TableResult job, DatabaseServer server, String table, long rows)
            throws Exception {
        while (Long.parseLong(server.query(DATABASE, "SELECT COUNT(*) FROM " + table).get(0).get(0))
                < rows) {
            assertThat(
                            job.getJobClient()
                                    .orElseThrow()
                                    .getJobStatus()
                                    .get()
                                    .isGloballyTerminalState())
                    .as("the job ended before it wrote " + rows + " rows")
                    .isFalse();
            Thread.sleep(100);
        }
    }
}
