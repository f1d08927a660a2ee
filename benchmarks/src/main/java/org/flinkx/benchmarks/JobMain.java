package org.flinkx.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;
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
 * <p>Keys: job, impl (flinkx, flinkx-sync, flinkx-unchunked, official, official-ds, plain),
 * parallelism, rows, pgUrl, mariaUrl, user, source (source table), target (target table),
 * binlogFile/binlogPos (where the binlog-stream rows begin); the password comes from {@value
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
            case "flinkx", "official" -> sql(job, impl);
            case "flinkx-sync" -> sql(job, "flinkx");
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
                        + BenchData.flinkColumns(!source.equals("datagen"))
                        + ") WITH ("
                        + sourceOptions(source, impl)
                        + ")");
        tEnv.executeSql(
                "CREATE TABLE dst ("
                        + BenchData.flinkColumns(upsert)
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

    private String sourceOptions(String db, String impl) {
        if (db.equals("datagen")) {
            return BenchData.datagenOptions(rows);
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
                        .setTypeInformation(rowType())
                        .setResultSetFetchSize(1024)
                        .setAutoCommit(false);
        if (parallelism > 1) {
            source.setJdbcParameterValuesProvider(
                    new JdbcNumericBetweenParametersProvider(1, rows).ofBatchNum(parallelism));
        }
        String insert =
                "INSERT INTO "
                        + args.get("target")
                        + " ("
                        + BenchData.COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        env.fromSource(source.build(), WatermarkStrategy.noWatermarks(), "official-jdbc-source")
                .sinkTo(
                        JdbcSink.<Row>builder()
                                .withExecutionOptions(
                                        JdbcExecutionOptions.builder()
                                                .withBatchSize(5000)
                                                .withBatchIntervalMs(1000)
                                                .build())
                                .withQueryStatement(
                                        insert,
                                        (ps, row) -> {
                                            for (int i = 0; i < row.getArity(); i++) {
                                                ps.setObject(i + 1, row.getField(i));
                                            }
                                        })
                                .buildAtLeastOnce(
                                        new JdbcConnectionOptions.JdbcConnectionOptionsBuilder()
                                                .withUrl(referenceWriteUrl(ends[1]))
                                                .withUsername(args.get("user"))
                                                .withPassword(args.get("password"))
                                                .build()));
        return env.execute("official " + job).getNetRuntime();
    }

    private static TypeInformation<Row> rowType() {
        return Types.ROW(
                Types.LONG,
                Types.INT,
                Types.LONG,
                Types.DOUBLE,
                Types.BIG_DEC,
                Types.STRING,
                Types.STRING,
                Types.STRING,
                Types.BOOLEAN,
                Types.SQL_DATE,
                Types.SQL_TIMESTAMP,
                Types.INT);
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

    private void plain(String job) throws Exception {
        switch (job) {
            case "mariadb-blackhole" -> plainRead(url("mariadb"));
            case "pg-blackhole" -> plainRead(url("pg"));
            case "datagen-mariadb" -> plainWrite("mariadb", false);
            case "upsert-mariadb" -> plainWrite("mariadb", true);
            default -> throw new IllegalArgumentException("no plain variant of " + job);
        }
    }

    /** A streaming SELECT reading every column with its typed getter. */
    private void plainRead(String url) throws Exception {
        long count = 0;
        try (Connection c =
                DriverManager.getConnection(url, args.get("user"), args.get("password"))) {
            c.setAutoCommit(false);
            try (Statement s =
                    c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                s.setFetchSize(1024);
                try (ResultSet rs =
                        s.executeQuery(
                                "SELECT " + BenchData.COLUMNS + " FROM " + args.get("source"))) {
                    long sink = 0;
                    while (rs.next()) {
                        sink +=
                                rs.getLong(1)
                                        + rs.getInt(2)
                                        + rs.getLong(3)
                                        + (long) rs.getDouble(4);
                        sink += rs.getBigDecimal(5).scale();
                        sink += rs.getString(6).length();
                        String longValue = rs.getString(7);
                        sink += longValue == null ? 0 : longValue.length();
                        sink += rs.getString(8).length();
                        sink += rs.getBoolean(9) ? 1 : 0;
                        sink += rs.getObject(10, LocalDate.class).getDayOfMonth();
                        LocalDateTime ts = rs.getObject(11, LocalDateTime.class);
                        sink += ts == null ? 0 : ts.getNano();
                        sink += rs.getInt(12);
                        count++;
                    }
                    if (sink == 42) {
                        System.out.println(); // keeps the reads from being optimised away
                    }
                }
            }
            c.commit();
        }
        if (count != rows) {
            throw new IllegalStateException("read " + count + " rows, expected " + rows);
        }
    }

    /** Batched INSERTs of 5000 rows, rewritten into multi-row statements by the driver. */
    private void plainWrite(String db, boolean upsert) throws Exception {
        String sql =
                "INSERT INTO "
                        + args.get("target")
                        + " ("
                        + BenchData.COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        if (upsert) {
            sql +=
                    " ON DUPLICATE KEY UPDATE c_int = VALUES(c_int), c_bigint = VALUES(c_bigint),"
                            + " c_double = VALUES(c_double), c_decimal = VALUES(c_decimal),"
                            + " c_short = VALUES(c_short), c_long = VALUES(c_long), c_text = VALUES(c_text),"
                            + " c_bool = VALUES(c_bool), c_date = VALUES(c_date), c_ts = VALUES(c_ts),"
                            + " c_nint = VALUES(c_nint)";
        }
        try (Connection c =
                        DriverManager.getConnection(
                                referenceWriteUrl(db), args.get("user"), args.get("password"));
                PreparedStatement ps = c.prepareStatement(sql)) {
            c.setAutoCommit(false);
            for (long id = 1; id <= rows; id++) {
                ps.setLong(1, id);
                ps.setInt(2, (int) BenchData.cInt(id));
                ps.setLong(3, id * 1_000_003);
                ps.setDouble(4, id / 7.0);
                ps.setBigDecimal(5, BenchData.cDecimal(id));
                ps.setString(6, BenchData.cShort(id));
                ps.setString(7, BenchData.cLong(id));
                ps.setString(8, BenchData.cText(id));
                ps.setBoolean(9, id % 2 == 0);
                ps.setObject(10, BenchData.cDate(id));
                ps.setObject(11, BenchData.cTs(id));
                ps.setObject(12, BenchData.cNint(id));
                ps.addBatch();
                if (id % 5000 == 0) {
                    ps.executeBatch();
                    c.commit();
                }
            }
            ps.executeBatch();
            c.commit();
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
