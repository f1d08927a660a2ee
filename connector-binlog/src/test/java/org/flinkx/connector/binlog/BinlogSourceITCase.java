package org.flinkx.connector.binlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.CloseableIterator;
import org.flinkx.connector.jdbc.testutils.MariaDbServer;
import org.flinkx.connector.jdbc.testutils.TestClusters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The binlog source against a real MariaDB server with its binlog on. */
class BinlogSourceITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.withSlots(2);

    private static MariaDbServer server() {
        MariaDbServer server = MariaDbServer.get();
        server.createDatabase("cdc");
        return server;
    }

    private static void execute(MariaDbServer server, String... statements) throws Exception {
        try (Connection c = server.connect("cdc");
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private static String options(MariaDbServer server, String tables) {
        return "'connector' = 'flinkx-binlog', 'hostname' = '127.0.0.1', 'port' = '"
                + server.port()
                + "', 'username' = '"
                + server.user()
                + "', 'password' = '"
                + server.password()
                + "', 'tables' = '"
                + tables
                + "'";
    }

    private static List<Row> take(CloseableIterator<Row> it, int count) {
        List<Row> rows = new ArrayList<>();
        while (rows.size() < count && it.hasNext()) {
            rows.add(it.next());
        }
        return rows;
    }

    /** Both snapshots: FlinkX's chunked one and Debezium's (MySQL, or chunking off). */
    @org.junit.jupiter.params.ParameterizedTest(name = "chunked snapshot: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void snapshotThenInsertsUpdatesAndDeletesWithTheirRowKinds(boolean chunked) throws Exception {
        MariaDbServer server = server();
        String table = "orders_" + System.nanoTime();
        execute(
                server,
                "CREATE TABLE "
                        + table
                        + " (id INT PRIMARY KEY, name VARCHAR(32), amount DECIMAL(10,2), "
                        + "created DATETIME(3))",
                "INSERT INTO "
                        + table
                        + " VALUES (1, 'snap-1', 1.50, '2024-01-01 10:00:00.123'), "
                        + "(2, 'snap-2', NULL, NULL)");
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(TestClusters.environment(1));
        tEnv.executeSql(
                "CREATE TABLE t (id INT, name STRING, amount DECIMAL(10, 2), created TIMESTAMP(3), "
                        + "PRIMARY KEY (id) NOT ENFORCED) WITH ("
                        + options(server, "cdc\\." + table)
                        + ", 'scan.snapshot.chunked' = '"
                        + chunked
                        + "')");
        TableResult result = tEnv.executeSql("SELECT * FROM t");
        try (CloseableIterator<Row> it = result.collect()) {
            List<Row> snapshot = take(it, 2);
            assertThat(snapshot)
                    .containsExactlyInAnyOrder(
                            Row.ofKind(
                                    RowKind.INSERT,
                                    1,
                                    "snap-1",
                                    new BigDecimal("1.50"),
                                    LocalDateTime.of(2024, 1, 1, 10, 0, 0, 123_000_000)),
                            Row.ofKind(RowKind.INSERT, 2, "snap-2", null, null));
            execute(
                    server,
                    "INSERT INTO " + table + " VALUES (3, '中文 ✓', 3.25, '2024-02-29 23:59:59.999')",
                    "UPDATE " + table + " SET name = 'updated', amount = 9.99 WHERE id = 1",
                    "DELETE FROM " + table + " WHERE id = 2");
            assertThat(take(it, 4))
                    .containsExactly(
                            Row.ofKind(
                                    RowKind.INSERT,
                                    3,
                                    "中文 ✓",
                                    new BigDecimal("3.25"),
                                    LocalDateTime.of(2024, 2, 29, 23, 59, 59, 999_000_000)),
                            Row.ofKind(
                                    RowKind.UPDATE_BEFORE,
                                    1,
                                    "snap-1",
                                    new BigDecimal("1.50"),
                                    LocalDateTime.of(2024, 1, 1, 10, 0, 0, 123_000_000)),
                            Row.ofKind(
                                    RowKind.UPDATE_AFTER,
                                    1,
                                    "updated",
                                    new BigDecimal("9.99"),
                                    LocalDateTime.of(2024, 1, 1, 10, 0, 0, 123_000_000)),
                            Row.ofKind(RowKind.DELETE, 2, "snap-2", null, null));
        } finally {
            result.getJobClient().ifPresent(job -> job.cancel());
        }
    }

    @Test
    void capturesSeveralTablesWithTheirNames() throws Exception {
        MariaDbServer server = server();
        String prefix = "multi_" + System.nanoTime();
        execute(
                server,
                "CREATE TABLE " + prefix + "_a (id INT PRIMARY KEY, v VARCHAR(10))",
                "CREATE TABLE " + prefix + "_b (id INT PRIMARY KEY, v VARCHAR(10), extra INT)",
                "CREATE TABLE " + prefix + "_other (id INT PRIMARY KEY, v VARCHAR(10))",
                "INSERT INTO " + prefix + "_a VALUES (1, 'a1')");
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(TestClusters.environment(1));
        tEnv.executeSql(
                "CREATE TABLE t (id INT, v STRING, db STRING METADATA FROM 'database_name' VIRTUAL, "
                        + "tbl STRING METADATA FROM 'table_name' VIRTUAL) WITH ("
                        + options(server, "cdc\\." + prefix + "_[ab]")
                        + ", 'scan.startup.mode' = 'initial')");
        TableResult result = tEnv.executeSql("SELECT tbl, id, v, db FROM t");
        try (CloseableIterator<Row> it = result.collect()) {
            assertThat(take(it, 1)).containsExactly(Row.of(prefix + "_a", 1, "a1", "cdc"));
            execute(
                    server,
                    "INSERT INTO " + prefix + "_other VALUES (9, 'not me')",
                    "INSERT INTO " + prefix + "_b VALUES (2, 'b2', 42)",
                    "INSERT INTO " + prefix + "_a VALUES (3, 'a3')");
            assertThat(take(it, 2))
                    .containsExactly(
                            Row.of(prefix + "_b", 2, "b2", "cdc"),
                            Row.of(prefix + "_a", 3, "a3", "cdc"));
        } finally {
            result.getJobClient().ifPresent(job -> job.cancel());
        }
    }
}
