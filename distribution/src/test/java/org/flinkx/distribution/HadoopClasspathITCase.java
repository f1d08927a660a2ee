package org.flinkx.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.flinkx.connector.common.testutils.ChildJvm;
import org.flinkx.connector.hdfs.testutils.HdfsServer;
import org.flinkx.connector.jdbc.testutils.PostgresServer;
import org.flinkx.distribution.cluster.Commands;
import org.flinkx.distribution.cluster.StandaloneCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flinkx-hdfs} for a user with a Hadoop installation: Hadoop from {@code HADOOP_CLASSPATH}
 * (what {@code hadoop classpath} prints), not in {@code lib/}. The whole class path breaks Flink's
 * SQL client before any statement runs (YARN's jline 3.9 comes before the client's jline); without
 * the jline jar, as docs/hdfs.md says to export it, the client and the cluster run flinkx-hdfs.
 */
class HadoopClasspathITCase {

    @TempDir static Path dir;

    private static StandaloneCluster cluster;
    private static List<Path> hadoopClasspath;

    @BeforeAll
    static void startCluster() throws Exception {
        hadoopClasspath = ChildJvm.hadoopInstallation();
        assertThat(hadoopClasspath)
                .as("a Hadoop installation's class path has YARN's jline")
                .anyMatch(HadoopClasspathITCase::isJline);
        cluster = StandaloneCluster.start(dir.resolve("flink"), 1, 2, withoutJline());
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theWholeHadoopClasspathBreaksTheSqlClient() throws Exception {
        Path sql = Files.writeString(dir.resolve("noop.sql"), "SHOW TABLES;\n");
        // a second home whose HADOOP_CLASSPATH is the whole `hadoop classpath`, for the client only
        var home =
                org.flinkx.distribution.cluster.FlinkHome.create(
                        dir.resolve("client-home"),
                        java.util.Map.of(
                                "rest.address",
                                "127.0.0.1",
                                "rest.port",
                                String.valueOf(cluster.restPort())),
                        hadoopClasspath);

        Commands.Result result = Commands.sqlClient(home, sql, Duration.ofMinutes(2));

        assertThat(result.output())
                .contains("NoSuchMethodError")
                .contains("org.jline.utils.AttributedStyle");
    }

    @Test
    void withoutJlineTheSqlClientRunsFlinkxHdfs() throws Exception {
        PostgresServer pg = PostgresServer.get();
        pg.createDatabase("hadoopcp");
        try (Connection c = pg.connect("hadoopcp");
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(16))");
            s.execute("INSERT INTO t SELECT i, 'v' || i FROM generate_series(1, 500) i");
            s.execute("CREATE TABLE t_back (id INT PRIMARY KEY, v VARCHAR(16))");
        }
        String path = HdfsServer.uri() + "/hadoopcp/t";
        String credentials = SqlClientITCase.credentials(pg.user(), pg.password());
        Path sql =
                Files.writeString(
                        dir.resolve("hdfs.sql"),
                        """
                SET 'table.dml-sync' = 'true';
                CREATE TABLE t (id INT, v STRING) WITH ('connector' = 'flinkx-postgresql', 'url' = '%1$s',
                  'table-name' = 't', %2$s);
                CREATE TABLE lake (id INT, v STRING) WITH ('connector' = 'flinkx-hdfs', 'path' = '%3$s', 'format' = 'orc');
                CREATE TABLE t_back (id INT, v STRING) WITH ('connector' = 'flinkx-postgresql', 'url' = '%1$s',
                  'table-name' = 't_back', %2$s);
                INSERT INTO lake SELECT * FROM t;
                INSERT INTO t_back SELECT * FROM lake;
                """
                                .formatted(pg.jdbcUrl("hadoopcp"), credentials, path));

        Commands.Result result = Commands.sqlClient(cluster.flink(), sql, Duration.ofMinutes(5));

        assertThat(result.output()).as(result.output() + cluster.logs()).doesNotContain("[ERROR]");
        assertThat(pg.query("hadoopcp", "SELECT id, v FROM t_back ORDER BY id"))
                .hasSize(500)
                .isEqualTo(pg.query("hadoopcp", "SELECT id, v FROM t ORDER BY id"));
    }

    /**
     * {@code hadoop classpath --glob | tr ':' '\n' | grep -v '/jline-' | paste -sd: -}, as
     * docs/hdfs.md says.
     */
    private static List<Path> withoutJline() {
        return hadoopClasspath.stream().filter(jar -> !isJline(jar)).toList();
    }

    private static boolean isJline(Path jar) {
        return jar.getFileName().toString().startsWith("jline-");
    }
}
