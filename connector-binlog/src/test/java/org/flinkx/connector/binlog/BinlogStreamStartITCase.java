package org.flinkx.connector.binlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.flinkx.connector.binlog.debezium.EngineStreaming;
import org.flinkx.connector.jdbc.testutils.MariaDbServer;
import org.flinkx.connector.jdbc.testutils.TestClusters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A savepoint taken once the stream has started and before it has emitted a change carries the
 * schema history of when the stream started: a column added while no job runs, with rows changed on
 * both sides of it, is read by the restored job with the definitions each change was made under.
 * (Rebuilt from the definitions of when it is restored, the rows before the change would not fit:
 * "internal schema size 3, but row size 2".)
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class BinlogStreamStartITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.withSlots(4);

    @TempDir Path savepoints;

    private final MariaDbServer maria = MariaDbServer.get();
    private final String table = "ss_items_" + System.nanoTime() % 100000;

    private void execute(String database, String... statements) throws Exception {
        try (Connection c = maria.connect(database);
                Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private JobClient start(StreamExecutionEnvironment env) {
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(env);
        tEnv.getConfig().set("table.exec.sink.upsert-materialize", "NONE");
        tEnv.executeSql(
                "CREATE TABLE changes (id INT NOT NULL, label STRING)"
                        + " WITH ('connector' = 'flinkx-binlog', 'hostname' = '127.0.0.1', 'port' = '"
                        + maria.port()
                        + "', 'username' = '"
                        + maria.user()
                        + "', 'password' = '"
                        + maria.password()
                        + "', 'tables' = 'cdc\\."
                        + table
                        + "')");
        tEnv.executeSql(
                "CREATE TABLE copy (id INT NOT NULL, label STRING, PRIMARY KEY (id) NOT ENFORCED)"
                        + " WITH ('connector' = 'flinkx-mariadb', 'url' = '"
                        + maria.jdbcUrl("ss_copy")
                        + "', 'table-name' = '"
                        + table
                        + "', 'username' = '"
                        + maria.user()
                        + "', 'password' = '"
                        + maria.password()
                        + "', 'sink.buffer-flush.interval' = '100ms')");
        return tEnv.executeSql("INSERT INTO copy SELECT id, label FROM changes")
                .getJobClient()
                .orElseThrow();
    }

    private void awaitCopyEqualsSource() throws Exception {
        String query = "SELECT id, label FROM " + table + " ORDER BY id";
        List<List<String>> expected = maria.query("cdc", query);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!maria.query("ss_copy", query).equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(maria.query("ss_copy", query)).as(query).isEqualTo(expected);
    }

    @Test
    void aColumnAddedAfterASavepointOfTheStartedStreamIsReadWithTheRightDefinitions()
            throws Exception {
        maria.createDatabase("cdc");
        maria.createDatabase("ss_copy");
        String columns = " (id INT PRIMARY KEY, label VARCHAR(64))";
        execute(
                "cdc",
                "CREATE TABLE " + table + columns,
                "INSERT INTO " + table + " VALUES (1, 'one'), (2, 'two'), (3, 'three')");
        execute("ss_copy", "CREATE TABLE " + table + columns);

        Set<String> before = EngineStreaming.connectedEngines();
        JobClient first = start(TestClusters.restartingEnvironment(2, 200));
        awaitCopyEqualsSource();
        // the stream has started (its engine is connected) and emitted nothing yet
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (before.containsAll(EngineStreaming.connectedEngines())
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(EngineStreaming.connectedEngines())
                .as("the job's stream has started")
                .isNotEmpty()
                .matches(now -> !before.containsAll(now));
        String savepoint =
                first.stopWithSavepoint(
                                false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get();

        // while no job runs: a change under the old definition, the new column, changes under it
        execute(
                "cdc",
                "INSERT INTO " + table + " VALUES (4, 'four')",
                "UPDATE " + table + " SET label = 'ONE' WHERE id = 1",
                "ALTER TABLE " + table + " ADD COLUMN extra INT",
                "INSERT INTO " + table + " VALUES (5, 'five', 50)",
                "DELETE FROM " + table + " WHERE id = 2");

        JobClient second = start(TestClusters.restoredEnvironment(2, 200, savepoint));
        try {
            awaitCopyEqualsSource();
        } finally {
            TestClusters.cancel(second);
        }
    }
}
