package org.flinkx.connector.hdfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.flinkx.connector.common.options.RateLimit;
import org.flinkx.connector.hdfs.config.FileFormat;
import org.flinkx.connector.hdfs.sink.HdfsSink;
import org.flinkx.connector.hdfs.source.HdfsSource;
import org.flinkx.connector.hdfs.testutils.HdfsServer;
import org.flinkx.connector.jdbc.sink.JdbcSink;
import org.flinkx.connector.jdbc.source.JdbcSource;
import org.flinkx.connector.jdbc.testutils.DatabaseServer;
import org.flinkx.connector.jdbc.testutils.FailingMapper;
import org.flinkx.connector.jdbc.testutils.FailingMapper.FailurePoint;
import org.flinkx.connector.jdbc.testutils.PostgresServer;
import org.flinkx.connector.jdbc.testutils.TestClusters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Failures injected into running jobs, checked row by row afterwards: a JDBC → HDFS job with the
 * exactly-once file sink publishes exactly the source rows and leaves no temporary file behind; an
 * HDFS → JDBC job resumes its splits at the checkpointed positions and the exactly-once target
 * holds every line once.
 */
class HdfsFailoverITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.withSlots(4);

    private static final int ROWS = 3000;
    private static final RowType ROW_TYPE =
            (RowType)
                    DataTypes.ROW(
                                    DataTypes.FIELD("id", DataTypes.BIGINT().notNull()),
                                    DataTypes.FIELD("payload", DataTypes.STRING()),
                                    DataTypes.FIELD("amount", DataTypes.DECIMAL(12, 2)))
                            .getLogicalType();

    static Stream<Arguments> sinkCases() {
        return Stream.of(
                Arguments.of(FileFormat.PARQUET, FailurePoint.AFTER_CHECKPOINT),
                Arguments.of(FileFormat.PARQUET, FailurePoint.BETWEEN_CHECKPOINT_AND_COMMIT),
                Arguments.of(FileFormat.TEXT, FailurePoint.AFTER_CHECKPOINT),
                Arguments.of(FileFormat.TEXT, FailurePoint.BETWEEN_CHECKPOINT_AND_COMMIT));
    }

    private static DatabaseServer postgres() {
        DatabaseServer server = PostgresServer.get();
        server.createDatabase("flinkx");
        return server;
    }

    @ParameterizedTest(name = "{0} failing {1}")
    @MethodSource("sinkCases")
    void jdbcToHdfsPublishesExactlyTheSourceRows(FileFormat format, FailurePoint point)
            throws Exception {
        DatabaseServer pg = postgres();
        String table =
                "hdfs_src_"
                        + format.ordinal()
                        + "_"
                        + point.ordinal()
                        + "_"
                        + (System.nanoTime() % 100000);
        try (Connection c = pg.connect("flinkx");
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE "
                            + table
                            + " (id BIGINT NOT NULL PRIMARY KEY, payload VARCHAR(64), amount NUMERIC(12, 2))");
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?)")) {
                for (int i = 0; i < ROWS; i++) {
                    ps.setLong(1, i);
                    ps.setString(
                            2,
                            i % 11 == 0
                                    ? null
                                    : "payload-" + i + (i % 7 == 0 ? "\tsepärated\n" : ""));
                    ps.setBigDecimal(3, new java.math.BigDecimal(i).movePointLeft(2));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        String path = HdfsServer.uri() + "/failover/" + table;
        FailingMapper.reset(point, ROWS / 2);

        StreamExecutionEnvironment env = TestClusters.restartingEnvironment(2, 150);
        JdbcSource source =
                JdbcSource.builder()
                        .url(pg.jdbcUrl("flinkx"))
                        .username(pg.user())
                        .password(pg.password())
                        .table(table)
                        .rowType(ROW_TYPE)
                        .partitionColumn("id")
                        .partitions(4)
                        .fetchSize(50)
                        // slow enough that several checkpoints happen while reading
                        .rateLimit(new RateLimit(600, 0))
                        .build();
        HdfsSink sink =
                HdfsSink.builder()
                        .path(path)
                        .rowType(ROW_TYPE)
                        .format(format)
                        // small files: several roll between checkpoints
                        .rollingPolicy(4 * 1024, Duration.ofMinutes(30), Duration.ofMinutes(1))
                        .build();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "jdbc-source")
                .returns(source.getProducedType())
                .map(new FailingMapper())
                .returns(source.getProducedType())
                .sinkTo(sink);
        env.execute("jdbc to hdfs failover " + format + " " + point);

        assertThat(FailingMapper.failed).as("the injected failure happened").isTrue();
        List<String> expected = new ArrayList<>();
        for (List<String> row :
                pg.query("flinkx", "SELECT id, payload, amount FROM " + table + " ORDER BY id")) {
            expected.add(
                    String.join(
                            "|",
                            String.valueOf(row.get(0)),
                            String.valueOf(row.get(1)),
                            String.valueOf(row.get(2))));
        }
        assertThat(readBack(path, format)).hasSize(ROWS).isEqualTo(expected);
        assertThat(HdfsRoundTripITCase.filesUnder(path + "/.data")).as("temporary files").isEmpty();
    }

    private static List<String> readBack(String path, FileFormat format) throws Exception {
        StreamExecutionEnvironment env = TestClusters.environment(2);
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        HdfsSource source =
                HdfsSource.builder().path(path).rowType(ROW_TYPE).format(format).build();
        List<String> rows = new ArrayList<>();
        try (CloseableIterator<String> it =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "read")
                        .map(
                                row ->
                                        row.getLong(0)
                                                + "|"
                                                + (row.isNullAt(1)
                                                        ? "null"
                                                        : row.getString(1).toString())
                                                + "|"
                                                + row.getDecimal(2, 12, 2))
                        .returns(org.apache.flink.api.common.typeinfo.Types.STRING)
                        .executeAndCollect()) {
            it.forEachRemaining(rows::add);
        }
        rows.sort(Comparator.comparingLong(r -> Long.parseLong(r.substring(0, r.indexOf('|')))));
        return rows;
    }

    @Test
    void hdfsToJdbcResumesSplitsAtTheirPositions() throws Exception {
        DatabaseServer pg = postgres();
        String table = "hdfs_dst_" + (System.nanoTime() % 100000);
        try (Connection c = pg.connect("flinkx");
                Statement s = c.createStatement()) {
            // no key: a row written twice would show
            s.execute(
                    "CREATE TABLE "
                            + table
                            + " (id BIGINT NOT NULL, payload VARCHAR(64), amount NUMERIC(12, 2))");
        }
        String path = HdfsServer.uri() + "/failover-source/" + table;
        try (FileSystem fs = HdfsServer.fileSystem()) {
            for (int file = 0; file < 3; file++) {
                try (FSDataOutputStream out = fs.create(new Path(path, "data-" + file + ".txt"))) {
                    for (int i = file; i < ROWS; i += 3) {
                        String line =
                                i
                                        + "\u0001payload-"
                                        + i
                                        + "\u0001"
                                        + new java.math.BigDecimal(i).movePointLeft(2)
                                        + "\n";
                        out.write(line.getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
        }
        FailingMapper.reset(FailurePoint.AFTER_CHECKPOINT, ROWS / 2);

        StreamExecutionEnvironment env = TestClusters.restartingEnvironment(2, 150);
        HdfsSource source =
                HdfsSource.builder()
                        .path(path)
                        .rowType(ROW_TYPE)
                        .format(FileFormat.TEXT)
                        // several splits per file, so that restored splits start mid-file
                        .splitSize(4 * 1024)
                        .batchSize(16)
                        .rateLimit(new RateLimit(600, 0))
                        .build();
        JdbcSink sink =
                JdbcSink.builder()
                        .url(pg.jdbcUrl("flinkx"))
                        .username(pg.user())
                        .password(pg.password())
                        .table(table)
                        .rowType(ROW_TYPE)
                        .deliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                        .transactionPrefix("hdfs" + table)
                        .build();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "hdfs-source")
                .returns(source.getProducedType())
                .map(new FailingMapper())
                .returns(source.getProducedType())
                .sinkTo(sink);
        env.execute("hdfs to jdbc failover");

        assertThat(FailingMapper.failed).as("the injected failure happened").isTrue();
        List<List<String>> rows =
                pg.query("flinkx", "SELECT id, payload, amount FROM " + table + " ORDER BY id");
        assertThat(rows).hasSize(ROWS);
        for (int i = 0; i < ROWS; i++) {
            assertThat(rows.get(i))
                    .containsExactly(
                            String.valueOf(i),
                            "payload-" + i,
                            new java.math.BigDecimal(i).movePointLeft(2).toPlainString());
        }
        // After the restore only lines after the checkpointed positions were read again.
        assertThat(FailingMapper.seenAfterRecovery)
                .doesNotContainAnyElementsOf(FailingMapper.seenAtRestoredCheckpoint());
        assertThat(FailingMapper.seenAfterRecovery.size()).isLessThan(ROWS);
    }
}
