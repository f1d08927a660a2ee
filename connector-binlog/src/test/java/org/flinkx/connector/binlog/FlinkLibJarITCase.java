package org.flinkx.connector.binlog;

import org.flinkx.connector.jdbc.testutils.MariaDbServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
        Path jar;
        try (var files = Files.list(Path.of("target"))) {
            jar = files.filter(p -> p.getFileName().toString().endsWith("-flink-lib.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No flink-lib jar in target/: run 'package' first"));
        }
        List<String> classPath = new ArrayList<>();
        classPath.add(jar.toAbsolutePath().toString());
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!REPLACED.matcher(entry).matches()) {
                classPath.add(entry);
            }
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "--add-opens=java.base/java.util=ALL-UNNAMED",
                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "-cp", String.join(File.pathSeparator, classPath),
                FlinkLibJarMain.class.getName(),
                String.valueOf(maria.port()), "cdc", table));
        Path log = dir.resolve("child.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("FLINKX_TEST_USER", maria.user());
        builder.environment().put("FLINKX_TEST_PASSWORD", maria.password());
        Process process = builder.start();
        boolean exited = process.waitFor(5, TimeUnit.MINUTES);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(exited).as("child JVM finished:\n%s", output).isTrue();
        assertThat(process.exitValue()).as("child JVM exit code:\n%s", output).isZero();
        assertThat(output)
                .contains("rows=[+I[1, a], +I[2, b], +I[3, c], -U[2, b], +U[2, changed]]")
                .contains("debezium-unshaded=false")
                .contains("kafka-unshaded=false")
                .contains("flinkx-common-unshaded=false");
    }
}
