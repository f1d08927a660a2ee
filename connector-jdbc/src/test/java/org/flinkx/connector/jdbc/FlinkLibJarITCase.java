package org.flinkx.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.flinkx.connector.common.testutils.ChildJvm;
import org.flinkx.connector.jdbc.testutils.MariaDbServer;
import org.flinkx.connector.jdbc.testutils.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flink-lib jar works where users put it: a JVM whose class path is Flink's {@code lib/} plus
 * that jar, and the drivers FlinkX does not bundle (MySQL Connector/J for {@code flinkx-mysql}, H2
 * for {@code flinkx-jdbc}) as a user adds them, runs a job through every identifier the jar
 * provides against real PostgreSQL and MariaDB servers; the target equals the source row by row.
 */
class FlinkLibJarITCase {

    @Test
    void everyIdentifierRunsFromTheShadedJar(@TempDir Path dir) throws Exception {
        PostgresServer pg = PostgresServer.get();
        MariaDbServer maria = MariaDbServer.get();
        pg.createDatabase("flinkx");
        maria.createDatabase("flinkx");
        String source = "lib_src_" + System.nanoTime() % 100000;
        String target = "lib_dst_" + System.nanoTime() % 100000;
        try (Connection c = pg.connect("flinkx");
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE "
                            + source
                            + " (id BIGINT PRIMARY KEY, name VARCHAR(16), amount DECIMAL(10, 2))");
            s.execute(
                    "INSERT INTO "
                            + source
                            + " SELECT i, 'name-' || i || 'ä', i / 4.0 FROM generate_series(1, 500) i");
        }
        try (Connection c = maria.connect("flinkx");
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE "
                            + target
                            + " (id BIGINT PRIMARY KEY, name VARCHAR(16), amount DECIMAL(10, 2))");
        }
        List<Path> jars =
                List.of(
                        ChildJvm.flinkLibJar(),
                        ChildJvm.jarOf(com.mysql.cj.jdbc.Driver.class),
                        ChildJvm.jarOf(org.h2.Driver.class));
        String mysqlUrl = "jdbc:mysql://127.0.0.1:" + maria.port() + "/flinkx";
        String h2Url = "jdbc:h2:file:" + dir.resolve("h2db").toAbsolutePath();
        try (Connection c = DriverManager.getConnection(h2Url);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE T (ID BIGINT PRIMARY KEY, NAME VARCHAR(16))");
        }
        String output =
                ChildJvm.run(
                        jars,
                        FlinkLibJarMain.class,
                        Map.of(
                                "FLINKX_PG_USER",
                                pg.user(),
                                "FLINKX_PG_PASSWORD",
                                pg.password(),
                                "FLINKX_MARIA_USER",
                                maria.user(),
                                "FLINKX_MARIA_PASSWORD",
                                maria.password()),
                        dir,
                        pg.jdbcUrl("flinkx"),
                        maria.jdbcUrl("flinkx"),
                        mysqlUrl,
                        h2Url,
                        source,
                        target);

        assertThat(output)
                .contains("postgresql->mariadb done")
                .contains("mysql [+I[500, 31312.50]]")
                .contains("jdbc [+I[a, 1], +I[ü, 2]]");
        assertThat(
                        ChildJvm.classesUnder(
                                ChildJvm.flinkLibJar(), "org/flinkx/connector/jdbc/shaded/common/"))
                .as("the shared core, relocated")
                .isNotEmpty();
        assertThat(
                        ChildJvm.classesUnder(
                                ChildJvm.flinkLibJar(),
                                "ch/randelshofer/",
                                "org/flinkx/connector/common/"))
                .isEmpty();
        assertThat(maria.query("flinkx", "SELECT id, name, amount FROM " + target + " ORDER BY id"))
                .hasSize(500)
                .isEqualTo(
                        pg.query(
                                "flinkx",
                                "SELECT id, name, amount FROM " + source + " ORDER BY id"));
    }
}
