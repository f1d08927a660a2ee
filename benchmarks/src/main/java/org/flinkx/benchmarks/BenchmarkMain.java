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
import org.flinkx.connector.es.testutils.EsTestServer;
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
 * (1,2), {@code jobs} (all, or a comma list), {@code impls} (all, or a comma list of the variants
 * to run), {@code memoryRows} (8000000; 0 skips the memory comparison), {@code serve} (true: start
 * and load the servers, print their URLs and wait, for profiling single {@link JobMain} runs),
 * {@code jfr} (false: true records every forked run with Java Flight Recorder's profile settings
 * into {@code target/bench-data/jfr/}). The databases are started and loaded only when a job needs
 * them. Each Flink or plain-JDBC run is a fresh JVM ({@code -Xmx1g}) so its peak RSS is its own;
 * the native tools run as processes and are timed from start to exit.
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
        // into and out of an Elasticsearch 7.10 (or OpenSearch 2.19) node started by the harness:
        // "native" is curl POSTing _bulk bodies of the same documents (with ids, without, and
        // FlinkX's keyed upserts), "plain" a reader of the same searches without Flink ("-doc":
        // sorted on _doc, "-nogzip": answers not compressed); memory-es is compared with
        // datagen-es's curl runs
        JOBS.put(
                "datagen-es",
                List.of("flinkx", "flinkx-nokey", "native", "native-nokey", "native-upsert"));
        JOBS.put("memory-es", List.of("flinkx"));
        JOBS.put(
                "es-blackhole",
                List.of("flinkx", "plain", "plain-doc", "flinkx-fetch10k", "plain-doc-nogzip"));
    }

    /** The ES jobs: every variant, the references too, runs at every parallelism. */
    static final Set<String> ES_JOBS = Set.of("datagen-es", "memory-es", "es-blackhole");

    /** Jobs that need neither PostgreSQL, MariaDB nor the Stream Load server. */
    private static final Set<String> NO_DATABASE_JOBS =
            Set.of(
                    "datagen-blackhole",
                    "datagen-kafka",
                    "kafka-blackhole",
                    "datagen-es",
                    "memory-es",
                    "es-blackhole");

    /** Jobs measured at two table sizes for the memory comparison (FlinkX only). */
    static final List<String> MEMORY_JOBS =
            List.of("pg-blackhole", "mariadb-blackhole", "datagen-pg", "datagen-starrocks");

    private static final Set<String> SINGLE_PROCESS = Set.of("plain", "native", "flinkx-unchunked");
    private static final String DB = "bench";

    private final long rows;
    private final int runs;
    private final List<Integer> parallelisms;
    private final List<String> jobs;
    private final Set<String> impls;
    private final long memoryRows;
    private final boolean serve;
    private final boolean jfr;
    private final Path work = Paths.get("target", "bench-data").toAbsolutePath();
    private final Results results = new Results();

    private PostgresServer pg;
    private MariaDbServer maria;
    private StarRocksTestServer starRocks;
    private KafkaTestBroker kafka;
    private int kafkaTopics;
    private EsTestServer es;
    private Path esBulkFiles;
    private int forks;
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
        String implList = args.getOrDefault("impls", "all");
        this.impls = implList.equals("all") ? null : Set.of(implList.split(","));
        String jobList = args.getOrDefault("jobs", "all");
        this.jobs =
                jobList.equals("all") ? List.copyOf(JOBS.keySet()) : List.of(jobList.split(","));
        this.memoryRows = Long.parseLong(args.getOrDefault("memoryRows", "8000000"));
        this.serve = Boolean.parseBoolean(args.getOrDefault("serve", "false"));
        this.jfr = Boolean.parseBoolean(args.getOrDefault("jfr", "false"));
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
        boolean databases = serve || !NO_DATABASE_JOBS.containsAll(jobs);
        if (databases) {
            NativeTools.ensurePsql();
            pg = PostgresServer.get();
            maria = MariaDbServer.get();
            pg.createDatabase(DB);
            maria.createDatabase(DB);
            starRocks = StarRocksTestServer.start(pg.user(), pg.password(), 1);
            // keeps no rows, only their count and the sum of their ids
            starRocks.createTable(
                    DB,
                    "bench_dst",
                    BenchData.starRocksColumns(),
                    List.of("id"),
                    TableModel.COUNTING);
            load(rows, "bench_src");
        } else {
            pgFile = work.resolve("rows-" + rows + "-pg.tsv"); // only for the report's row size
            if (!Files.exists(pgFile)) {
                BenchData.writeTsv(pgFile, rows, false);
            }
        }
        bytesPerRowTimes1000 = Files.size(pgFile) * 1000 / rows;
        if (jobs.stream().anyMatch(job -> job.contains("kafka"))) {
            startKafka();
        }
        if (jobs.stream().anyMatch(ES_JOBS::contains)) {
            startEs();
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
                            + " (binlog-stream: source=bench_cdc)"
                            + (es == null
                                    ? ""
                                    : " es=" + es.url() + " (source=" + ES_SOURCE + ")"));
            Thread.sleep(Long.MAX_VALUE);
        }

        for (int run = 1; run <= runs; run++) {
            for (int parallelism : parallelisms) {
                for (String job : jobs) {
                    for (String impl : JOBS.get(job)) {
                        if (impls != null && !impls.contains(impl)) {
                            continue;
                        }
                        if (parallelism > 1
                                && SINGLE_PROCESS.contains(impl)
                                && !ES_JOBS.contains(job)) {
                            continue;
                        }
                        if (impl.startsWith("plain-doc")
                                && es.kind().equals(EsTestServer.OPENSEARCH_2)) {
                            continue; // a point in time is read sorted as flinkx-es sorts it
                        }
                        Result result = measure(job, impl, parallelism, rows, "bench_src");
                        results.add(job, impl, parallelism, rows, result);
                        System.out.printf(
                                "run %d/%d p=%d %-18s %-11s %s%s%n",
                                run,
                                runs,
                                parallelism,
                                job,
                                impl,
                                result.describe(),
                                ES_JOBS.contains(job)
                                        ? String.format(
                                                " node CPU %.1f s, client CPU %.1f s",
                                                nodeCpu / 1000.0, clientCpu / 1000.0)
                                        : "");
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

    private static final String ES_SOURCE = "bench_es_src";
    private static final String ES_TARGET = "bench_es_dst";

    /**
     * Starts the node, fills the source index of {@code es-blackhole} with the rows of datagen,
     * written once by FlinkX's sink (without a key, so the node keeps each {@code _source} as
     * FlinkX sent it; parallelism 2), and cuts its documents into the bulk bodies of curl.
     */
    private void startEs() throws Exception {
        long t0 = System.nanoTime();
        es = EsTestServer.start(EsBench.NODE_SETTINGS.toArray(new String[0]));
        Runtime.getRuntime().addShutdownHook(new Thread(es::close));
        System.out.printf(
                "%s node (%s) at %s, heap 512 MB (EsTestServer), settings %s, started in %d s;"
                        + " index: %s%n",
                es.kind(),
                es.call("GET", "/", null).path("version").path("number").asText(),
                es.url(),
                EsBench.NODE_SETTINGS,
                (System.nanoTime() - t0) / 1_000_000_000,
                EsBench.describeIndex());
        EsBench.recreate(es, ES_SOURCE);
        t0 = System.nanoTime();
        fork("datagen-es", "flinkx-nokey", 2, rows, "datagen", ES_SOURCE);
        long count = es.count(ES_SOURCE);
        if (count != rows) {
            throw new IllegalStateException(ES_SOURCE + " holds " + count + " documents");
        }
        System.out.printf(
                "Wrote %d documents into %s in %d s%n",
                rows, ES_SOURCE, (System.nanoTime() - t0) / 1_000_000_000);
        t0 = System.nanoTime();
        esBulkFiles = work.resolve("es-bulk");
        EsBench.writeBulkFiles(es, ES_SOURCE, ES_TARGET, esBulkFiles);
        System.out.printf(
                "Wrote curl's bulk bodies of %s (%d per file) into %s in %d s%n",
                ES_SOURCE,
                EsBench.BULK_ACTIONS,
                esBulkFiles,
                (System.nanoTime() - t0) / 1_000_000_000);
    }

    /** The CPU time of the last run's node and client processes (ES jobs), in ms. */
    private long nodeCpu;

    private long clientCpu;

    /**
     * The node's CPU time or, {@code client}, that of the harness's ended child processes (the
     * forked JVM or the curl processes of a run, whole), in ms; 0 without a node.
     */
    private long esCpu(boolean client) {
        if (es == null) {
            return 0;
        }
        return client
                ? EsBench.cpuMillis(null, 0)
                : EsBench.cpuMillis(
                        es.kind().equals(EsTestServer.OPENSEARCH_2)
                                ? "OpenSearchServer"
                                : "ElasticsearchServer",
                        es.port());
    }

    private Result esBulk(String impl, int parallelism, long count) throws Exception {
        EsBench.Actions actions =
                switch (impl) {
                    case "native" -> EsBench.Actions.ID;
                    case "native-nokey" -> EsBench.Actions.NO_ID;
                    case "native-upsert" -> EsBench.Actions.UPSERT;
                    default -> throw new IllegalArgumentException(impl);
                };
        return NativeTools.esBulk(
                es.url(),
                ES_TARGET,
                EsBench.chunks(esBulkFiles, actions),
                parallelism,
                work,
                count);
    }

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
        if (job.equals("es-blackhole")) {
            source = ES_SOURCE;
        }
        if (writes && targetDb.equals("es")) {
            target = ES_TARGET;
            EsBench.recreate(es, target);
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
        nodeCpu = -esCpu(false);
        clientCpu = -esCpu(true);
        Result result =
                impl.startsWith("native") && targetDb.equals("es")
                        ? esBulk(impl, parallelism, count)
                        : impl.equals("native")
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
                                                job, pg, maria, DB, source, target, pgFile,
                                                mariaFile, count)
                                : fork(job, impl, parallelism, count, source, target);
        nodeCpu += esCpu(false);
        clientCpu += esCpu(true);
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
        if (db.equals("starrocks") || db.equals("kafka") || db.equals("es")) {
            return; // a counting table, a new topic or index: measure() counts what a run adds
        }
        try (Connection c = db.equals("pg") ? pg.connect(DB) : maria.connect(DB);
                Statement s = c.createStatement()) {
            s.execute("TRUNCATE TABLE " + table);
        }
    }

    private long count(String db, String table) throws SQLException, IOException {
        if (db.equals("kafka")) {
            return kafka.messages(table);
        }
        if (db.equals("es")) {
            return es.count(table); // refreshes first
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
        forks++;
        if (jfr) {
            Path dir = work.resolve("jfr");
            Files.createDirectories(dir);
            command.add(
                    "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
                            + dir.resolve(
                                    String.format(
                                            "%03d-%s-%s-p%d.jfr", forks, job, impl, parallelism)));
        }
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
        if (pg != null) {
            command.add("pgUrl=" + pg.jdbcUrl(DB));
            command.add("mariaUrl=" + maria.jdbcUrl(DB));
            command.add("user=" + pg.user());
            command.add("srFe=" + starRocks.feAddress());
        }
        if (kafka != null) {
            command.add("kafka=" + kafka.bootstrapServers());
        }
        if (es != null) {
            command.add("es=" + es.url());
        }
        if (binlogFile != null) {
            command.add("binlogFile=" + binlogFile);
            command.add("binlogPos=" + binlogPos);
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (pg != null) {
            builder.environment()
                    .put(JobMain.PASSWORD_ENV, pg.password()); // not on the command line
        }
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
        Path logs = work.resolve("logs");
        Files.createDirectories(logs);
        Files.write(
                logs.resolve(String.format("%03d-%s-%s-p%d.log", forks, job, impl, parallelism)),
                output);
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
