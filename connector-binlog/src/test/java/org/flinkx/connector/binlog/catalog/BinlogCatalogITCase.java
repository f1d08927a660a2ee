package org.flinkx.connector.binlog.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.flinkx.connector.jdbc.testutils.MariaDbServer;
import org.flinkx.connector.jdbc.testutils.TestClusters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code flinkx-binlog} catalog: a captured table needs no DDL. A CTAS from it into a {@code
 * flinkx-mariadb} catalog creates the target with the mapped types and key, snapshots the table and
 * streams its changes; the target ends equal to the source row by row.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class BinlogCatalogITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.withSlots(4);

    private static final String SOURCE = "cdc_cat";
    private static final String TARGET = "cdc_cat_copy";
    private static final String COLUMNS = "id, customer, amount, UNIX_TIMESTAMP(stamp), made, qty";

    private final MariaDbServer maria = MariaDbServer.get();

    @Test
    void capturedTablesNeedNoDdlAndCtasStreamsTheirChanges() throws Exception {
        maria.createDatabase(SOURCE);
        maria.createDatabase(TARGET);
        run(
                SOURCE,
                "DROP TABLE IF EXISTS orders",
                "CREATE TABLE orders (id BIGINT PRIMARY KEY, customer VARCHAR(40) NOT NULL, "
                        + "amount DECIMAL(10, 2), stamp TIMESTAMP(3) NULL, made DATETIME(3), "
                        + "qty INT UNSIGNED)",
                "INSERT INTO orders VALUES (1, 'ann', 1.50, '2024-01-02 03:04:05.678', "
                        + "'2024-01-02 03:04:05.678', 4294967295), "
                        + "(2, 'bob', NULL, NULL, NULL, NULL), "
                        + "(3, 'cid', 3.25, '2030-06-07 08:09:10.111', '1999-12-31 23:59:59.999', 0)");
        run(TARGET, "DROP TABLE IF EXISTS orders");

        StreamTableEnvironment tEnv =
                StreamTableEnvironment.create(TestClusters.restartingEnvironment(2, 200));
        tEnv.executeSql(
                "CREATE CATALOG cdc WITH ('type' = 'flinkx-binlog', 'url' = '"
                        + maria.jdbcUrl(SOURCE)
                        + "', 'username' = '"
                        + maria.user()
                        + "', 'password' = '"
                        + maria.password()
                        + "', 'scan.snapshot.chunk-size' = '2')");
        tEnv.executeSql(
                "CREATE CATALOG maria WITH ('type' = 'flinkx-mariadb', 'url' = '"
                        + maria.jdbcUrl(TARGET)
                        + "', 'username' = '"
                        + maria.user()
                        + "', 'password' = '"
                        + maria.password()
                        + "', 'sink.buffer-flush.interval' = '100ms')");
        assertThat(tEnv.from("cdc." + SOURCE + ".orders").getResolvedSchema().toString())
                .contains(
                        "`id` BIGINT NOT NULL",
                        "`customer` VARCHAR(40) NOT NULL",
                        "`amount` DECIMAL(10, 2)",
                        "`stamp` TIMESTAMP_LTZ(3)",
                        "`made` TIMESTAMP(3)",
                        "`qty` BIGINT",
                        "PRIMARY KEY (`id`)");
        assertThatThrownBy(() -> tEnv.executeSql("CREATE TABLE cdc." + SOURCE + ".other (id INT)"))
                .hasStackTraceContaining("only reads");

        JobClient job =
                tEnv.executeSql(
                                "CREATE TABLE maria."
                                        + TARGET
                                        + ".orders (PRIMARY KEY (id) NOT ENFORCED) AS "
                                        + "SELECT * FROM cdc."
                                        + SOURCE
                                        + ".orders")
                        .getJobClient()
                        .orElseThrow();
        try {
            awaitEqual();
            run(
                    SOURCE,
                    "INSERT INTO orders VALUES (4, 'dan', 4.00, NOW(3), NOW(3), 7)",
                    "UPDATE orders SET amount = 9.99, stamp = '2025-05-05 05:05:05.555' WHERE id = 2",
                    "DELETE FROM orders WHERE id = 3",
                    "UPDATE orders SET customer = 'ann2' WHERE id = 1");
            awaitEqual();
        } finally {
            TestClusters.cancel(job);
        }
        assertThat(
                        maria.query(
                                TARGET,
                                "SELECT COLUMN_NAME, COLUMN_TYPE, COLUMN_KEY FROM "
                                        + "information_schema.COLUMNS WHERE TABLE_SCHEMA = '"
                                        + TARGET
                                        + "' AND TABLE_NAME = 'orders' ORDER BY ORDINAL_POSITION"))
                .map(List::toString)
                .containsExactly(
                        "[id, bigint(20), PRI]",
                        "[customer, varchar(40), ]",
                        "[amount, decimal(10,2), ]",
                        "[stamp, timestamp(3), ]",
                        "[made, datetime(3), ]",
                        "[qty, bigint(20), ]");
    }

    /** Waits until the target holds what the source holds; then asserts it row by row. */
    private void awaitEqual() throws Exception {
        String query = "SELECT " + COLUMNS + " FROM orders ORDER BY id";
        List<List<String>> expected = maria.query(SOURCE, query);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline && !expected.equals(target(query))) {
            Thread.sleep(100);
        }
        assertThat(target(query)).isEqualTo(expected);
    }

    private List<List<String>> target(String query) throws Exception {
        try {
            return maria.query(TARGET, query);
        } catch (java.sql.SQLException notCreatedYet) {
            return List.of();
        }
    }

    private void run(String database, String... statements) throws Exception {
        try (Connection c = maria.connect(database);
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
