package org.flinkx.connector.common.testutils;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs a main class in a child JVM whose class path is this test JVM's with some entries replaced
 * by the module's flink-lib jar: how the flink-lib jar ITs show the jar works on its own.
 */
public final class ChildJvm {

    /** The module's {@code *-flink-lib.jar} in {@code target/} (built by 'package'). */
    public static Path flinkLibJar() throws IOException {
        try (var files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().endsWith("-flink-lib.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No flink-lib jar in target/: run 'package' first"));
        }
    }

    /**
     * Runs {@code main} with the jar first on the class path and without the entries that
     * {@code replaced} matches; returns its output (stdout and stderr). Fails when it does not
     * exit with 0 within 5 minutes, showing the output.
     */
    public static String run(Path jar, Pattern replaced, Class<?> main, Map<String, String> environment,
            Path log, String... args) throws IOException, InterruptedException {
        List<String> classPath = new ArrayList<>();
        classPath.add(jar.toAbsolutePath().toString());
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!replaced.matcher(entry).matches()) {
                classPath.add(entry);
            }
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "--add-opens=java.base/java.util=ALL-UNNAMED",
                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "-cp", String.join(File.pathSeparator, classPath),
                main.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        boolean exited = process.waitFor(5, TimeUnit.MINUTES);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (!exited || process.exitValue() != 0) {
            throw new AssertionError("child JVM " + (exited ? "exited with " + process.exitValue() : "did not finish")
                    + ":\n" + output);
        }
        return output;
    }

    private ChildJvm() {}
}
