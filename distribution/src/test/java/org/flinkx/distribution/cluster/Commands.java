package org.flinkx.distribution.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The commands a user runs against a {@link FlinkHome}: Flink's SQL client ({@code
 * bin/sql-client.sh -f}, as that script starts it) and FlinkX's {@code bin/flinkx} from the
 * unpacked distribution tarball.
 */
public final class Commands {

    /** What a command printed and how it ended. */
    public record Result(int exitCode, String output) {}

    private Commands() {}

    /**
     * Runs {@code file} through Flink's SQL client in embedded mode, on {@code lib/*}, {@code
     * HADOOP_CLASSPATH} and then the client's jars from {@code opt/}, as {@code bin/sql-client.sh}
     * orders them. The SQL client exits 0 even when a statement failed: callers read the output for
     * {@code [ERROR]}.
     */
    public static Result sqlClient(FlinkHome flink, Path file, Duration timeout) throws Exception {
        Path clientJar;
        try (Stream<Path> jars = Files.list(flink.opt())) {
            clientJar =
                    jars.filter(p -> p.getFileName().toString().startsWith("flink-sql-client"))
                            .findFirst()
                            .orElseThrow();
        }
        List<String> command =
                flink.java(
                        "sql-client",
                        "512m",
                        List.of(),
                        List.of(flink.opt() + "/*"),
                        "org.apache.flink.table.client.SqlClient",
                        "-f",
                        file.toString(),
                        "--jar",
                        clientJar.toString());
        return run(
                command,
                Map.of("FLINK_CONF_DIR", flink.conf().toString()),
                file.getParent(),
                timeout);
    }

    /**
     * {@code bin/yarn-session.sh -d}: starts a detached Flink session on YARN through Flink's
     * {@code FlinkYarnSessionCli}, on {@code lib/} and {@code hadoopConf}, with {@code distJar} as
     * flink-dist ({@code -j}); the output names the application id.
     */
    public static Result yarnSession(
            FlinkHome flink, Path hadoopConf, Path distJar, Duration timeout) throws Exception {
        List<String> command =
                flink.java(
                        "yarn-session",
                        "512m",
                        List.of(),
                        List.of(hadoopConf.toString()),
                        "org.apache.flink.yarn.cli.FlinkYarnSessionCli",
                        "-j",
                        distJar.toString(),
                        "-d",
                        "-nm",
                        "flinkx-session");
        return run(
                command,
                Map.of(
                        "FLINK_CONF_DIR",
                        flink.conf().toString(),
                        "FLINK_LIB_DIR",
                        flink.lib().toString(),
                        "HADOOP_CONF_DIR",
                        hadoopConf.toString()),
                flink.home(),
                timeout);
    }

    private static Path unpacked;

    /** The distribution tarball, unpacked once per test JVM under {@code target/unpacked}. */
    public static synchronized Path distribution() throws Exception {
        if (unpacked != null) {
            return unpacked;
        }
        Path target = Path.of("target").toAbsolutePath();
        Path tarball;
        try (Stream<Path> files = Files.list(target)) {
            tarball =
                    files.filter(p -> p.getFileName().toString().endsWith("-bin.tar.gz"))
                            .findFirst()
                            .orElseThrow(
                                    () ->
                                            new IllegalStateException(
                                                    "no flinkx-*-bin.tar.gz in target/: run 'package'"));
        }
        Path dir = target.resolve("unpacked");
        if (Files.exists(dir)) { // from an earlier run, maybe of an older tarball
            try (Stream<Path> old = Files.walk(dir)) {
                for (Path file : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(dir);
        Result tar =
                run(
                        List.of(
                                "tar",
                                "xzf",
                                tarball.toString(),
                                "-C",
                                dir.toString(),
                                "--strip-components=1"),
                        Map.of(),
                        dir,
                        Duration.ofMinutes(2));
        if (tar.exitCode() != 0) {
            throw new IllegalStateException("tar failed: " + tar.output());
        }
        unpacked = dir;
        return dir;
    }

    /**
     * {@code bin/flinkx args} of the unpacked distribution, with {@code FLINK_HOME} = {@code
     * flink}.
     */
    public static Result flinkx(FlinkHome flink, Path workDir, Duration timeout, String... args)
            throws Exception {
        return run(
                flinkxCommand(args),
                Map.of("FLINK_HOME", flink.home().toString()),
                workDir,
                timeout);
    }

    /** The same, started and left running: for unbounded jobs. */
    public static Process startFlinkx(FlinkHome flink, Path workDir, Path output, String... args)
            throws Exception {
        ProcessBuilder builder =
                new ProcessBuilder(flinkxCommand(args))
                        .directory(workDir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile());
        builder.environment().put("FLINK_HOME", flink.home().toString());
        return builder.start();
    }

    private static List<String> flinkxCommand(String... args) throws Exception {
        List<String> command =
                new ArrayList<>(List.of(distribution().resolve("bin/flinkx").toString()));
        command.addAll(List.of(args));
        return command;
    }

    private static Result run(
            List<String> command, Map<String, String> environment, Path dir, Duration timeout)
            throws IOException, InterruptedException {
        Path output = Files.createTempFile(dir, "command", ".out");
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(
                    command.get(0)
                            + " did not end within "
                            + timeout
                            + ":\n"
                            + Files.readString(output, StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }
}
