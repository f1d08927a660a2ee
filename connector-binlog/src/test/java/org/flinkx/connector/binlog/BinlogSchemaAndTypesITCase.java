package org.flinkx.connector.binlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.ExceptionUtils;
import org.flinkx.connector.jdbc.testutils.MariaDbServer;
import org.flinkx.connector.jdbc.testutils.Metrics;
import org.flinkx.connector.jdbc.testutils.TestClusters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Type mapping, schema changes and metrics of the binlog source against MariaDB. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class BinlogSchemaAndTypesITCase {

    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER =
            TestClusters.withSlots(2, REPORTER.addToConfiguration(new Configuration()));

    private final MariaDbServer server = MariaDbServer.get();
    private final String table = "types_" + System.nanoTime();

    private void execute(String... statements) throws Exception {
        server.createDatabase("cdc");
        try (Connection c = server.connect("cdc");
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private TableResult start(StreamTableEnvironment tEnv, String columns) {
        tEnv.executeSql(
                "CREATE TABLE t ("
                        + columns
                        + ") WITH ('connector' = 'flinkx-binlog', "
                        + "'hostname' = '127.0.0.1', 'port' = '"
                        + server.port()
                        + "', 'username' = '"
                        + server.user()
                        + "', 'password' = '"
                        + server.password()
                        + "', 'tables' = 'cdc\\."
                        + table
                        + "')");
        return tEnv.executeSql("SELECT * FROM t");
    }

    private static List<Row> take(CloseableIterator<Row> it, int count) {
        List<Row> rows = new ArrayList<>();
        while (rows.size() < count && it.hasNext()) {
            rows.add(it.next());
        }
        return rows;
    }

    private static void cancel(TableResult result) {
        result.getJobClient()
                .ifPresent(
                        job -> {
                            try {
                                job.cancel().get();
                            } catch (Exception e) {
                                // ended already
                            }
                        });
    }

    @Test
    void mapsTypesInSnapshotAndBinlogAlike() throws Exception {
        execute(
                "CREATE TABLE "
                        + table
                        + " (id INT PRIMARY KEY, flag TINYINT(1), small SMALLINT, big BIGINT, "
                        + "ratio DOUBLE, price DECIMAL(20,4), txt TEXT, d DATE, t TIME(3), dt DATETIME(6), "
                        + "ts TIMESTAMP(3) NULL, bin VARBINARY(8))",
                // the TIMESTAMP literal below is a UTC wall time
                "SET time_zone = '+00:00'",
                "INSERT INTO "
                        + table
                        + " VALUES (1, 1, -7, 9007199254740993, 1.5, -12345678.9012, '中文 ✓', "
                        + "'2024-02-29', '23:59:58.123', '2024-02-29 23:59:59.123456', '2024-01-01 00:00:00.001', x'00ff10')");
        String columns =
                "id INT, flag BOOLEAN, small SMALLINT, big BIGINT, ratio DOUBLE, price DECIMAL(20, 4), "
                        + "txt STRING, d DATE, t TIME(3), dt TIMESTAMP(6), ts TIMESTAMP_LTZ(3), bin BYTES";
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(TestClusters.environment(1));
        tEnv.getConfig().setLocalTimeZone(java.time.ZoneOffset.UTC);
        TableResult result = start(tEnv, columns);
        try (CloseableIterator<Row> it = result.collect()) {
            Row snapshot = take(it, 1).get(0);
            execute(
                    "INSERT INTO "
                            + table
                            + " SELECT 2, flag, small, big, ratio, price, txt, d, t, dt, ts, bin FROM "
                            + table
                            + " WHERE id = 1");
            Row binlog = take(it, 1).get(0);
            Row expected =
                    Row.of(
                            1,
                            true,
                            (short) -7,
                            9007199254740993L,
                            1.5,
                            new BigDecimal("-12345678.9012"),
                            "中文 ✓",
                            LocalDate.of(2024, 2, 29),
                            LocalTime.of(23, 59, 58, 123_000_000),
                            LocalDateTime.of(2024, 2, 29, 23, 59, 59, 123_456_000),
                            Instant.parse("2024-01-01T00:00:00.001Z"),
                            new byte[] {0, -1, 16});
            assertThat(snapshot).isEqualTo(expected);
            expected.setField(0, 2);
            assertThat(binlog).isEqualTo(expected);
        } finally {
            cancel(result);
        }
    }

    @Test
    void followsAddedColumnsAndFailsClearlyWhenADeclaredColumnGoes() throws Exception {
        execute(
                "CREATE TABLE " + table + " (id INT PRIMARY KEY, a VARCHAR(10), b VARCHAR(10))",
                "INSERT INTO " + table + " VALUES (1, 'a1', 'b1')");
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(TestClusters.environment(1));
        TableResult result = start(tEnv, "id INT, a STRING, b STRING");
        try (CloseableIterator<Row> it = result.collect()) {
            assertThat(take(it, 1)).containsExactly(Row.of(1, "a1", "b1"));
            execute(
                    "ALTER TABLE " + table + " ADD COLUMN c INT",
                    "INSERT INTO " + table + " VALUES (2, 'a2', 'b2', 42)");
            assertThat(take(it, 1)).containsExactly(Row.of(2, "a2", "b2"));
            execute(
                    "ALTER TABLE " + table + " DROP COLUMN b",
                    "INSERT INTO " + table + " VALUES (3, 'a3', 43)");
            assertThatThrownBy(() -> take(it, 1))
                    .satisfies(
                            e ->
                                    assertThat(ExceptionUtils.stringifyException(e))
                                            .contains(
                                                    "Column 'b' is declared in the Flink table but cdc."
                                                            + table
                                                            + " has no such column"));
        } finally {
            cancel(result);
        }
        long inserts =
                Metrics.sum(
                        REPORTER,
                        result.getJobClient().orElseThrow().getJobID(),
                        "flinkx.numInserts");
        long snapshot =
                Metrics.sum(
                        REPORTER,
                        result.getJobClient().orElseThrow().getJobID(),
                        "flinkx.numSnapshotRecords");
        assertThat(snapshot).isEqualTo(1);
        assertThat(inserts).isEqualTo(1); // the third insert failed the job before it was counted
    }
}
