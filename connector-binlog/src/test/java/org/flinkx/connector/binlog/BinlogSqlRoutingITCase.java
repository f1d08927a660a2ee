package org.flinkx.connector.binlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.StatementSet;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.flinkx.connector.jdbc.testutils.MariaDbServer;
import org.flinkx.connector.jdbc.testutils.TestClusters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flink SQL only: one flinkx-binlog table captures two MariaDB tables, and a statement set routes
 * each by its table_name to its own flinkx-mariadb upsert sink; a writer changes both while the job
 * runs, while it is stopped with a savepoint, and after it was restarted from the savepoint. Both
 * targets end equal to their sources row by row.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class BinlogSqlRoutingITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.withSlots(4);

    @TempDir Path savepoints;

    private final MariaDbServer maria = MariaDbServer.get();
    private final String a = "route_a_" + System.nanoTime() % 100000;
    private final String b = "route_b_" + System.nanoTime() % 100000;

    private JobClient start(StreamExecutionEnvironment env) {
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(env);
        tEnv.executeSql(
                "CREATE TABLE changes (id BIGINT, v STRING, tbl STRING METADATA FROM 'table_name' VIRTUAL) "
                        + "WITH ('connector' = 'flinkx-binlog', 'hostname' = '127.0.0.1', 'port' = '"
                        + maria.port()
                        + "', 'username' = '"
                        + maria.user()
                        + "', 'password' = '"
                        + maria.password()
                        + "', 'tables' = 'cdc\\."
                        + a
                        + ",cdc\\."
                        + b
                        + "', 'scan.snapshot.chunk-size' = '16')");
        StatementSet routes = tEnv.createStatementSet();
        for (String table : List.of(a, b)) {
            tEnv.executeSql(
                    "CREATE TABLE dst_"
                            + table
                            + " (id BIGINT, v STRING, PRIMARY KEY (id) NOT ENFORCED) "
                            + "WITH ('connector' = 'flinkx-mariadb', 'url' = '"
                            + maria.jdbcUrl("routed")
                            + "', "
                            + "'table-name' = '"
                            + table
                            + "', 'username' = '"
                            + maria.user()
                            + "', "
                            + "'password' = '"
                            + maria.password()
                            + "', 'sink.buffer-flush.interval' = '100ms')");
            routes.addInsertSql(
                    "INSERT INTO dst_"
                            + table
                            + " SELECT id, v FROM changes WHERE tbl = '"
                            + table
                            + "'");
        }
        return routes.execute().getJobClient().orElseThrow();
    }

    private void change(long seed, int count) throws Exception {
        Random random = new Random(seed);
        try (Connection c = maria.connect("cdc")) {
            for (int i = 0; i < count; i++) {
                String table = random.nextBoolean() ? a : b;
                long id = 1 + random.nextInt(80);
                if (random.nextInt(5) == 0) {
                    try (PreparedStatement delete =
                            c.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
                        delete.setLong(1, id);
                        delete.executeUpdate();
                    }
                } else {
                    try (PreparedStatement upsert =
                            c.prepareStatement(
                                    "INSERT INTO "
                                            + table
                                            + " VALUES (?, ?) ON DUPLICATE KEY UPDATE v = VALUES(v)")) {
                        upsert.setLong(1, id);
                        upsert.setString(
                                2, random.nextInt(10) == 0 ? null : table + "-" + seed + "-" + i);
                        upsert.executeUpdate();
                    }
                }
            }
        }
    }

    private void assertTargetsEqualSources() throws Exception {
        for (String table : List.of(a, b)) {
            String query = "SELECT id, v FROM " + table + " ORDER BY id";
            List<List<String>> expected = maria.query("cdc", query);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!maria.query("routed", query).equals(expected) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(maria.query("routed", query)).as(table).isEqualTo(expected);
        }
    }

    @Test
    void routesTablesToTheirSinksAcrossASavepoint() throws Exception {
        maria.createDatabase("cdc");
        maria.createDatabase("routed");
        for (String table : List.of(a, b)) {
            for (String database : List.of("cdc", "routed")) {
                try (Connection c = maria.connect(database);
                        Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, v VARCHAR(64))");
                }
            }
        }
        change(1, 100); // the snapshot's rows

        JobClient first = start(TestClusters.restartingEnvironment(2, 200));
        change(2, 200);
        assertTargetsEqualSources();
        String savepoint =
                first.stopWithSavepoint(
                                false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get();

        change(3, 100); // while no job runs

        StreamExecutionEnvironment restored = TestClusters.restoredEnvironment(2, 200, savepoint);
        JobClient second = start(restored);
        try {
            change(4, 100);
            assertTargetsEqualSources();
        } finally {
            TestClusters.cancel(second);
        }
    }
}
