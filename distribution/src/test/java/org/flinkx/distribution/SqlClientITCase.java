package org.flinkx.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.flinkx.connector.es.testutils.EsTestServer;
import org.flinkx.connector.hdfs.testutils.HdfsServer;
import org.flinkx.connector.jdbc.testutils.MariaDbServer;
import org.flinkx.connector.jdbc.testutils.PostgresServer;
import org.flinkx.connector.kafka.testutils.KafkaTestBroker;
import org.flinkx.connector.starrocks.testserver.StarRocksTestServer;
import org.flinkx.connector.starrocks.testserver.TableModel;
import org.flinkx.distribution.cluster.Commands;
import org.flinkx.distribution.cluster.StandaloneCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flink's SQL client, run as {@code bin/sql-client.sh -f} runs it, against a real standalone
 * cluster whose {@code lib/} holds the distribution's jars: every FlinkX identifier in one SQL
 * file, each target compared with its source row by row.
 */
class SqlClientITCase {

    @TempDir static Path dir;

    @RegisterExtension static final KafkaTestBroker KAFKA = new KafkaTestBroker();

    private static StandaloneCluster cluster;
    private static PostgresServer pg;
    private static MariaDbServer maria;
    private static StarRocksTestServer starRocks;
    private static EsTestServer es;

    @BeforeAll
    static void startCluster() throws Exception {
        pg = PostgresServer.get();
        maria = MariaDbServer.get();
        pg.createDatabase("sqlclient");
        maria.createDatabase("sqlclient");
        starRocks = StarRocksTestServer.start("loader", "sr-pw", 2);
        starRocks.createTable(
                "lake",
                "orders",
                List.of("id BIGINT", "name VARCHAR(32)", "amount DECIMAL(10, 2)"),
                List.of("id"),
                TableModel.DUPLICATE_KEY);
        KAFKA.createTopic("orders", 2);
        es = EsTestServer.shared();
        cluster = StandaloneCluster.start(dir.resolve("flink"), 2, 2);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
        if (starRocks != null) {
            starRocks.close();
        }
    }

    @Test
    void everyConnectorRunsFromFlinkLib() throws Exception {
        try (Connection c = pg.connect("sqlclient");
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE orders (id BIGINT PRIMARY KEY, name VARCHAR(32), amount DECIMAL(10, 2))");
            s.execute(
                    "INSERT INTO orders SELECT i, 'name-' || i || 'ä', i / 4.0 FROM generate_series(1, 3000) i");
            s.execute(
                    "CREATE TABLE orders_jdbc (id BIGINT PRIMARY KEY, name VARCHAR(32), amount DECIMAL(10, 2))");
            s.execute(
                    "CREATE TABLE orders_from_hdfs (id BIGINT PRIMARY KEY, name VARCHAR(32), amount DECIMAL(10, 2))");
            s.execute(
                    "CREATE TABLE orders_from_sr (id BIGINT PRIMARY KEY, name VARCHAR(32), amount DECIMAL(10, 2))");
            s.execute(
                    "CREATE TABLE orders_from_kafka (id BIGINT PRIMARY KEY, name VARCHAR(32), amount DECIMAL(10, 2))");
            s.execute(
                    "CREATE TABLE orders_from_es (id BIGINT PRIMARY KEY, name VARCHAR(32), amount DECIMAL(10, 2))");
        }
        try (Connection c = maria.connect("sqlclient");
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE orders_maria (id BIGINT PRIMARY KEY, name VARCHAR(32), amount DECIMAL(10, 2))");
            s.execute(
                    "CREATE TABLE orders_mysql (id BIGINT, name VARCHAR(32), amount DECIMAL(10, 2))");
        }
        String lake = HdfsServer.uri() + "/sqlclient/orders";
        Path sql =
                Files.writeString(
                        dir.resolve("sync.sql"),
                        """
                SET 'table.dml-sync' = 'true';
                SET 'execution.checkpointing.interval' = '1s';
                CREATE TABLE orders (id BIGINT, name STRING, amount DECIMAL(10, 2), PRIMARY KEY (id) NOT ENFORCED)
                  WITH ('connector' = 'flinkx-postgresql', 'url' = '%1$s', 'table-name' = 'orders', %2$s);
                CREATE TABLE orders_maria (amount DECIMAL(10, 2), id BIGINT, name STRING, PRIMARY KEY (id) NOT ENFORCED)
                  WITH ('connector' = 'flinkx-mariadb', 'url' = '%3$s', 'table-name' = 'orders_maria',
                        'sink.delivery-guarantee' = 'exactly-once', %4$s);
                CREATE TABLE orders_mysql (id BIGINT, name STRING, amount DECIMAL(10, 2))
                  WITH ('connector' = 'flinkx-mysql', 'url' = '%5$s', 'table-name' = 'orders_mysql', %4$s);
                CREATE TABLE orders_jdbc (id BIGINT, name STRING, amount DECIMAL(10, 2), PRIMARY KEY (id) NOT ENFORCED)
                  WITH ('connector' = 'flinkx-jdbc', 'url' = '%1$s', 'table-name' = 'orders_jdbc', %2$s);
                CREATE TABLE lake (id BIGINT, name STRING, amount DECIMAL(10, 2))
                  WITH ('connector' = 'flinkx-hdfs', 'path' = '%6$s', 'format' = 'parquet');
                CREATE TABLE orders_from_hdfs (id BIGINT, name STRING, amount DECIMAL(10, 2), PRIMARY KEY (id) NOT ENFORCED)
                  WITH ('connector' = 'flinkx-postgresql', 'url' = '%1$s', 'table-name' = 'orders_from_hdfs', %2$s);
                CREATE TABLE orders_sr (name STRING, id BIGINT, amount DECIMAL(10, 2))
                  WITH ('connector' = 'flinkx-starrocks', 'load-url' = '%7$s', 'database-name' = 'lake',
                        'table-name' = 'orders', 'username' = 'loader', 'password' = 'sr-pw',
                        'sink.semantic' = 'exactly-once', 'sink.properties.format' = 'json');
                CREATE TABLE orders_sr_read (amount DECIMAL(10, 2), name STRING, id BIGINT)
                  WITH ('connector' = 'flinkx-starrocks', 'jdbc-url' = 'jdbc:mysql://127.0.0.1:%8$d',
                        'database-name' = 'sqlclient', 'table-name' = 'orders_maria',
                        'scan.partition.num' = '3', %4$s);
                CREATE TABLE orders_from_sr (id BIGINT, name STRING, amount DECIMAL(10, 2), PRIMARY KEY (id) NOT ENFORCED)
                  WITH ('connector' = 'flinkx-postgresql', 'url' = '%1$s', 'table-name' = 'orders_from_sr', %2$s);
                CREATE TABLE orders_kafka (amount DECIMAL(10, 2), name STRING, id BIGINT, `offset` BIGINT METADATA VIRTUAL)
                  WITH ('connector' = 'flinkx-kafka', 'topic' = 'orders', 'properties.bootstrap.servers' = '%9$s',
                        'format' = 'json', 'sink.delivery-guarantee' = 'exactly-once',
                        'sink.transactional-id-prefix' = 'sqlclient-orders',
                        'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset',
                        'properties.isolation.level' = 'read_committed');
                CREATE TABLE orders_from_kafka (id BIGINT, name STRING, amount DECIMAL(10, 2), PRIMARY KEY (id) NOT ENFORCED)
                  WITH ('connector' = 'flinkx-postgresql', 'url' = '%1$s', 'table-name' = 'orders_from_kafka', %2$s);
                INSERT INTO orders_maria SELECT amount, id, name FROM orders;
                INSERT INTO orders_mysql SELECT * FROM orders WHERE id > 1000;
                INSERT INTO orders_jdbc SELECT * FROM orders;
                INSERT INTO lake SELECT * FROM orders;
                INSERT INTO orders_from_hdfs SELECT * FROM lake;
                INSERT INTO orders_sr SELECT name, id, amount FROM orders;
                INSERT INTO orders_from_sr SELECT id, name, amount FROM orders_sr_read;
                INSERT INTO orders_kafka SELECT amount, name, id FROM orders;
                INSERT INTO orders_from_kafka SELECT id, name, amount FROM orders_kafka WHERE `offset` >= 0;
                CREATE TABLE orders_es (name STRING, amount DECIMAL(10, 2), id BIGINT, doc_id STRING METADATA FROM '_id' VIRTUAL,
                  PRIMARY KEY (id) NOT ENFORCED)
                  WITH ('connector' = 'flinkx-es', 'hosts' = '%10$s', 'index' = 'sqlclient-orders',
                        'sink.bulk-flush.max-actions' = '500', 'scan.slices' = '3');
                CREATE TABLE orders_from_es (id BIGINT, name STRING, amount DECIMAL(10, 2), PRIMARY KEY (id) NOT ENFORCED)
                  WITH ('connector' = 'flinkx-postgresql', 'url' = '%1$s', 'table-name' = 'orders_from_es', %2$s);
                INSERT INTO orders_es SELECT name, amount, id FROM orders;
                INSERT INTO orders_from_es SELECT id, name, amount FROM orders_es WHERE doc_id IS NOT NULL;
                CREATE CATALOG pg WITH ('type' = 'flinkx-postgresql', 'url' = '%1$s', %2$s);
                CREATE CATALOG maria WITH ('type' = 'flinkx-mariadb', 'url' = '%3$s', %4$s);
                CREATE TABLE maria.sqlclient.orders_ctas (PRIMARY KEY (id) NOT ENFORCED)
                  AS SELECT * FROM pg.sqlclient.orders;
                """
                                .formatted(
                                        pg.jdbcUrl("sqlclient"),
                                        credentials(pg.user(), pg.password()),
                                        maria.jdbcUrl("sqlclient"),
                                        credentials(maria.user(), maria.password()),
                                        "jdbc:mysql://127.0.0.1:" + maria.port() + "/sqlclient",
                                        lake,
                                        starRocks.feAddress(),
                                        maria.port(),
                                        KAFKA.bootstrapServers(),
                                        es.url()));

        Commands.Result result = Commands.sqlClient(cluster.flink(), sql, Duration.ofMinutes(10));

        assertThat(result.output()).as(result.output() + cluster.logs()).doesNotContain("[ERROR]");
        assertThat(result.output()).contains("Execute statement succeeded.");
        List<List<String>> source =
                pg.query("sqlclient", "SELECT id, name, amount FROM orders ORDER BY id");
        assertThat(source).hasSize(3000);
        assertThat(
                        maria.query(
                                "sqlclient",
                                "SELECT id, name, amount FROM orders_maria ORDER BY id"))
                .isEqualTo(source);
        assertThat(
                        maria.query(
                                "sqlclient",
                                "SELECT id, name, amount FROM orders_mysql ORDER BY id"))
                .isEqualTo(source.subList(1000, 3000));
        assertThat(pg.query("sqlclient", "SELECT id, name, amount FROM orders_jdbc ORDER BY id"))
                .isEqualTo(source);
        assertThat(
                        pg.query(
                                "sqlclient",
                                "SELECT id, name, amount FROM orders_from_hdfs ORDER BY id"))
                .isEqualTo(source);
        List<List<String>> loaded = new java.util.ArrayList<>();
        for (java.util.Map<String, String> row : starRocks.rows("lake", "orders")) {
            loaded.add(List.of(row.get("id"), row.get("name"), row.get("amount")));
        }
        loaded.sort(java.util.Comparator.comparingLong(r -> Long.parseLong(r.get(0))));
        assertThat(loaded).isEqualTo(source);
        assertThat(starRocks.openTransactions()).isEmpty();
        // flinkx-starrocks reading (a MariaDB table standing in for StarRocks' MySQL port) through
        // the JDBC connector's jar beside its own
        assertThat(pg.query("sqlclient", "SELECT id, name, amount FROM orders_from_sr ORDER BY id"))
                .isEqualTo(source);
        // through a Kafka topic, written exactly-once and read back to its end
        assertThat(
                        pg.query(
                                "sqlclient",
                                "SELECT id, name, amount FROM orders_from_kafka ORDER BY id"))
                .isEqualTo(source);
        // into an index (upserts by id) and scanned back in slices
        assertThat(es.count("sqlclient-orders")).isEqualTo(3000);
        assertThat(pg.query("sqlclient", "SELECT id, name, amount FROM orders_from_es ORDER BY id"))
                .isEqualTo(source);
        // CTAS between two catalogs: the table created in MariaDB from PostgreSQL's schema
        assertThat(maria.query("sqlclient", "SELECT id, name, amount FROM orders_ctas ORDER BY id"))
                .isEqualTo(source);
    }

    @Test
    void binlogChangesReachTheTarget() throws Exception {
        try (Connection c = maria.connect("sqlclient");
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE cdc_src (id BIGINT PRIMARY KEY, name VARCHAR(32), amount DECIMAL(10, 2))");
            s.execute("INSERT INTO cdc_src VALUES (1, 'a', 1.50), (2, 'b', 2.50), (3, 'c', 3.50)");
        }
        try (Connection c = pg.connect("sqlclient");
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE cdc_dst (id BIGINT PRIMARY KEY, name VARCHAR(32), amount DECIMAL(10, 2))");
        }
        Path sql =
                Files.writeString(
                        dir.resolve("cdc.sql"),
                        """
                SET 'execution.checkpointing.interval' = '1s';
                CREATE CATALOG cdc WITH ('type' = 'flinkx-binlog', 'url' = '%s', %s);
                CREATE TABLE cdc_dst (id BIGINT, name STRING, amount DECIMAL(10, 2), PRIMARY KEY (id) NOT ENFORCED)
                  WITH ('connector' = 'flinkx-postgresql', 'url' = '%s', 'table-name' = 'cdc_dst', %s);
                INSERT INTO cdc_dst SELECT * FROM cdc.sqlclient.cdc_src;
                """
                                .formatted(
                                        maria.jdbcUrl("sqlclient"),
                                        credentials(maria.user(), maria.password()),
                                        pg.jdbcUrl("sqlclient"),
                                        credentials(pg.user(), pg.password())));

        Commands.Result result = Commands.sqlClient(cluster.flink(), sql, Duration.ofMinutes(5));

        assertThat(result.output())
                .as(result.output())
                .doesNotContain("[ERROR]")
                .contains("Job ID:");
        String logs = cluster.logs();
        String job =
                cluster.jobs().entrySet().stream()
                        .filter(e -> e.getValue().equals("RUNNING"))
                        .map(java.util.Map.Entry::getKey)
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(logs));
        try {
            awaitEqual(
                    "SELECT id, name, amount FROM cdc_src ORDER BY id",
                    "SELECT id, name, amount FROM cdc_dst ORDER BY id");
            try (Connection c = maria.connect("sqlclient");
                    Statement s = c.createStatement()) {
                s.execute("INSERT INTO cdc_src VALUES (4, 'd', 4.50)");
                s.execute("UPDATE cdc_src SET name = 'b2', amount = 20.00 WHERE id = 2");
                s.execute("DELETE FROM cdc_src WHERE id = 1");
            }
            awaitEqual(
                    "SELECT id, name, amount FROM cdc_src ORDER BY id",
                    "SELECT id, name, amount FROM cdc_dst ORDER BY id");
            assertThat(pg.query("sqlclient", "SELECT id, name FROM cdc_dst ORDER BY id"))
                    .containsExactly(List.of("2", "b2"), List.of("3", "c"), List.of("4", "d"));
        } finally {
            cluster.cancel(job);
        }
        assertThat(cluster.awaitJobEnd(job, Duration.ofMinutes(1))).isEqualTo("CANCELED");
    }

    /** Waits until the MariaDB query and the PostgreSQL query return the same rows. */
    private static void awaitEqual(String mariaQuery, String pgQuery) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!maria.query("sqlclient", mariaQuery).equals(pg.query("sqlclient", pgQuery))) {
            if (System.nanoTime() > deadline) {
                assertThat(pg.query("sqlclient", pgQuery))
                        .as(cluster.logs())
                        .isEqualTo(maria.query("sqlclient", mariaQuery));
            }
            Thread.sleep(500);
        }
    }

    static String credentials(String user, String password) {
        return "'username' = '" + user + "', 'password' = '" + password + "'";
    }
}
