package org.flinkx.connector.binlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
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
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.flinkx.connector.jdbc.testutils.MariaDbServer;
import org.flinkx.connector.jdbc.testutils.TestClusters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code 'scan.rows' = 'per-table'}: one flinkx-binlog table captures two MariaDB tables of
 * different columns (each a nested ROW column), and a statement set writes each table's column into
 * its own flinkx-mariadb upsert sink. The planner reads both through one source (one binlog
 * reader); a writer changes both tables while the job runs, while it is stopped with a savepoint
 * and after the restart: both targets end equal to their sources row by row.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class BinlogPerTableRowsITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.withSlots(4);

    @TempDir Path savepoints;

    private final MariaDbServer maria = MariaDbServer.get();
    private final String orders = "pt_orders_" + System.nanoTime() % 100000;
    private final String people = "pt_people_" + System.nanoTime() % 100000;

    private String sourceOptions() {
        return "'connector' = 'flinkx-binlog', 'hostname' = '127.0.0.1', 'port' = '"
                + maria.port()
                + "', 'username' = '"
                + maria.user()
                + "', 'password' = '"
                + maria.password()
                + "', 'scan.rows' = 'per-table', 'scan.snapshot.chunk-size' = '16'";
    }

    private StatementSet routes(StreamTableEnvironment tEnv) {
        // declared in another order than the tables' columns, and the tables in another order
        tEnv.executeSql(
                "CREATE TABLE changes (`cdc."
                        + people
                        + "` ROW<name STRING, pid INT NOT NULL, born DATE>, `cdc."
                        + orders
                        + "` ROW<total DECIMAL(10, 2), id BIGINT NOT NULL, note STRING>) WITH ("
                        + sourceOptions()
                        + ")");
        tEnv.executeSql(
                "CREATE TABLE dst_orders (id BIGINT, total DECIMAL(10, 2), note STRING, "
                        + "PRIMARY KEY (id) NOT ENFORCED) WITH ("
                        + sink(orders)
                        + ")");
        tEnv.executeSql(
                "CREATE TABLE dst_people (pid INT, name STRING, born DATE, "
                        + "PRIMARY KEY (pid) NOT ENFORCED) WITH ("
                        + sink(people)
                        + ")");
        StatementSet routes = tEnv.createStatementSet();
        routes.addInsertSql(
                String.format(
                        "INSERT INTO dst_orders SELECT c.`cdc.%1$s`.id, c.`cdc.%1$s`.total, "
                                + "c.`cdc.%1$s`.note FROM changes c WHERE c.`cdc.%1$s` IS NOT NULL",
                        orders));
        routes.addInsertSql(
                String.format(
                        "INSERT INTO dst_people SELECT c.`cdc.%1$s`.pid, c.`cdc.%1$s`.name, "
                                + "c.`cdc.%1$s`.born FROM changes c WHERE c.`cdc.%1$s` IS NOT NULL",
                        people));
        return routes;
    }

    private String sink(String table) {
        return "'connector' = 'flinkx-mariadb', 'url' = '"
                + maria.jdbcUrl("pt_copy")
                + "', 'table-name' = '"
                + table
                + "', 'username' = '"
                + maria.user()
                + "', 'password' = '"
                + maria.password()
                + "', 'sink.buffer-flush.interval' = '100ms'";
    }

    private JobClient start(StreamExecutionEnvironment env) {
        return routes(StreamTableEnvironment.create(env)).execute().getJobClient().orElseThrow();
    }

    private void change(long seed, int count) throws Exception {
        Random random = new Random(seed);
        try (Connection c = maria.connect("cdc")) {
            for (int i = 0; i < count; i++) {
                boolean order = random.nextBoolean();
                String table = order ? orders : people;
                String key = order ? "id" : "pid";
                long id = 1 + random.nextInt(80);
                if (random.nextInt(5) == 0) {
                    try (PreparedStatement delete =
                            c.prepareStatement("DELETE FROM " + table + " WHERE " + key + " = ?")) {
                        delete.setLong(1, id);
                        delete.executeUpdate();
                    }
                } else if (order) {
                    try (PreparedStatement upsert =
                            c.prepareStatement(
                                    "INSERT INTO "
                                            + table
                                            + " (id, note, total) VALUES (?, ?, ?) ON DUPLICATE KEY "
                                            + "UPDATE note = VALUES(note), total = VALUES(total)")) {
                        upsert.setLong(1, id);
                        upsert.setString(2, random.nextInt(10) == 0 ? null : "n-" + seed + "-" + i);
                        upsert.setBigDecimal(3, BigDecimal.valueOf(random.nextInt(100000), 2));
                        upsert.executeUpdate();
                    }
                } else {
                    try (PreparedStatement upsert =
                            c.prepareStatement(
                                    "INSERT INTO "
                                            + table
                                            + " (pid, born, name) VALUES (?, ?, ?) ON DUPLICATE KEY "
                                            + "UPDATE born = VALUES(born), name = VALUES(name)")) {
                        upsert.setLong(1, id);
                        upsert.setDate(
                                2,
                                java.sql.Date.valueOf(
                                        java.time.LocalDate.of(1950, 1, 1)
                                                .plusDays(random.nextInt(20000))));
                        upsert.setString(3, "p-" + seed + "-" + i);
                        upsert.executeUpdate();
                    }
                }
            }
        }
    }

    private void assertTargetsEqualSources() throws Exception {
        for (String query :
                List.of(
                        "SELECT id, total, note FROM " + orders + " ORDER BY id",
                        "SELECT pid, name, born FROM " + people + " ORDER BY pid")) {
            List<List<String>> expected = maria.query("cdc", query);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!maria.query("pt_copy", query).equals(expected)
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(maria.query("pt_copy", query)).as(query).isEqualTo(expected);
        }
    }

    @Test
    void oneReaderServesTablesOfDifferentColumnsAcrossASavepoint() throws Exception {
        maria.createDatabase("cdc");
        maria.createDatabase("pt_copy");
        for (String database : List.of("cdc", "pt_copy")) {
            try (Connection c = maria.connect(database);
                    Statement s = c.createStatement()) {
                s.execute(
                        "CREATE TABLE "
                                + orders
                                + " (id BIGINT PRIMARY KEY, note VARCHAR(64), total DECIMAL(10, 2))");
                s.execute(
                        "CREATE TABLE "
                                + people
                                + " (pid INT PRIMARY KEY, born DATE, name VARCHAR(64))");
            }
        }
        change(1, 100); // the snapshot's rows

        String plan =
                routes(StreamTableEnvironment.create(TestClusters.restartingEnvironment(2, 200)))
                        .explain();
        String execution = plan.substring(plan.indexOf("== Optimized Execution Plan =="));
        assertThat(execution.split("TableSourceScan\\(", -1)).as(execution).hasSize(2);

        JobClient first = start(TestClusters.restartingEnvironment(2, 200));
        change(2, 200);
        assertTargetsEqualSources();
        String savepoint =
                first.stopWithSavepoint(
                                false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get();

        change(3, 100); // while no job runs

        JobClient second = start(TestClusters.restoredEnvironment(2, 200, savepoint));
        try {
            change(4, 100);
            assertTargetsEqualSources();
        } finally {
            TestClusters.cancel(second);
        }
    }

    @Test
    void aColumnThatIsNoTableIsRefusedNamingIt() {
        StreamTableEnvironment tEnv =
                StreamTableEnvironment.create(StreamExecutionEnvironment.getExecutionEnvironment());
        tEnv.executeSql(
                "CREATE TABLE bad (`cdc.t` ROW<id INT>, id INT) WITH (" + sourceOptions() + ")");
        assertThatThrownBy(() -> tEnv.executeSql("SELECT * FROM bad").collect().close())
                .rootCause()
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Column 'id' is INT")
                .hasMessageContaining("'scan.rows' = 'per-table'");
        tEnv.executeSql(
                "CREATE TABLE both_set (`cdc.t` ROW<id INT>) WITH ("
                        + sourceOptions()
                        + ", 'tables' = 'cdc\\\\.t')");
        assertThatThrownBy(() -> tEnv.executeSql("SELECT * FROM both_set").collect().close())
                .rootCause()
                .hasMessageContaining("leave 'tables' out");
    }
}
