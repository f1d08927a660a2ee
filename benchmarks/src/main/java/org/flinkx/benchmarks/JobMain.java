package org.flinkx.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.connector.jdbc.core.datastream.source.JdbcSource;
import org.apache.flink.connector.jdbc.core.datastream.source.JdbcSourceBuilder;
import org.apache.flink.connector.jdbc.core.datastream.source.reader.extractor.ResultExtractor;
import org.apache.flink.connector.jdbc.split.JdbcNumericBetweenParametersProvider;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;

/**
 * One benchmark run in its own JVM, so its peak RSS is its own: {@code JobMain key=value...}.
 * Prints {@code BENCH-RESULT millis=<job time> rows=<rows> peakRssKb=<VmHWM>} as its last line.
 *
 * <p>Keys: job, impl (flinkx, flinkx-sync, flinkx-unchunked, flinkx-nokey, official, official-ds,
 * plain, plain-doc, plain-doc-nogzip), parallelism, rows, pgUrl, mariaUrl, user, source (source
 * table or index), target (target table or index), binlogFile/binlogPos (where the binlog-stream
 * rows begin), es (the Elasticsearch / OpenSearch node's URL); the password comes from {@value
 * #PASSWORD_ENV}.
 */
public final class JobMain {

    static final String PASSWORD_ENV = "FLINKX_BENCH_PASSWORD";

    private final Map<String, String> args;
    private final long rows;
    private final int parallelism;

    private JobMain(Map<String, String> args) {
        this.args = args;
        this.rows = Long.parseLong(args.get("rows"));
        this.parallelism = Integer.parseInt(args.get("parallelism"));
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new HashMap<>();
        for (String arg : argv) {
            int eq = arg.indexOf('=');
            args.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        args.put("password", System.getenv(PASSWORD_ENV));
        JobMain job = new JobMain(args);
        long millis = job.run(args.get("job"), args.get("impl"));
        System.out.printf(
                "BENCH-RESULT millis=%d rows=%d peakRssKb=%d%n", millis, job.rows, peakRssKb());
        System.exit(0);
    }

    /**
     * Runs the job; returns its duration: a Flink job's net runtime (deployment to end, without the
     * JVM and MiniCluster start-up every variant pays alike), or a plain loop's wall time.
     */
    private long run(String job, String impl) throws Exception {
        if (job.startsWith("binlog")) {
            return switch (impl) {
                case "flinkx", "flinkx-unchunked" ->
                        BinlogJobs.flinkx(args, job, parallelism, rows, impl.equals("flinkx"));
                case "plain" -> BinlogJobs.debezium(args, job, rows);
                default ->
                        throw new IllegalArgumentException("unknown impl " + impl + " for " + job);
            };
        }
        if (job.startsWith("memory")) {
            String db = job.substring("memory-".length());
            String table = args.get("target");
            if (db.equals("es")) {
                return MemoryJobs.es(environment(), args.get("es"), table, rows);
            }
            if (db.equals("starrocks")) {
                return MemoryJobs.starRocks(
                        environment(),
                        args.get("srFe"),
                        args.get("user"),
                        args.get("password"),
                        table,
                        rows);
            }
            return switch (impl) {
                case "flinkx", "flinkx-sync" ->
                        MemoryJobs.flinkx(
                                environment(),
                                url(db),
                                args.get("user"),
                                args.get("password"),
                                table,
                                rows);
                case "official-ds" ->
                        MemoryJobs.official(
                                environment(),
                                referenceWriteUrl(db),
                                args.get("user"),
                                args.get("password"),
                                table,
                                rows);
                default ->
                        throw new IllegalArgumentException("unknown impl " + impl + " for " + job);
            };
        }
        return switch (impl) {
            case "flinkx", "official", "flinkx-nokey", "flinkx-fetch10k" -> sql(job, impl);
            case "flinkx-sync" -> sql(job, "flinkx");
            case "plain-doc" -> timed(() -> plainEs(PlainEs.Sort.DOC, true));
            case "plain-doc-nogzip" -> timed(() -> plainEs(PlainEs.Sort.DOC, false));
            case "plain" -> timed(() -> plain(job));
            case "official-ds" -> officialDataStream(job);
            default -> throw new IllegalArgumentException("unknown impl " + impl);
        };
    }

    private interface Body {
        void run() throws Exception;
    }

    private static long timed(Body body) throws Exception {
        long start = System.nanoTime();
        body.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    // ---------------------------------------------------------------- SQL jobs (FlinkX, official)

    /** The official SQL sink's options besides URL and credentials (printed in the report). */
    static final String OFFICIAL_SINK_OPTIONS =
            "'sink.buffer-flush.max-rows' = '5000', 'sink.buffer-flush.interval' = '1s'";

    private long sql(String job, String impl) throws Exception {
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(environment());
        String[] ends = job.split("-");
        String source = ends[0];
        String target = ends[1];
        boolean upsert = job.startsWith("upsert");
        if (upsert) {
            source = "datagen";
            target = ends[1];
        }
        tEnv.executeSql(
                "CREATE TABLE src ("
                        + BenchData.flinkColumns(
                                !source.equals("datagen") && !source.equals("kafka"))
                        + ") WITH ("
                        + sourceOptions(source, impl)
                        + ")");
        // into Elasticsearch the key is the document id (upserts); flinkx-nokey: generated ids
        boolean keyed = upsert || (target.equals("es") && !impl.equals("flinkx-nokey"));
        tEnv.executeSql(
                "CREATE TABLE dst ("
                        + BenchData.flinkColumns(keyed)
                        + ") WITH ("
                        + sinkOptions(target, impl, upsert)
                        + ")");
        return tEnv.executeSql("INSERT INTO dst SELECT * FROM src")
                .getJobClient()
                .orElseThrow()
                .getJobExecutionResult()
                .get()
                .getNetRuntime();
    }

    /** Both Kafka tables' options besides the connector (printed in the report). */
    static final String KAFKA_SOURCE_OPTIONS =
            "'format' = 'json', 'scan.startup.mode' = 'earliest-offset',"
                    + " 'scan.bounded.mode' = 'latest-offset'";

    static final String KAFKA_SINK_OPTIONS =
            "'format' = 'json' (at-least-once, the default of both)";

    private String kafkaTable(String impl, String topic) {
        return "'connector' = '"
                + (impl.equals("flinkx") ? "flinkx-kafka" : "kafka")
                + "', 'topic' = '"
                + topic
                + "', 'properties.bootstrap.servers' = '"
                + args.get("kafka")
                + "'";
    }

    /** Both ES tables' options besides hosts and index: the defaults (printed in the report). */
    static final String ES_SOURCE_OPTIONS =
            "the defaults: `scan.mode` `auto` (scroll on Elasticsearch 7.10 without X-Pack, point"
                    + " in time on OpenSearch 2.19), `scan.fetch-size` 1000, `scan.slices` = the"
                    + " parallelism";

    static final String ES_SINK_OPTIONS =
            "the defaults: `sink.bulk-flush.max-actions` 1000, `sink.bulk-flush.max-size` 5 MB,"
                    + " `sink.bulk-flush.interval` 1 s, at-least-once";

    private String esTable(String index) {
        return "'connector' = 'flinkx-es', 'hosts' = '"
                + args.get("es")
                + "', 'index' = '"
                + index
                + "'";
    }

    private String sourceOptions(String db, String impl) {
        if (db.equals("datagen")) {
            return BenchData.datagenOptions(rows);
        }
        if (db.equals("es")) {
            // flinkx-fetch10k: pages of 10,000 hits, ten times fewer sorted scroll pages
            return esTable(args.get("source"))
                    + (impl.equals("flinkx-fetch10k") ? ", 'scan.fetch-size' = '10000'" : "");
        }
        if (db.equals("kafka")) {
            return kafkaTable(impl, args.get("source")) + ", " + KAFKA_SOURCE_OPTIONS;
        }
        String common =
                "'url' = '"
                        + url(db)
                        + "', 'table-name' = '"
                        + args.get("source")
                        + "',"
                        + " 'username' = '"
                        + args.get("user")
                        + "', 'password' = '"
                        + args.get("password")
                        + "'";
        if (impl.equals("flinkx")) {
            return "'connector' = 'flinkx-" + flinkxName(db) + "', " + common;
        }
        // The official connector at its best: streaming reads (fetch size with auto-commit off)
        // and, at parallelism > 1, one range split per subtask.
        String options =
                "'connector' = 'jdbc', "
                        + common
                        + ", 'scan.fetch-size' = '1024', 'scan.auto-commit' = 'false'";
        if (parallelism > 1) {
            options +=
                    ", 'scan.partition.column' = 'id', 'scan.partition.num' = '"
                            + parallelism
                            + "',"
                            + " 'scan.partition.lower-bound' = '1', 'scan.partition.upper-bound' = '"
                            + rows
                            + "'";
        }
        return options;
    }

    private String sinkOptions(String db, String impl, boolean upsert) {
        if (db.equals("blackhole")) {
            return "'connector' = 'blackhole'";
        }
        if (db.equals("kafka")) {
            return kafkaTable(impl, args.get("target")) + ", 'format' = 'json'";
        }
        if (db.equals("es")) {
            return esTable(args.get("target"));
        }
        if (db.equals("starrocks")) {
            // the defaults: CSV, at-least-once, buffers of 500,000 rows / 32 MB / 5 s
            return "'connector' = 'flinkx-starrocks', 'load-url' = '"
                    + args.get("srFe")
                    + "', 'database-name' = 'bench', 'table-name' = '"
                    + args.get("target")
                    + "', 'username' = '"
                    + args.get("user")
                    + "', 'password' = '"
                    + args.get("password")
                    + "'";
        }
        String common =
                "'url' = '"
                        + url(db)
                        + "', 'table-name' = '"
                        + args.get("target")
                        + "',"
                        + " 'username' = '"
                        + args.get("user")
                        + "', 'password' = '"
                        + args.get("password")
                        + "'";
        if (impl.equals("flinkx")) {
            return "'connector' = 'flinkx-"
                    + flinkxName(db)
                    + "', "
                    + common
                    + (upsert ? ", 'sink.write-mode' = 'upsert'" : "");
        }
        // Batches of 5000 rows and, for PostgreSQL, pgjdbc's multi-row rewrite as FlinkX gets it.
        String referenceCommon =
                "'url' = '"
                        + referenceWriteUrl(db)
                        + "', 'table-name' = '"
                        + args.get("target")
                        + "', 'username' = '"
                        + args.get("user")
                        + "', 'password' = '"
                        + args.get("password")
                        + "'";
        return "'connector' = 'jdbc', " + referenceCommon + ", " + OFFICIAL_SINK_OPTIONS;
    }

    private String url(String db) {
        return switch (db) {
            case "pg" -> args.get("pgUrl");
            case "mariadb" -> args.get("mariaUrl");
            default -> throw new IllegalArgumentException(db);
        };
    }

    private static String flinkxName(String db) {
        return db.equals("pg") ? "postgresql" : "mariadb";
    }

    private StreamExecutionEnvironment environment() {
        Configuration conf = new Configuration();
        conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        return env;
    }

    // ------------------------------------- official connector's DataStream API, across databases

    /**
     * The official connector where its table factory has no dialect (MariaDB): its DataStream
     * source and sink, which need none, with the same batch size; object reuse on.
     */
    private long officialDataStream(String job) throws Exception {
        String[] ends = job.split("-");
        StreamExecutionEnvironment env = environment();
        env.getConfig().enableObjectReuse();
        JdbcSourceBuilder<Row> source =
                JdbcSource.<Row>builder()
                        .setDBUrl(url(ends[0]))
                        .setUsername(args.get("user"))
                        .setPassword(args.get("password"))
                        .setSql(
                                "SELECT "
                                        + BenchData.COLUMNS
                                        + " FROM "
                                        + args.get("source")
                                        + (parallelism > 1 ? " WHERE id BETWEEN ? AND ?" : ""))
                        .setResultExtractor(ResultExtractor.ofRowResultExtractor())
                        .setTypeInformation(OfficialJdbc.ROW_TYPE)
                        .setResultSetFetchSize(1024)
                        .setAutoCommit(false);
        if (parallelism > 1) {
            source.setJdbcParameterValuesProvider(
                    new JdbcNumericBetweenParametersProvider(1, rows).ofBatchNum(parallelism));
        }
        env.fromSource(source.build(), WatermarkStrategy.noWatermarks(), "official-jdbc-source")
                .sinkTo(
                        OfficialJdbc.appendSink(
                                args.get("target"),
                                referenceWriteUrl(ends[1]),
                                args.get("user"),
                                args.get("password")));
        return env.execute("official " + job).getNetRuntime();
    }

    /** The URL a reference writer uses: multi-row rewriting on (MySQL Connector/J for MariaDB). */
    private String referenceWriteUrl(String db) {
        String url = url(db);
        if (db.equals("mariadb")) {
            return url.replace("jdbc:mariadb:", "jdbc:mysql:")
                    + "?rewriteBatchedStatements=true&useSSL=false&allowPublicKeyRetrieval=true"
                    + "&sessionVariables=time_zone='%2B00:00'";
        }
        return url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
    }

    // ------------------------------------------------------------ plain JDBC (no Flink at all)

    private PlainJdbc reader(String db) {
        return new PlainJdbc(url(db), args.get("user"), args.get("password"), rows);
    }

    private PlainJdbc writer(String db) {
        return new PlainJdbc(referenceWriteUrl(db), args.get("user"), args.get("password"), rows);
    }

    private void plain(String job) throws Exception {
        switch (job) {
            case "mariadb-blackhole" -> reader("mariadb").read(args.get("source"));
            case "pg-blackhole" -> reader("pg").read(args.get("source"));
            case "es-blackhole" -> plainEs(PlainEs.Sort.FLINKX, true);
            case "datagen-mariadb" -> writer("mariadb").write(args.get("target"), false);
            case "upsert-mariadb" -> writer("mariadb").write(args.get("target"), true);
            default -> throw new IllegalArgumentException("no plain variant of " + job);
        }
    }

    /** The plain reader of the ES source index, as many slices as the parallelism. */
    private void plainEs(PlainEs.Sort sort, boolean gzip) throws Exception {
        long read = new PlainEs(args.get("es"), args.get("source"), parallelism, sort, gzip).read();
        if (read != rows) {
            throw new IllegalStateException("read " + read + " documents, expected " + rows);
        }
    }

    static long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return -1;
    }
}
