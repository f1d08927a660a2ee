package org.flinkx.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.flinkx.connector.jdbc.testutils.MariaDbServer;
import org.flinkx.connector.jdbc.testutils.PostgresServer;
import org.flinkx.connector.kafka.testutils.KafkaTestBroker;
import org.flinkx.connector.starrocks.testserver.StarRocksTestServer;
import org.flinkx.connector.starrocks.testserver.TableModel;
import org.postgresql.PGConnection;

/**
 * Runs every benchmark job with FlinkX, the official connector (or plain JDBC where it has no
 * MariaDB support) and the native tools against servers it starts, on data it loads, and writes a
 * markdown report to {@code benchmarks/target/benchmark-results.md}.
 *
 * <p>Arguments ({@code key=value}): {@code rows} (2000000), {@code runs} (3), {@code parallelism}
 * (1,2), {@code jobs} (all, or a comma list), {@code memoryRows} (8000000; 0 skips the memory
 * comparison), {@code serve} (true: start and load the servers, print their URLs and wait, for
 * profiling single {@link JobMain} runs). Each Flink or plain-JDBC run is a fresh JVM ({@code
 * -Xmx1g}) so its peak RSS is its own; the native tools run as processes and are timed from start
 * to exit.
 */
public final class BenchmarkMain {

    /** Which implementations run for a job; "native" is the database's own tool. */
    static final Map<String, List<String>> JOBS = new LinkedHashMap<>();

    static {
        JOBS.put("pg-blackhole", List.of("flinkx", "official", "plain", "native"));
        JOBS.put("mariadb-blackhole", List.of("flinkx", "plain", "native"));
        JOBS.put("datagen-pg", List.of("flinkx", "official", "native"));
        JOBS.put("datagen-mariadb", List.of("flinkx", "plain", "native"));
        JOBS.put("datagen-blackhole", List.of("flinkx")); // the generator's own ceiling
        // Sinks fed from memory (a source that costs almost nothing), with the flush on the task
        // thread ("flinkx-sync", as before the sink core) for the pipelining's before/after
        JOBS.put("memory-pg", List.of("flinkx", "flinkx-sync", "official-ds", "native"));
        JOBS.put("memory-mariadb", List.of("flinkx", "flinkx-sync", "official-ds", "native"));
        JOBS.put("pg-mariadb", List.of("flinkx", "official-ds"));
        JOBS.put("mariadb-pg", List.of("flinkx", "official-ds"));
        JOBS.put("upsert-pg", List.of("flinkx", "flinkx-sync", "official"));
        JOBS.put("upsert-mariadb", List.of("flinkx", "flinkx-sync", "plain"));
        // "plain" here is Debezium's embedded engine alone (no Flink)
        JOBS.put("binlog-snapshot", List.of("flinkx", "flinkx-unchunked", "plain", "native"));
        JOBS.put("binlog-stream", List.of("flinkx", "plain"));
        // into the Stream Load test server (no StarRocks runs here); "native" is curl -T a file
        JOBS.put("datagen-starrocks", List.of("flinkx", "native"));
        JOBS.put("pg-starrocks", List.of("flinkx", "native"));
        JOBS.put("memory-starrocks", List.of("flinkx", "native"));
        // JSON messages into and out of a Kafka broker in the harness's JVM, against the official
        // Kafka connector's SQL tables ('kafka') with the same options
        JOBS.put("datagen-kafka", List.of("flinkx", "official"));
        JOBS.put("kafka-blackhole", List.of("flinkx", "official"));
    }

    /** Jobs measured at two table sizes for the memory comparison (FlinkX only). */
    static final List<String> MEMORY_JOBS =
            List.of("pg-blackhole", "mariadb-blackhole", "datagen-pg", "datagen-starrocks");

    private static final Set<String> SINGLE_PROCESS = Set.of("plain", "native", "flinkx-unchunked");
    private static final String DB = "bench";

    private final long rows;
    private final int runs;
    private final List<Integer> parallelisms;
    private final List<String> jobs;
    private final long memoryRows;
    private final boolean serve;
    private final Path work = Paths.get("target", "bench-data").toAbsolutePath();
    private final Results results = new Results();

    private PostgresServer pg;
    private MariaDbServer maria;
    private StarRocksTestServer starRocks;
    private KafkaTestBroker kafka;
    private int kafkaTopics;
    private Path pgFile;
    private Path mariaFile;
    private long bytesPerRowTimes1000;
    private String binlogFile;
    private long binlogPos;

    private BenchmarkMain(Map<String, String> args) {
        this.rows = Long.parseLong(args.getOrDefault("rows", "2000000"));
        this.runs = Integer.parseInt(args.getOrDefault("runs", "3"));
        this.parallelisms =
                Arrays.stream(args.getOrDefault("parallelism", "1,2").split(","))
                        .map(Integer::parseInt)
                        .toList();
        String jobList = args.getOrDefault("jobs", "all");
        this.jobs =
                jobList.equals("all") ? List.copyOf(JOBS.keySet()) : List.of(jobList.split(","));
        this.memoryRows = Long.parseLong(args.getOrDefault("memoryRows", "8000000"));
        this.serve = Boolean.parseBoolean(args.getOrDefault("serve", "false"));
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new TreeMap<>();
        for (String arg : argv) {
            int eq = arg.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("Arguments are key=value, got " + arg);
            }
            args.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        int exit = 1;
        try {
            new BenchmarkMain(args).run();
            exit = 0;
        } catch (Exception | Error e) {
            e.printStackTrace();
        } finally {
            System.exit(exit); // the servers' shutdown hooks stop them
        }
    }

    private void run() throws Exception {
        Files.createDirectories(work);
        NativeTools.ensurePsql();
        pg = PostgresServer.get();
        maria = MariaDbServer.get();
        pg.createDatabase(DB);
        maria.createDatabase(DB);
        starRocks = StarRocksTestServer.start(pg.user(), pg.password(), 1);
        // keeps no rows, only their count and the sum of their ids
        starRocks.createTable(
                DB, "bench_dst", BenchData.starRocksColumns(), List.of("id"), TableModel.COUNTING);
        load(rows, "bench_src");
        bytesPerRowTimes1000 = Files.size(pgFile) * 1000 / rows;
        if (jobs.stream().anyMatch(job -> job.contains("kafka"))) {
            startKafka();
        }
        if (serve) {
            // For profiling single runs: JobMain with these URLs, until this process is killed.
            System.out.println(
                    "Serving: pgUrl="
                            + pg.jdbcUrl(DB)
                            + " mariaUrl="
                            + maria.jdbcUrl(DB)
                            + " user="
                            + pg.user()
                            + " source=bench_src target=bench_dst"
                            + " binlogFile="
                            + binlogFile
                            + " binlogPos="
                            + binlogPos
                            + " (binlog-stream: source=bench_cdc)");
            Thread.sleep(Long.MAX_VALUE);
        }

        for (int run = 1; run <= runs; run++) {
            for (int parallelism : parallelisms) {
                for (String job : jobs) {
                    for (String impl : JOBS.get(job)) {
                        if (parallelism > 1 && SINGLE_PROCESS.contains(impl)) {
                            continue;
                        }
                        Result result = measure(job, impl, parallelism, rows, "bench_src");
                        results.add(job, impl, parallelism, rows, result);
                        System.out.printf(
                                "run %d/%d p=%d %-18s %-11s %s%n",
                                run, runs, parallelism, job, impl, result.describe());
                    }
                }
            }
        }
        if (memoryRows > 0) {
            load(memoryRows, "bench_src_big");
            for (int run = 1; run <= runs; run++) {
                for (String job : MEMORY_JOBS) {
                    if (!jobs.contains(job)) {
                        continue;
                    }
                    Result result = measure(job, "flinkx", 1, memoryRows, "bench_src_big");
                    results.add(job, "flinkx", 1, memoryRows, result);
                    System.out.printf(
                            "memory run %d/%d %-18s %d rows %s%n",
                            run, runs, job, memoryRows, result.describe());
                }
            }
        }
        String report =
                new Report(
                                results,
                                rows,
                                memoryRows,
                                parallelisms,
                                jobs,
                                bytesPerRowTimes1000 / 1000.0)
                        .markdown();
        Path out = Paths.get("target", "benchmark-results.md");
        Files.writeString(out, report);
        System.out.println(report);
        System.out.println("Written to " + out.toAbsolutePath());
    }

    /**
     * Creates the tables and loads {@code count} rows into {@code table} (and the upsert tables).
     */
    private void load(long count, String table) throws Exception {
        long t0 = System.nanoTime();
        pgFile = work.resolve("rows-" + count + "-pg.tsv");
        mariaFile = work.resolve("rows-" + count + "-mariadb.tsv");
        if (!Files.exists(pgFile)) {
            BenchData.writeTsv(pgFile, count, false);
            BenchData.writeTsv(mariaFile, count, true);
        }
        boolean main = table.equals("bench_src");
        try (Connection c = pg.connect(DB);
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
            s.execute(BenchData.postgresDdl(table, true));
            copyIn(c, table, pgFile);
            if (main) {
                s.execute("DROP TABLE IF EXISTS bench_dst");
                s.execute(BenchData.postgresDdl("bench_dst", true));
                s.execute("DROP TABLE IF EXISTS bench_upsert");
                s.execute(BenchData.postgresDdl("bench_upsert", true));
                s.execute("INSERT INTO bench_upsert SELECT * FROM bench_src");
            }
            s.execute("VACUUM ANALYZE " + table);
        }
        try (Connection c =
                        DriverManager.getConnection(
                                maria.jdbcUrl(DB) + "?allowLocalInfile=true",
                                maria.user(),
                                maria.password());
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
            s.execute(BenchData.mariaDbDdl(table, true));
            s.execute(NativeTools.loadData(mariaFile, table));
            if (main) {
                s.execute("DROP TABLE IF EXISTS bench_dst");
                s.execute(BenchData.mariaDbDdl("bench_dst", true));
                s.execute("DROP TABLE IF EXISTS bench_upsert");
                s.execute(BenchData.mariaDbDdl("bench_upsert", true));
                s.execute("INSERT INTO bench_upsert SELECT * FROM bench_src");
                // binlog-stream reads these inserts from the position before them
                s.execute("DROP TABLE IF EXISTS bench_cdc");
                s.execute(BenchData.mariaDbDdl("bench_cdc", true));
                try (ResultSet rs = s.executeQuery("SHOW MASTER STATUS")) {
                    rs.next();
                    binlogFile = rs.getString(1);
                    binlogPos = rs.getLong(2);
                }
                for (long from = 1; from <= count; from += 50_000) {
                    s.execute(
                            "INSERT INTO bench_cdc SELECT * FROM bench_src WHERE id BETWEEN "
                                    + from
                                    + " AND "
                                    + (from + 49_999));
                }
            }
        }
        System.out.printf(
                "Loaded %d rows into %s in both databases in %d s%n",
                count, table, (System.nanoTime() - t0) / 1_000_000_000);
    }

    /**
     * Starts the broker and fills the source topic of {@code kafka-blackhole} (two partitions) with
     * the rows of datagen, written once by FlinkX's sink.
     */
    private void startKafka() throws Exception {
        kafka = KafkaTestBroker.started();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopKafka));
        kafka.createTopic(KAFKA_SOURCE, 2);
        long t0 = System.nanoTime();
        fork("datagen-kafka", "flinkx", 2, rows, "datagen", KAFKA_SOURCE);
        if (kafka.messages(KAFKA_SOURCE) != rows) {
            throw new IllegalStateException(
                    KAFKA_SOURCE + " holds " + kafka.messages(KAFKA_SOURCE) + " messages");
        }
        System.out.printf(
                "Wrote %d JSON messages into %s in %d s%n",
                rows, KAFKA_SOURCE, (System.nanoTime() - t0) / 1_000_000_000);
    }

    private void stopKafka() {
        try {
            kafka.close();
        } catch (Exception e) {
            System.err.println("Stopping the Kafka broker failed: " + e);
        }
    }

    private static final String KAFKA_SOURCE = "bench_kafka_src";

    private static void copyIn(Connection c, String table, Path file)
            throws SQLException, IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            c.unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("COPY " + table + " FROM STDIN", reader);
        }
    }

    private Result measure(String job, String impl, int parallelism, long count, String source)
            throws Exception {
        String target = job.startsWith("upsert") ? "bench_upsert" : "bench_dst";
        boolean writes = !job.endsWith("blackhole") && !job.startsWith("binlog");
        if (job.equals("binlog-stream")) {
            source = "bench_cdc";
        }
        if (writes && !job.startsWith("upsert")) {
            truncate(job.substring(job.indexOf('-') + 1), target);
        }
        String targetDb = job.substring(job.indexOf('-') + 1);
        if (job.equals("kafka-blackhole")) {
            source = KAFKA_SOURCE;
        }
        if (writes && targetDb.equals("kafka")) {
            // a new topic for each run, the one before deleted (the disk holds one copy at most)
            if (kafkaTopics > 0) {
                kafka.deleteTopic("bench_kafka_dst_" + kafkaTopics);
            }
            target = "bench_kafka_dst_" + ++kafkaTopics;
            kafka.createTopic(target, 2);
        }
        long before = writes && targetDb.equals("starrocks") ? count(targetDb, target) : 0;
        Result result =
                impl.equals("native")
                        ? targetDb.equals("starrocks")
                                ? NativeTools.streamLoad(
                                        starRocks,
                                        DB,
                                        target,
                                        mariaFile,
                                        count,
                                        pg.user(),
                                        pg.password())
                                : NativeTools.run(
                                        job, pg, maria, DB, source, target, pgFile, mariaFile,
                                        count)
                        : fork(job, impl, parallelism, count, source, target);
        if (writes) {
            long written = count(targetDb, target) - before;
            if (written != count) {
                throw new IllegalStateException(
                        job
                                + " with "
                                + impl
                                + " left "
                                + written
                                + " rows in "
                                + target
                                + ", expected "
                                + count);
            }
        }
        return result;
    }

    private void truncate(String db, String table) throws SQLException {
        if (db.equals("starrocks") || db.equals("kafka")) {
            return; // a counting table: measure() counts what a run adds
        }
        try (Connection c = db.equals("pg") ? pg.connect(DB) : maria.connect(DB);
                Statement s = c.createStatement()) {
            s.execute("TRUNCATE TABLE " + table);
        }
    }

    private long count(String db, String table) throws SQLException {
        if (db.equals("kafka")) {
            return kafka.messages(table);
        }
        if (db.equals("starrocks")) {
            return starRocks.counted(DB, table).rows();
        }
        try (Connection c = db.equals("pg") ? pg.connect(DB) : maria.connect(DB);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Result fork(
            String job, String impl, int parallelism, long count, String source, String target)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");
        command.add("-Xms256m");
        command.add("-Dflinkx.sink.pipelined=" + !impl.equals("flinkx-sync"));
        for (String pkg :
                List.of(
                        "java.util",
                        "java.lang",
                        "java.lang.reflect",
                        "java.io",
                        "java.nio",
                        "sun.nio.ch",
                        "java.net",
                        "java.time",
                        "java.util.concurrent")) {
            command.add("--add-opens=java.base/" + pkg + "=ALL-UNNAMED");
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(JobMain.class.getName());
        command.add("job=" + job);
        command.add("impl=" + impl);
        command.add("parallelism=" + parallelism);
        command.add("rows=" + count);
        command.add("source=" + source);
        command.add("target=" + target);
        command.add("pgUrl=" + pg.jdbcUrl(DB));
        command.add("mariaUrl=" + maria.jdbcUrl(DB));
        command.add("user=" + pg.user());
        command.add("srFe=" + starRocks.feAddress());
        if (kafka != null) {
            command.add("kafka=" + kafka.bootstrapServers());
        }
        if (binlogFile != null) {
            command.add("binlogFile=" + binlogFile);
            command.add("binlogPos=" + binlogPos);
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put(JobMain.PASSWORD_ENV, pg.password()); // not on the command line
        Process process = builder.start();
        List<String> output = new ArrayList<>();
        try (BufferedReader reader =
                new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.add(line);
                if (output.size() > 200) {
                    output.remove(0);
                }
            }
        }
        int exit = process.waitFor();
        // the result line, wherever the JVM's shutdown put its own warnings after it
        String last = "";
        for (String line : output) {
            if (line.startsWith("BENCH-RESULT")) {
                last = line;
            }
        }
        if (exit != 0 || last.isEmpty()) {
            throw new IllegalStateException(
                    job
                            + " with "
                            + impl
                            + " failed (exit "
                            + exit
                            + "):\n"
                            + String.join("\n", output));
        }
        return Result.parse(last);
    }
}
