package org.flinkx.connector.binlog;

import org.flinkx.connector.common.testutils.ChildJvm;
import org.flinkx.connector.jdbc.testutils.MariaDbServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flink-lib jar works on its own: a JVM with Flink on the class path plus that jar (and none of
 * the connector's classes, Debezium, Kafka Connect/kafka-clients, the binlog client, ANTLR or the
 * JDBC drivers) reads a chunked snapshot and a binlog change of a real MariaDB server through SQL,
 * and the bundled libraries are relocated (their original class names are not loadable).
 */
class FlinkLibJarITCase {

    /** Class path entries the flink-lib jar replaces (MySQL Connector/J is not bundled, and not needed). */
    private static final Pattern REPLACED = Pattern.compile(
            ".*(flinkx-connector-|connector-common/target|connector-binlog/target/classes|/io/debezium/|"
                    + "/org/apache/kafka/|/org/antlr/|mariadb-java-client|mysql-connector-j|/com/mysql/).*");

    @Test
    void runsFromTheShadedJarAlone(@TempDir Path dir) throws Exception {
        MariaDbServer maria = MariaDbServer.get();
        maria.createDatabase("cdc");
        String table = "flink_lib_" + System.nanoTime() % 100000;
        try (Connection c = maria.connect("cdc"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, name VARCHAR(16))");
            s.execute("INSERT INTO " + table + " VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        }
        String output = ChildJvm.run(ChildJvm.flinkLibJar(), REPLACED, FlinkLibJarMain.class,
                Map.of("FLINKX_TEST_USER", maria.user(), "FLINKX_TEST_PASSWORD", maria.password()),
                dir.resolve("child.log"), String.valueOf(maria.port()), "cdc", table);
        assertThat(output)
                .contains("rows=[+I[1, a], +I[2, b], +I[3, c], -U[2, b], +U[2, changed]]")
                .contains("debezium-unshaded=false")
                .contains("kafka-unshaded=false")
                .contains("flinkx-common-unshaded=false");
    }
}
