package org.flinkx.distribution.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.flinkx.connector.common.testutils.ChildJvm;

/**
 * A Flink 2.2 installation as a user has one (flink-dist's tarball is not served here, so its parts
 * come from Maven): {@code lib/} with Flink's jars ({@code flink-dist-test}), FlinkX's jars for
 * flink/lib ({@code target/flink-lib}) and Hadoop's shaded client, {@code opt/} with the SQL
 * client, and {@code conf/}, {@code log/}. The processes started from it run on exactly {@code
 * lib/} (plus {@code opt/} for the SQL client), as Flink's scripts run them.
 */
public final class FlinkHome {

    /** The JVM options of Flink's default configuration ({@code env.java.opts.all}). */
    static final List<String> JAVA_OPENS =
            List.of(
                    "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
                    "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                    "--add-opens=java.base/java.io=ALL-UNNAMED",
                    "--add-opens=java.base/java.net=ALL-UNNAMED",
                    "--add-opens=java.base/java.nio=ALL-UNNAMED",
                    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                    "--add-opens=java.base/java.text=ALL-UNNAMED",
                    "--add-opens=java.base/java.time=ALL-UNNAMED",
                    "--add-opens=java.base/java.util=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    private static final String LOG4J =
            """
            rootLogger.level = INFO
            rootLogger.appenderRef.file.ref = file
            appender.file.type = File
            appender.file.name = file
            appender.file.fileName = ${sys:log.file}
            appender.file.layout.type = PatternLayout
            appender.file.layout.pattern = %d{HH:mm:ss,SSS} %-5p %c{1} [%t] - %m%n
            """;

    private final Path home;
    private final List<Path> hadoopClasspath;

    private FlinkHome(Path home, List<Path> hadoopClasspath) {
        this.home = home;
        this.hadoopClasspath = hadoopClasspath;
    }

    /**
     * A new installation under {@code dir} with {@code config} (YAML lines) as its config.yaml and
     * Hadoop's shaded client in {@code lib/}: a user without a Hadoop installation.
     */
    public static FlinkHome create(Path dir, Map<String, String> config) throws IOException {
        return create(dir, config, null);
    }

    /**
     * The same for a user with a Hadoop installation: {@code hadoopClasspath} ({@code hadoop
     * classpath}) is {@code HADOOP_CLASSPATH}, which Flink's scripts put after {@code lib/} on
     * every process's class path; {@code lib/} has no Hadoop. Null: the shaded client in {@code
     * lib/}.
     */
    public static FlinkHome create(Path dir, Map<String, String> config, List<Path> hadoopClasspath)
            throws IOException {
        FlinkHome flink = new FlinkHome(dir, hadoopClasspath == null ? List.of() : hadoopClasspath);
        Files.createDirectories(flink.lib());
        Files.createDirectories(flink.opt());
        Files.createDirectories(flink.conf());
        Files.createDirectories(flink.log());
        List<Path> jars = new ArrayList<>(ChildJvm.flinkLib());
        if (hadoopClasspath == null) {
            jars.addAll(ChildJvm.hadoopClient());
        }
        jars.addAll(list(Path.of("target", "flink-lib")));
        for (Path jar : jars) {
            Files.createSymbolicLink(flink.lib().resolve(jar.getFileName()), jar.toAbsolutePath());
        }
        for (Path jar : list(Path.of("target", "flink-opt"))) {
            Files.createSymbolicLink(flink.opt().resolve(jar.getFileName()), jar.toAbsolutePath());
        }
        StringBuilder yaml = new StringBuilder();
        // Flink's default config.yaml has these: YARN and Kubernetes pass them to their containers
        yaml.append("env.java.opts.all: ").append(String.join(" ", JAVA_OPENS)).append('\n');
        // yarn-session.sh records its session here (by default /tmp/.yarn-properties-<user>), and
        // Flink's clients with flink-yarn in lib/ then submit to that session: one file per home
        yaml.append("yarn.properties-file.location: ")
                .append(flink.conf().toAbsolutePath())
                .append('\n');
        config.forEach((key, value) -> yaml.append(key).append(": ").append(value).append('\n'));
        Files.writeString(flink.conf().resolve("config.yaml"), yaml);
        Files.writeString(flink.conf().resolve("log4j.properties"), LOG4J);
        Files.writeString(flink.conf().resolve("log4j-cli.properties"), LOG4J);
        return flink;
    }

    private static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(
                    dir.toAbsolutePath() + " is missing: run the build to 'package' first");
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
    }

    public Path home() {
        return home;
    }

    public Path lib() {
        return home.resolve("lib");
    }

    public Path opt() {
        return home.resolve("opt");
    }

    public Path conf() {
        return home.resolve("conf");
    }

    public Path log() {
        return home.resolve("log");
    }

    /**
     * The JVM options and the dynamic properties of a JobManager ({@code GET_JM_RESOURCE_PARAMS})
     * or TaskManager ({@code GET_TM_RESOURCE_PARAMS}), computed from config.yaml by Flink's {@code
     * BashJavaUtils} as {@code bin/jobmanager.sh} and {@code bin/taskmanager.sh} do.
     */
    List<List<String>> resourceParams(String command) throws IOException, InterruptedException {
        Process process =
                new ProcessBuilder(
                                java(
                                        "bash-java-utils",
                                        "128m",
                                        List.of(),
                                        List.of(),
                                        "org.apache.flink.runtime.util.bash.BashJavaUtils",
                                        command,
                                        "--configDir",
                                        conf().toString()))
                        .redirectErrorStream(true)
                        .start();
        String output =
                new String(
                        process.getInputStream().readAllBytes(),
                        java.nio.charset.StandardCharsets.UTF_8);
        process.waitFor();
        List<String> results =
                output.lines()
                        .filter(line -> line.startsWith("BASH_JAVA_UTILS_EXEC_RESULT:"))
                        .map(line -> line.substring("BASH_JAVA_UTILS_EXEC_RESULT:".length()).trim())
                        .toList();
        if (process.exitValue() != 0 || results.size() < 2) {
            throw new IOException("BashJavaUtils " + command + " failed:\n" + output);
        }
        return List.of(
                List.of(results.get(0).split("\\s+")), List.of(results.get(1).split("\\s+")));
    }

    /** Starts a Flink process on {@code lib/*}: stdout and stderr into {@code log/<name>.out}. */
    Process start(String name, List<String> jvmOptions, String mainClass, String... args)
            throws IOException {
        List<String> command = java(name, null, jvmOptions, List.of(), mainClass, args);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log().resolve(name + ".out").toFile())
                .start();
    }

    /**
     * A {@code java} command on {@code lib/*}, {@code HADOOP_CLASSPATH} and {@code extraClassPath}
     * (in this order, as Flink's scripts build it), logging into {@code log/<name>.log}; {@code
     * heap} null leaves the heap to {@code jvmOptions}.
     */
    List<String> java(
            String name,
            String heap,
            List<String> jvmOptions,
            List<String> extraClassPath,
            String mainClass,
            String... args) {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java")
                                        .toString()));
        if (heap != null) {
            command.add("-Xmx" + heap);
        }
        command.addAll(jvmOptions);
        command.addAll(JAVA_OPENS);
        command.add("-Dlog.file=" + log().resolve(name + ".log"));
        command.add(
                "-Dlog4j.configurationFile=file:"
                        + conf().resolve(
                                        name.startsWith("sql-client")
                                                ? "log4j-cli.properties"
                                                : "log4j.properties"));
        List<String> classPath = new ArrayList<>(List.of(lib() + "/*"));
        hadoopClasspath.forEach(jar -> classPath.add(jar.toString()));
        classPath.addAll(extraClassPath);
        command.add("-cp");
        command.add(String.join(java.io.File.pathSeparator, classPath));
        command.add(mainClass);
        command.addAll(List.of(args));
        return command;
    }
}
