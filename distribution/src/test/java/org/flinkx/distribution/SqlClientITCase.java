package org.flinkx.distribution;

import org.flinkx.connector.hdfs.testutils.HdfsServer;
import org.flinkx.connector.jdbc.testutils.MariaDbServer;
import org.flinkx.connector.jdbc.testutils.PostgresServer;
import org.flinkx.distribution.cluster.Commands;
import org.flinkx.distribution.cluster.StandaloneCluster;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flink's SQL client, run as {@code bin/sql-client.sh -f} runs it, against a real standalone
 * cluster whose {@code lib/} holds the distribution's jars: every FlinkX identifier in one SQL file,
 * each target compared with its source row by row.
 */
class SqlClientITCase {

    @TempDir
    static Path dir;

    private static StandaloneCluster cluster;
    private static PostgresServer pg;
    private static MariaDbServer maria;

    @BeforeAll
    static void startCluster() throws Exception {
        pg = PostgresServer.get();
        maria = MariaDbServer.get();
        pg.createDatabase("sqlclient");
        maria.createDatabase("sqlclient");
        cluster = StandaloneCluster.start(dir.resolve("flink"), 2, 2);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void everyConnectorRunsFromFlinkLib() throws Exception {
        try (Connection c = pg.connect("sqlclient"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, name VARCHAR(32), amount DECIMAL(10, 2))");
            s.execute("INSERT INTO orders SELECT i, 'name-' || i || 'ä', i / 4.0 FROM generate_series(1, 3000) i");
            s.execute("CREATE TABLE orders_jdbc (id BIGINT PRIMARY KEY, name VARCHAR(32), amount DECIMAL(10, 2))");
            s.execute("CREATE TABLE orders_from_hdfs (id BIGINT PRIMARY KEY, name VARCHAR(32), amount DECIMAL(10, 2))");
        }
        try (Connection c = maria.connect("sqlclient"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders_maria (id BIGINT PRIMARY KEY, name VARCHAR(32), amount DECIMAL(10, 2))");
            s.execute("CREATE TABLE orders_mysql (id BIGINT, name VARCHAR(32), amount DECIMAL(10, 2))");
        }
        String lake = HdfsServer.uri() + "/sqlclient/orders";
        Path sql = Files.writeString(dir.resolve("sync.sql"), """
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
                INSERT INTO orders_maria SELECT amount, id, name FROM orders;
                INSERT INTO orders_mysql SELECT * FROM orders WHERE id > 1000;
                INSERT INTO orders_jdbc SELECT * FROM orders;
                INSERT INTO lake SELECT * FROM orders;
                INSERT INTO orders_from_hdfs SELECT * FROM lake;
                """.formatted(pg.jdbcUrl("sqlclient"), credentials(pg.user(), pg.password()),
                maria.jdbcUrl("sqlclient"), credentials(maria.user(), maria.password()),
                "jdbc:mysql://127.0.0.1:" + maria.port() + "/sqlclient", lake));

        Commands.Result result = Commands.sqlClient(cluster.flink(), sql, Duration.ofMinutes(10));

        assertThat(result.output()).as(result.output() + cluster.logs()).doesNotContain("[ERROR]");
        assertThat(result.output()).contains("Execute statement succeeded.");
        List<List<String>> source = pg.query("sqlclient", "SELECT id, name, amount FROM orders ORDER BY id");
        assertThat(source).hasSize(3000);
        assertThat(maria.query("sqlclient", "SELECT id, name, amount FROM orders_maria ORDER BY id")).isEqualTo(source);
        assertThat(maria.query("sqlclient", "SELECT id, name, amount FROM orders_mysql ORDER BY id"))
                .isEqualTo(source.subList(1000, 3000));
        assertThat(pg.query("sqlclient", "SELECT id, name, amount FROM orders_jdbc ORDER BY id")).isEqualTo(source);
        assertThat(pg.query("sqlclient", "SELECT id, name, amount FROM orders_from_hdfs ORDER BY id")).isEqualTo(source);
    }

    static String credentials(String user, String password) {
        return "'username' = '" + user + "', 'password' = '" + password + "'";
    }
}
