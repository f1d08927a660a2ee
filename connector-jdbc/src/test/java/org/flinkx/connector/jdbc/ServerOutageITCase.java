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
import org.flinkx.connector.jdbc.testutils.MariaDbServer;
import org.flinkx.connector.jdbc.testutils.TestClusters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sink's retry policy against a real outage: the MariaDB server is stopped and started again
 * while a job writes into it. The jobs run without a restart strategy, so any failure of the sink
 * fails the job: a job that finishes rode out the outage on its own retries.
 */
class ServerOutageITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.withSlots(2);

    private static final String DATABASE = "outage";
    private static final int ROWS = 6000;

    private final MariaDbServer maria = MariaDbServer.get();

    @Test
    void aRestartShorterThanTheRetryBudgetCausesNoJobRestart() throws Exception {
        String table = createTarget("short_outage");
        // The retries reconnect 1.5, 4.5 and 10.5 s after the first failure; the server is down for
        // 5 s plus its stop and start. A writer that reconnected before waiting would make its last
        // attempt on the connection of 4.5 s, which failed, and fail the job.
        TableResult job =
                submit(table, "'sink.max-retries' = '3'", "'sink.retry.backoff' = '1500 ms'");
        awaitRows(job, table, ROWS / 10);
        maria.restart(Duration.ofSeconds(5));

        job.await(3, TimeUnit.MINUTES);
        List<List<String>> expected = new ArrayList<>();
        for (int id = 1; id <= ROWS; id++) {
            expected.add(List.of(String.valueOf(id), "name-" + id));
        }
        assertThat(maria.query(DATABASE, "SELECT id, name FROM " + table + " ORDER BY id"))
                .isEqualTo(expected);
    }

    @Test
    void anOutageLongerThanTheBudgetFailsWithTheAttemptsAndTheLastError() throws Exception {
        String table = createTarget("long_outage");
        TableResult job =
                submit(table, "'sink.max-retries' = '1'", "'sink.retry.backoff' = '100 ms'");
        awaitRows(job, table, ROWS / 10);
        maria.restart(Duration.ofSeconds(3));

        assertThatThrownBy(() -> job.await(3, TimeUnit.MINUTES))
                .satisfies(
                        e ->
                                assertThat(ExceptionUtils.stringifyException(e))
                                        .contains(
                                                "buffered rows to "
                                                        + table
                                                        + " at jdbc:mariadb://"
                                                        + maria.host()
                                                        + ":"
                                                        + maria.port())
                                        .contains("failed after 2 attempts: ")
                                        .doesNotContain(maria.password()));
    }

    private String createTarget(String table) throws SQLException {
        maria.createDatabase(DATABASE);
        try (var connection = maria.connect(DATABASE);
                var statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + table);
            statement.execute(
                    "CREATE TABLE "
                            + table
                            + " (id BIGINT NOT NULL PRIMARY KEY, name VARCHAR(32))");
        }
        return table;
    }

    /** datagen rows 1..ROWS at 1000 rows/s into the table, upserts at-least-once; no restarts. */
    private TableResult submit(String table, String... sinkOptions) {
        StreamExecutionEnvironment env = TestClusters.environment(1);
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(env);
        tEnv.executeSql(
                "CREATE TABLE src (id BIGINT, name AS CONCAT('name-', CAST(id AS STRING))) WITH ("
                        + "'connector' = 'datagen', 'rows-per-second' = '1000', 'number-of-rows' = '"
                        + ROWS
                        + "',"
                        + " 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '"
                        + ROWS
                        + "')");
        tEnv.executeSql(
                "CREATE TABLE dst (name STRING, id BIGINT, PRIMARY KEY (id) NOT ENFORCED) WITH ("
                        + "'connector' = 'flinkx-mariadb', 'url' = '"
                        + maria.jdbcUrl(DATABASE)
                        + "',"
                        + " 'table-name' = '"
                        + table
                        + "', 'username' = '"
                        + maria.user()
                        + "',"
                        + " 'password' = '"
                        + maria.password()
                        + "', 'sink.buffer-flush.max-rows' = '100',"
                        + " 'sink.buffer-flush.interval' = '100 ms', 'sink.delivery-guarantee' = 'at-least-once', "
                        + String.join(", ", sinkOptions)
                        + ")");
        return tEnv.executeSql("INSERT INTO dst SELECT name, id FROM src");
    }

    /** Waits until the job wrote {@code rows} rows; fails if the job ended before. */
    private void awaitRows(TableResult job, String table, long rows) throws Exception {
        while (Long.parseLong(maria.query(DATABASE, "SELECT COUNT(*) FROM " + table).get(0).get(0))
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
