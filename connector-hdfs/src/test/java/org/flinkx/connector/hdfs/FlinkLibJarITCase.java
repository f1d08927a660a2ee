package org.flinkx.connector.hdfs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flink-lib jar works on its own: a JVM with Flink and Hadoop on the class path plus that jar
 * (and none of the connector's own classes or its Parquet, ORC, protobuf, Hive-storage and
 * aircompressor dependencies) writes and reads Parquet, ORC and JSON through SQL, and the bundled
 * libraries are relocated (their original class names are not loadable).
 */
class FlinkLibJarITCase {

    /** Class path entries the flink-lib jar replaces. */
    private static final Pattern REPLACED = Pattern.compile(
            ".*(flinkx-connector-|connector-common/target|connector-hdfs/target/classes|/parquet-|/orc-|"
                    + "hive-storage-api|aircompressor|protobuf-java|flink-parquet|flink-orc).*");

    @Test
    void runsFromTheShadedJarAlone(@TempDir Path dir) throws Exception {
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
                dir.toUri().toString()));
        Path log = dir.resolve("child.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean exited = process.waitFor(5, TimeUnit.MINUTES);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(exited).as("child JVM finished:\n%s", output).isTrue();
        assertThat(process.exitValue()).as("child JVM exit code:\n%s", output).isZero();
        assertThat(output)
                .contains("parquet rows=3 sum=6.75")
                .contains("orc rows=3 sum=6.75")
                .contains("json rows=3 sum=6.75")
                .contains("parquet-unshaded=false")
                .contains("flinkx-common-unshaded=false");
    }
}
