package org.flinkx.connector.binlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.flinkx.connector.common.testutils.ChildJvm;
import org.flinkx.connector.jdbc.testutils.MariaDbServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flink-lib jar works where users put it: a JVM whose class path is Flink's {@code lib/} plus
 * that jar and zstd-jni, nothing else, reads a chunked snapshot and then binlog changes of a real
 * MariaDB server through SQL, and the bundled libraries are relocated (the jar holds no class under
 * their original packages).
 */
class FlinkLibJarITCase {

    @Test
    void runsFromTheShadedJarAlone(@TempDir Path dir) throws Exception {
        MariaDbServer maria = MariaDbServer.get();
        maria.createDatabase("cdc");
        String table = "flink_lib_" + System.nanoTime() % 100000;
        try (Connection c = maria.connect("cdc");
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, name VARCHAR(16))");
            s.execute("INSERT INTO " + table + " VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        }
        String output =
                ChildJvm.run(
                        // zstd-jni is native: it goes into flink/lib beside the jar, not in it
                        List.of(
                                ChildJvm.flinkLibJar(),
                                ChildJvm.jarOf(com.github.luben.zstd.Zstd.class)),
                        FlinkLibJarMain.class,
                        Map.of(
                                "FLINKX_TEST_USER",
                                maria.user(),
                                "FLINKX_TEST_PASSWORD",
                                maria.password()),
                        dir,
                        String.valueOf(maria.port()),
                        "cdc",
                        table);
        assertThat(output)
                .contains("rows=[+I[1, a], +I[2, b], +I[3, c], -U[2, b], +U[2, changed]]");
        assertThat(
                        ChildJvm.classesUnder(
                                ChildJvm.flinkLibJar(),
                                "org/flinkx/connector/binlog/shaded/common/"))
                .as("the shared core, relocated")
                .isNotEmpty();
        assertThat(
                        ChildJvm.classesUnder(
                                ChildJvm.flinkLibJar(),
                                "io/debezium/",
                                "org/apache/kafka/",
                                "com/github/shyiko/",
                                "com/fasterxml/",
                                "org/antlr/",
                                "org/apache/maven/",
                                "org/codehaus/plexus/",
                                "org/flinkx/connector/common/"))
                .isEmpty();
    }
}
