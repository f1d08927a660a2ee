package org.flinkx.connector.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.flinkx.connector.jdbc.testutils.MariaDbServer;
import org.flinkx.connector.jdbc.testutils.RandomChanges;
import org.flinkx.connector.jdbc.testutils.TestClusters;
import org.flinkx.connector.kafka.testutils.FailOnce;
import org.flinkx.connector.kafka.testutils.KafkaTestBroker;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Binlog → Kafka → JDBC, the way users chain them in SQL: one job captures a MariaDB table into a
 * topic (debezium-json, keyed by id, exactly-once), another reads the topic ({@code
 * read_committed}) and upserts into a table of another database, while a writer inserts, updates
 * and deletes in the source. The capture job fails once mid-run and the broker restarts under both
 * jobs; the target ends equal to the source row by row.
 */
class BinlogThroughKafkaITCase {

    @Order(1)
    @RegisterExtension
    static final KafkaTestBroker KAFKA = new KafkaTestBroker();

    @Order(2)
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = TestClusters.withSlots(4);

    @Test
    void theTargetEqualsTheSourceAfterAFailureAndABrokerRestart() throws Exception {
        MariaDbServer maria = MariaDbServer.get();
        maria.createDatabase("shop");
        maria.createDatabase("copy");
        String table = "orders_" + System.nanoTime() % 100_000;
        try (Connection c = maria.connect("shop");
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE "
                            + table
                            + " (id BIGINT PRIMARY KEY, name VARCHAR(64), amount DECIMAL(10,2))");
            for (int i = 1; i <= 50; i++) {
                s.execute(
                        "INSERT INTO "
                                + table
                                + " VALUES ("
                                + i
                                + ", 'initial "
                                + i
                                + "', "
                                + i
                                + ".25)");
            }
        }
        try (Connection c = maria.connect("copy");
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE "
                            + table
                            + " (id BIGINT PRIMARY KEY, name VARCHAR(64), amount DECIMAL(10,2))");
        }
        KAFKA.createTopic(table, 3);
        String kafka =
                "'connector' = 'flinkx-kafka', 'topic' = '"
                        + table
                        + "', 'properties.bootstrap.servers' = '"
                        + KAFKA.bootstrapServers()
                        + "', 'key.format' = 'json', 'key.fields' = 'id',"
                        + " 'value.format' = 'debezium-json'";
        String columns =
                "id BIGINT, name STRING, amount DECIMAL(10, 2), PRIMARY KEY (id) NOT ENFORCED";

        StreamTableEnvironment capture =
                StreamTableEnvironment.create(TestClusters.restartingThroughOutages(1));
        capture.createTemporarySystemFunction("FAIL_ONCE", FailOnce.class);
        capture.executeSql(
                "CREATE TABLE src ("
                        + columns
                        + ") WITH ('connector' = 'flinkx-binlog', 'hostname' = '127.0.0.1',"
                        + " 'port' = '"
                        + maria.port()
                        + "', 'username' = '"
                        + maria.user()
                        + "', 'password' = '"
                        + maria.password()
                        + "', 'tables' = 'shop\\."
                        + table
                        + "')");
        capture.executeSql(
                "CREATE TABLE topic_out ("
                        + columns
                        + ") WITH ("
                        + kafka
                        + ", 'sink.delivery-guarantee' = 'exactly-once',"
                        + " 'sink.transactional-id-prefix' = 'it-"
                        + table
                        + "')");

        StreamTableEnvironment apply =
                StreamTableEnvironment.create(TestClusters.restartingThroughOutages(1));
        apply.executeSql(
                "CREATE TABLE topic_in ("
                        + columns
                        + ") WITH ("
                        + kafka
                        + ", 'scan.startup.mode' = 'earliest-offset',"
                        + " 'properties.isolation.level' = 'read_committed')");
        apply.executeSql(
                "CREATE TABLE dst ("
                        + columns
                        + ") WITH ('connector' = 'flinkx-mariadb', 'url' = '"
                        + maria.jdbcUrl("copy")
                        + "', 'table-name' = '"
                        + table
                        + "', 'username' = '"
                        + maria.user()
                        + "', 'password' = '"
                        + maria.password()
                        + "', 'sink.buffer-flush.interval' = '100ms')");

        TableResult captured =
                capture.executeSql(
                        "INSERT INTO topic_out SELECT FAIL_ONCE(id, CAST(77 AS BIGINT)), name,"
                                + " amount FROM src");
        TableResult applied = apply.executeSql("INSERT INTO dst SELECT * FROM topic_in");
        JobClient captureJob = captured.getJobClient().orElseThrow();
        JobClient applyJob = applied.getJobClient().orElseThrow();
        String query = "SELECT id, name, amount FROM " + table + " ORDER BY id";
        try {
            waitFor(() -> maria.query("copy", query).size() == 50);
            assertThat(maria.query("copy", query)).isEqualTo(maria.query("shop", query));

            FailOnce.arm(); // the next change of id 77 fails the capture job
            RandomChanges.apply(maria, "shop", table, 1, 300, 77);
            waitFor(FailOnce::fired);
            assertThat(FailOnce.fired()).as("the injected failure happened").isTrue();
            RandomChanges.apply(maria, "shop", table, 2, 150, 77);
            KAFKA.restartBroker();
            RandomChanges.apply(maria, "shop", table, 3, 150, 77);

            List<List<String>> expected = maria.query("shop", query);
            waitFor(() -> maria.query("copy", query).equals(expected));
            assertThat(maria.query("copy", query)).isEqualTo(expected);
        } finally {
            TestClusters.cancel(captureJob);
            TestClusters.cancel(applyJob);
        }
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    /** Waits for a condition the assertions after it check; the deadline only bounds the wait. */
    private static void waitFor(Condition condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!condition.holds() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }
}
