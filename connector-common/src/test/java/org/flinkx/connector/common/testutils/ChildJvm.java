package org.flinkx.connector.common.testutils;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a test program in a child JVM whose class path is what {@code flink/lib} holds: Flink's own
 * jars (assembled by the {@code flink-dist-test} module from Maven, as {@code flink-dist} is not
 * published), the jars under test, and the program's own class files, nothing else. How the
 * flink-lib jar ITs show that a jar works where users put it: a class the jar needs but does not
 * carry fails here, whatever the test class path holds.
 */
public final class ChildJvm {

    private static final Path FLINK_DIST = Path.of("..", "flink-dist-test", "target");

    /** The module's {@code *-flink-lib.jar} in {@code target/} (built by 'package'). */
    public static Path flinkLibJar() throws IOException {
        try (var files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().endsWith("-flink-lib.jar"))
                    .findFirst()
                    .orElseThrow(
                            () ->
                                    new IllegalStateException(
                                            "No flink-lib jar in target/: run 'package' first"));
        }
    }

    /**
     * The class files of {@code jar} under any of the {@code packages} (as {@code io/debezium/}): a
     * bundled library that should have been relocated, or FlinkX's shared core unrelocated.
     */
    public static List<String> classesUnder(Path jar, String... packages) throws IOException {
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
            return file.stream()
                    .map(java.util.jar.JarEntry::getName)
                    .filter(name -> name.endsWith(".class"))
                    .filter(name -> Arrays.stream(packages).anyMatch(name::startsWith))
                    .toList();
        }
    }

    /**
     * The jar that holds {@code type} on the test class path: for a jar a user puts into flink/lib
     * beside FlinkX's (a JDBC driver, zstd-jni).
     */
    public static Path jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The jars of a Flink 2.2 distribution's {@code lib/}. */
    public static List<Path> flinkLib() throws IOException {
        return classPathFile("flink-lib.classpath");
    }

    /**
     * The shaded Hadoop client ({@code hadoop-client-api} and {@code -runtime}) for flinkx-hdfs.
     */
    public static List<Path> hadoopClient() throws IOException {
        return classPathFile("hadoop.classpath");
    }

    /**
     * What {@code hadoop classpath} prints on a Hadoop installation (unshaded Hadoop client and
     * YARN with their libraries, jline 3.9 among them), without what Flink's {@code lib/} already
     * has.
     */
    public static List<Path> hadoopInstallation() throws IOException {
        List<Path> jars = new ArrayList<>(classPathFile("all-scopes.classpath"));
        jars.removeAll(flinkLib());
        jars.removeAll(hadoopClient());
        return jars;
    }

    private static List<Path> classPathFile(String name) throws IOException {
        Path file = FLINK_DIST.resolve(name);
        if (!Files.exists(file)) {
            throw new IllegalStateException(
                    file.toAbsolutePath()
                            + " is missing: build the flink-dist-test "
                            + "module first (mvn -pl <module> -am)");
        }
        return Arrays.stream(Files.readString(file).trim().split(File.pathSeparator))
                .map(Path::of)
                .toList();
    }

    /**
     * Runs {@code main} on Flink's class path plus {@code jars} and returns its output (stdout and
     * stderr, also written to {@code dir/child.log}). The program's class files are copied into
     * {@code dir}, so no other test class is visible. Fails when it does not exit with 0 within 5
     * minutes, showing the output.
     */
    public static String run(
            List<Path> jars,
            Class<?> main,
            Map<String, String> environment,
            Path dir,
            String... args)
            throws IOException, InterruptedException {
        return run(List.of("-Xmx512m"), jars, main, environment, dir, args);
    }

    /** As {@link #run(List, Class, Map, Path, String...)}, with the child's JVM options. */
    public static String run(
            List<String> jvmOptions,
            List<Path> jars,
            Class<?> main,
            Map<String, String> environment,
            Path dir,
            String... args)
            throws IOException, InterruptedException {
        List<String> classPath = new ArrayList<>();
        for (Path jar : flinkLib()) {
            classPath.add(jar.toAbsolutePath().toString());
        }
        for (Path jar : jars) {
            classPath.add(jar.toAbsolutePath().toString());
        }
        classPath.add(copyProgram(main, dir.resolve("program")).toString());
        List<String> command =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java")
                                        .toString()));
        command.addAll(jvmOptions);
        command.addAll(
                List.of(
                        "--add-opens=java.base/java.util=ALL-UNNAMED",
                        "--add-opens=java.base/java.lang=ALL-UNNAMED",
                        "-cp",
                        String.join(File.pathSeparator, classPath),
                        main.getName()));
        command.addAll(List.of(args));
        Path log = dir.resolve("child.log");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        boolean exited = process.waitFor(5, TimeUnit.MINUTES);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (!exited || process.exitValue() != 0) {
            throw new AssertionError(
                    "child JVM "
                            + (exited ? "exited with " + process.exitValue() : "did not finish")
                            + ":\n"
                            + output);
        }
        return output;
    }

    /** The class files of {@code main} (with its nested classes) and a log4j2 configuration. */
    private static Path copyProgram(Class<?> main, Path target) throws IOException {
        String packagePath = main.getPackageName().replace('.', '/');
        Path packageDir = Files.createDirectories(target.resolve(packagePath));
        Path source =
                Path.of(main.getProtectionDomain().getCodeSource().getLocation().getPath())
                        .resolve(packagePath);
        try (var files = Files.list(source)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.equals(main.getSimpleName() + ".class")
                        || name.startsWith(main.getSimpleName() + "$")) {
                    Files.copy(file, packageDir.resolve(name));
                }
            }
        }
        try (InputStream config = ChildJvm.class.getResourceAsStream("/child-log4j2.properties")) {
            Files.copy(config, target.resolve("log4j2.properties"));
        }
        return target.toAbsolutePath();
    }

    private ChildJvm() {}
}
