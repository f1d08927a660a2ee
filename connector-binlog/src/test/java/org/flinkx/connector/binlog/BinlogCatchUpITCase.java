package org.flinkx.connector.binlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
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
 * A savepoint restored into a job that captures more: {@code 'scan.operator-uid'} keeps the binlog
 * source's state across a changed statement set, and the restored stream first catches up what it
 * has not emitted — a table the first job did not capture (one that existed, and one created while
 * it ran) and a column added to a captured table while it ran, or after it stopped — then streams
 * on from the savepoint's offset: changes from before a column was added among them, deletes of
 * rows the target has and the catch-up no longer finds too. A table captured by both jobs is not
 * read again: a target row changed by hand after the savepoint keeps the change.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class BinlogCatchUpITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.withSlots(4);

    @TempDir Path savepoints;

    private final MariaDbServer maria = MariaDbServer.get();
    private final String suffix = "_" + System.nanoTime() % 100000;
    private final String orders = "cu_orders" + suffix; // gains a column while job 1 runs
    private final String items = "cu_items" + suffix; // captured by both jobs, unchanged
    private final String people = "cu_people" + suffix; // exists, captured by job 2 only
    private final String tags = "cu_tags" + suffix; // created while job 1 runs
    private final String lines = "cu_lines" + suffix; // gains a column while no job runs

    private static final String ORDERS = "id BIGINT NOT NULL, total DECIMAL(10, 2), note STRING";
    private static final String ITEMS = "sku INT NOT NULL, label STRING";
    private static final String PEOPLE = "pid INT NOT NULL, name STRING";
    private static final String TAGS = "tag_id INT NOT NULL, tag STRING";
    private static final String LINES = "line_id INT NOT NULL, label STRING";

    private String source(Map<String, String> tables) {
        StringBuilder columns = new StringBuilder();
        tables.forEach(
                (table, row) ->
                        columns.append(columns.length() == 0 ? "" : ", ")
                                .append("`cdc.")
                                .append(table)
                                .append("` ROW<")
                                .append(row)
                                .append('>'));
        return "CREATE TABLE changes ("
                + columns
                + ") WITH ('connector' = 'flinkx-binlog', 'hostname' = '127.0.0.1', 'port' = '"
                + maria.port()
                + "', 'username' = '"
                + maria.user()
                + "', 'password' = '"
                + maria.password()
                + "', 'scan.rows' = 'per-table', 'scan.snapshot.chunk-size' = '16', "
                + "'scan.operator-uid' = 'cu-binlog')";
    }

    private String sink(String table, String columns, String key) {
        return "CREATE TABLE dst_"
                + table
                + " ("
                + columns.replace(" NOT NULL", "")
                + ", PRIMARY KEY ("
                + key
                + ") NOT ENFORCED) WITH ('connector' = 'flinkx-mariadb', 'url' = '"
                + maria.jdbcUrl("cu_copy")
                + "', 'table-name' = '"
                + table
                + "', 'username' = '"
                + maria.user()
                + "', 'password' = '"
                + maria.password()
                + "', 'sink.buffer-flush.interval' = '100ms')";
    }

    /** One INSERT per table, in the order given, each copying the table's ROW column. */
    private JobClient start(StreamExecutionEnvironment env, List<String[]> routes) {
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(env);
        // as the whole-database sync runs it: no state between the source and the sinks, whose
        // ids would change with the plan (the binlog orders each key's changes)
        tEnv.getConfig().set("table.exec.sink.upsert-materialize", "NONE");
        tEnv.getConfig().set("table.exec.sink.keyed-shuffle", "FORCE");
        Map<String, String> tables = new java.util.LinkedHashMap<>();
        routes.forEach(route -> tables.put(route[0], route[1]));
        tEnv.executeSql(source(tables));
        StatementSet set = tEnv.createStatementSet();
        for (String[] route : routes) {
            tEnv.executeSql(sink(route[0], route[1], route[2]));
            List<String> fields = new ArrayList<>();
            for (String column : route[1].split(", (?![0-9])")) {
                fields.add("c.`cdc." + route[0] + "`." + column.split(" ")[0]);
            }
            set.addInsertSql(
                    "INSERT INTO dst_"
                            + route[0]
                            + " SELECT "
                            + String.join(", ", fields)
                            + " FROM changes c WHERE c.`cdc."
                            + route[0]
                            + "` IS NOT NULL");
        }
        return set.execute().getJobClient().orElseThrow();
    }

    private void execute(String database, String... statements) throws Exception {
        try (Connection c = maria.connect(database);
                Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    /** Random upserts and deletes in {@code table}, keyed by {@code key} in 1..60. */
    private void change(String table, String key, String column, long seed, int count)
            throws Exception {
        Random random = new Random(seed);
        try (Connection c = maria.connect("cdc")) {
            for (int i = 0; i < count; i++) {
                long id = 1 + random.nextInt(60);
                if (random.nextInt(5) == 0) {
                    try (PreparedStatement delete =
                            c.prepareStatement("DELETE FROM " + table + " WHERE " + key + " = ?")) {
                        delete.setLong(1, id);
                        delete.executeUpdate();
                    }
                } else {
                    try (PreparedStatement upsert =
                            c.prepareStatement(
                                    "INSERT INTO "
                                            + table
                                            + " ("
                                            + key
                                            + ", "
                                            + column
                                            + ") VALUES (?, ?) ON DUPLICATE KEY UPDATE "
                                            + column
                                            + " = VALUES("
                                            + column
                                            + ")")) {
                        upsert.setLong(1, id);
                        upsert.setString(2, table.substring(0, 5) + "-" + seed + "-" + i);
                        upsert.executeUpdate();
                    }
                }
            }
        }
    }

    private void changeOrders(long seed, int count, boolean withExtra) throws Exception {
        Random random = new Random(seed);
        try (Connection c = maria.connect("cdc")) {
            for (int i = 0; i < count; i++) {
                long id = 1 + random.nextInt(60);
                if (random.nextInt(5) == 0) {
                    try (PreparedStatement delete =
                            c.prepareStatement("DELETE FROM " + orders + " WHERE id = ?")) {
                        delete.setLong(1, id);
                        delete.executeUpdate();
                    }
                    continue;
                }
                String extra = withExtra ? ", extra" : "";
                try (PreparedStatement upsert =
                        c.prepareStatement(
                                "INSERT INTO "
                                        + orders
                                        + " (id, note, total"
                                        + extra
                                        + ") VALUES (?, ?, ?"
                                        + (withExtra ? ", ?" : "")
                                        + ") ON DUPLICATE KEY UPDATE note = VALUES(note), "
                                        + "total = VALUES(total)"
                                        + (withExtra ? ", extra = VALUES(extra)" : ""))) {
                    upsert.setLong(1, id);
                    upsert.setString(2, "n-" + seed + "-" + i);
                    upsert.setBigDecimal(3, BigDecimal.valueOf(random.nextInt(100000), 2));
                    if (withExtra) {
                        upsert.setLong(4, seed * 1000 + i);
                    }
                    upsert.executeUpdate();
                }
            }
        }
    }

    private void awaitEqual(String query) throws Exception {
        List<List<String>> expected = maria.query("cdc", query);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!maria.query("cu_copy", query).equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(maria.query("cu_copy", query)).as(query).isEqualTo(expected);
    }

    @Test
    void aRestoredStreamReadsNewTablesAndAnAddedColumnFirstAndOnlyThose() throws Exception {
        maria.createDatabase("cdc");
        maria.createDatabase("cu_copy");
        for (String database : List.of("cdc", "cu_copy")) {
            execute(
                    database,
                    "CREATE TABLE "
                            + orders
                            + " (id BIGINT PRIMARY KEY, note VARCHAR(64), total DECIMAL(10, 2))",
                    "CREATE TABLE " + items + " (sku INT PRIMARY KEY, label VARCHAR(64))",
                    "CREATE TABLE " + lines + " (line_id INT PRIMARY KEY, label VARCHAR(64))",
                    "CREATE TABLE " + people + " (pid INT PRIMARY KEY, name VARCHAR(64))");
        }
        changeOrders(1, 80, false);
        change(items, "sku", "label", 2, 80);
        change(people, "pid", "name", 3, 80);
        change(lines, "line_id", "label", 15, 80);

        List<String[]> first =
                List.of(
                        new String[] {orders, ORDERS, "id"},
                        new String[] {items, ITEMS, "sku"},
                        new String[] {lines, LINES, "line_id"});
        maria.awaitBinlogClients(false); // so that the wait below sees this job's client
        JobClient job = start(TestClusters.restartingEnvironment(2, 200), first);
        changeOrders(4, 100, false);
        change(items, "sku", "label", 5, 100);
        awaitEqual("SELECT id, total, note FROM " + orders + " ORDER BY id");
        awaitEqual("SELECT sku, label FROM " + items + " ORDER BY sku");
        awaitEqual("SELECT line_id, label FROM " + lines + " ORDER BY line_id");
        // Debezium reads the tables' definitions when the stream starts: the schema changes below
        // must come after that (a change during the first snapshot fails the stream, documented)
        maria.awaitBinlogClients(true);

        // while job 1 runs: a new table, a column added to a captured one and filled
        execute("cdc", "CREATE TABLE " + tags + " (tag_id INT PRIMARY KEY, tag VARCHAR(64))");
        change(tags, "tag_id", "tag", 6, 60);
        execute("cdc", "ALTER TABLE " + orders + " ADD COLUMN extra BIGINT");
        changeOrders(7, 100, true);
        change(people, "pid", "name", 8, 60);
        change(items, "sku", "label", 9, 60);
        execute("cdc", "INSERT INTO " + items + " (sku, label) VALUES (1000, 'at the source')");
        awaitEqual("SELECT sku, label FROM " + items + " ORDER BY sku");
        String savepoint =
                job.stopWithSavepoint(
                                false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get();

        // the targets of job 2 (as a whole-database sync creates them), and a row of items changed
        // by hand: only a new snapshot of items would put it back
        execute(
                "cu_copy",
                "ALTER TABLE " + orders + " ADD COLUMN extra BIGINT",
                "CREATE TABLE " + tags + " (tag_id INT PRIMARY KEY, tag VARCHAR(64))",
                "UPDATE " + items + " SET label = 'by hand' WHERE sku = 1000");
        changeOrders(10, 50, true); // while no job runs
        // ... and before a column is added to lines: the restored stream reads these changes in
        // the rows of before the column, deletes of rows its target has among them
        change(lines, "line_id", "label", 16, 60);
        execute("cdc", "ALTER TABLE " + lines + " ADD COLUMN qty INT");
        execute("cu_copy", "ALTER TABLE " + lines + " ADD COLUMN qty INT");
        execute("cdc", "UPDATE " + lines + " SET qty = line_id * 3 WHERE line_id % 2 = 0");

        List<String[]> second =
                List.of(
                        new String[] {tags, TAGS, "tag_id"},
                        new String[] {people, PEOPLE, "pid"},
                        new String[] {orders, ORDERS + ", extra BIGINT", "id"},
                        new String[] {items, ITEMS, "sku"},
                        new String[] {lines, LINES + ", qty INT", "line_id"});
        StreamExecutionEnvironment restored = TestClusters.restoredEnvironment(2, 200, savepoint);
        restored.configure(
                Configuration.fromMap(
                        Map.of(
                                StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE.key(),
                                "true")));
        JobClient resumed = start(restored, second);
        try {
            changeOrders(11, 100, true);
            change(people, "pid", "name", 12, 60);
            change(tags, "tag_id", "tag", 13, 60);
            change(items, "sku", "label", 14, 60);
            awaitEqual("SELECT id, total, note, extra FROM " + orders + " ORDER BY id");
            awaitEqual("SELECT pid, name FROM " + people + " ORDER BY pid");
            awaitEqual("SELECT tag_id, tag FROM " + tags + " ORDER BY tag_id");
            awaitEqual("SELECT line_id, label, qty FROM " + lines + " ORDER BY line_id");
            awaitEqual("SELECT sku, label FROM " + items + " WHERE sku < 1000 ORDER BY sku");
            // items was not read again: its state came back with the source's uid
            assertThat(maria.query("cu_copy", "SELECT label FROM " + items + " WHERE sku = 1000"))
                    .containsExactly(List.of("by hand"));
        } finally {
            TestClusters.cancel(resumed);
        }
    }
}
