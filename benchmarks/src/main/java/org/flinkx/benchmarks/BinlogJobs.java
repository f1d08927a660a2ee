package org.flinkx.benchmarks;

import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.flinkx.connector.binlog.config.ServerFlavor;
import org.flinkx.connector.binlog.config.StartupMode;
import org.flinkx.connector.binlog.debezium.FlinkxOffsetStore;
import org.flinkx.connector.binlog.source.BinlogSource;
import org.flinkx.connector.binlog.source.BinlogSourceBuilder;

/**
 * The binlog jobs: {@code binlog-snapshot} reads the source table's initial snapshot, {@code
 * binlog-stream} reads the source table's rows as binlog inserts from a recorded position. Both run
 * until the expected number of rows has been read; the time is from submitting the job (starting
 * the engine) to the last row, then the job is cancelled. Compared: FlinkX (chunked snapshot, and
 * with Debezium's snapshot), and Debezium's embedded engine alone, no Flink.
 */
final class BinlogJobs {

    private static final AtomicLong COUNTED = new AtomicLong();
    private static volatile long expected;
    private static volatile long lastRowNanos;

    /** Counts rows in the job; notes when the last expected one passed. */
    static final class Counter implements MapFunction<RowData, RowData> {
        @Override
        public RowData map(RowData row) {
            if (COUNTED.incrementAndGet() == expected) {
                lastRowNanos = System.nanoTime();
            }
            return row;
        }
    }

    static long flinkx(
            Map<String, String> args, String job, int parallelism, long rows, boolean chunked)
            throws Exception {
        URI server = URI.create(args.get("mariaUrl").substring("jdbc:".length()));
        String database = server.getPath().substring(1);
        RowType type =
                (RowType)
                        DataTypes.ROW(
                                        DataTypes.FIELD("id", DataTypes.BIGINT()),
                                        DataTypes.FIELD("c_int", DataTypes.INT()),
                                        DataTypes.FIELD("c_bigint", DataTypes.BIGINT()),
                                        DataTypes.FIELD("c_double", DataTypes.DOUBLE()),
                                        DataTypes.FIELD("c_decimal", DataTypes.DECIMAL(18, 4)),
                                        DataTypes.FIELD("c_short", DataTypes.VARCHAR(32)),
                                        DataTypes.FIELD("c_long", DataTypes.VARCHAR(255)),
                                        DataTypes.FIELD("c_text", DataTypes.STRING()),
                                        DataTypes.FIELD("c_bool", DataTypes.BOOLEAN()),
                                        DataTypes.FIELD("c_date", DataTypes.DATE()),
                                        DataTypes.FIELD("c_ts", DataTypes.TIMESTAMP(6)),
                                        DataTypes.FIELD("c_nint", DataTypes.INT()))
                                .getLogicalType();
        BinlogSourceBuilder builder =
                BinlogSource.builder()
                        .serverFlavor(ServerFlavor.MARIADB)
                        .hostname(server.getHost())
                        .port(server.getPort())
                        .username(args.get("user"))
                        .password(args.get("password"))
                        .tables(database + "\\." + args.get("source"))
                        .rowType(type);
        if (job.equals("binlog-snapshot")) {
            builder.startupMode(StartupMode.INITIAL).snapshotChunks(chunked, 8192);
        } else {
            builder.startupSpecificOffset(
                    args.get("binlogFile"), Long.parseLong(args.get("binlogPos")));
        }
        Configuration conf = new Configuration();
        conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        env.fromSource(builder.build(), WatermarkStrategy.noWatermarks(), "binlog")
                .returns(InternalTypeInfo.of(type))
                .map(new Counter())
                .returns(InternalTypeInfo.of(type))
                .sinkTo(new DiscardingSink<>());
        expected = rows;
        COUNTED.set(0);
        lastRowNanos = 0;
        long start = System.nanoTime();
        JobClient client = env.executeAsync(job);
        while (lastRowNanos == 0) { // set right after the count reached the expected rows
            JobStatus status = client.getJobStatus().get();
            if (status.isGloballyTerminalState()) {
                client.getJobExecutionResult().get(); // throws the failure
                throw new IllegalStateException(
                        job + " ended after " + COUNTED.get() + " of " + rows + " rows");
            }
            Thread.sleep(20);
        }
        long millis = (lastRowNanos - start) / 1_000_000;
        client.cancel().get();
        return millis;
    }

    /** Debezium's embedded engine alone: the same connector and settings, records only counted. */
    static long debezium(Map<String, String> args, String job, long rows) throws Exception {
        URI server = URI.create(args.get("mariaUrl").substring("jdbc:".length()));
        String database = server.getPath().substring(1);
        Properties p = new Properties();
        p.setProperty("name", "bench-debezium");
        p.setProperty("connector.class", "io.debezium.connector.mariadb.MariaDbConnector");
        p.setProperty("database.hostname", server.getHost());
        p.setProperty("database.port", String.valueOf(server.getPort()));
        p.setProperty("database.user", args.get("user"));
        p.setProperty("database.password", args.get("password"));
        p.setProperty("database.server.id", "6543");
        p.setProperty("topic.prefix", "bench");
        p.setProperty("table.include.list", database + "\\." + args.get("source"));
        p.setProperty("include.schema.changes", "false");
        p.setProperty("decimal.handling.mode", "precise");
        p.setProperty("binary.handling.mode", "bytes");
        p.setProperty("time.precision.mode", "adaptive_time_microseconds");
        p.setProperty(
                "schema.history.internal", "io.debezium.relational.history.MemorySchemaHistory");
        p.setProperty("offset.flush.interval.ms", "60000");
        if (job.equals("binlog-snapshot")) {
            p.setProperty(
                    "offset.storage", "org.apache.kafka.connect.storage.MemoryOffsetBackingStore");
            p.setProperty("snapshot.mode", "initial");
            p.setProperty("snapshot.locking.mode", "minimal");
        } else {
            String file = args.get("binlogFile");
            long pos = Long.parseLong(args.get("binlogPos"));
            p.setProperty("offset.storage", FlinkxOffsetStore.class.getName());
            p.setProperty(FlinkxOffsetStore.PARTITION, "{\"server\":\"bench\"}");
            p.setProperty(
                    FlinkxOffsetStore.OFFSET,
                    "{\"file\":\""
                            + file
                            + "\",\"pos\":"
                            + pos
                            + ",\"gtids\":\""
                            + gtidPosition(args, file, pos)
                            + "\"}");
            p.setProperty("snapshot.mode", "recovery");
            p.setProperty("snapshot.locking.mode", "none");
        }
        AtomicLong count = new AtomicLong();
        lastRowNanos = 0;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        DebeziumEngine<RecordChangeEvent<SourceRecord>> engine =
                DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                        .using(p)
                        .notifying(
                                (records, committer) -> {
                                    for (RecordChangeEvent<SourceRecord> event : records) {
                                        if (event.record().value() instanceof Struct value
                                                && value.schema().field("op") != null
                                                && count.incrementAndGet() == rows) {
                                            lastRowNanos = System.nanoTime();
                                        }
                                        committer.markProcessed(event);
                                    }
                                    committer.markBatchFinished();
                                })
                        .using(
                                (success, message, error) -> {
                                    if (!success) {
                                        failure.set(
                                                error != null
                                                        ? error
                                                        : new IllegalStateException(message));
                                    }
                                })
                        .build();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        long start = System.nanoTime();
        executor.execute(engine);
        while (lastRowNanos == 0) {
            if (failure.get() != null) {
                throw new IllegalStateException(
                        "Debezium failed after " + count.get() + " rows", failure.get());
            }
            Thread.sleep(20);
        }
        long millis = (lastRowNanos - start) / 1_000_000;
        engine.close();
        executor.shutdown();
        executor.awaitTermination(30, TimeUnit.SECONDS);
        return millis;
    }

    private static String gtidPosition(Map<String, String> args, String file, long pos)
            throws Exception {
        try (Connection c =
                        DriverManager.getConnection(
                                args.get("mariaUrl"), args.get("user"), args.get("password"));
                PreparedStatement s = c.prepareStatement("SELECT BINLOG_GTID_POS(?, ?)")) {
            s.setString(1, file);
            s.setLong(2, pos);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private BinlogJobs() {}
}
