package org.flinkx.connector.hdfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.flinkx.connector.common.options.RateLimit;
import org.flinkx.connector.hdfs.config.FileFormat;
import org.flinkx.connector.hdfs.sink.HdfsSink;
import org.flinkx.connector.hdfs.source.HdfsSource;
import org.flinkx.connector.hdfs.testutils.HdfsServer;
import org.flinkx.connector.jdbc.source.JdbcSource;
import org.flinkx.connector.jdbc.testutils.DatabaseServer;
import org.flinkx.connector.jdbc.testutils.PostgresServer;
import org.flinkx.connector.jdbc.testutils.TestClusters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real HDFS outage: the only data node is stopped while a JDBC → HDFS job writes, and started
 * again seconds later. The file sink does not retry a broken write: the job fails, restarts from
 * its last checkpoint (again and again while the data node is down) and, once it is back, publishes
 * exactly the source rows, with no temporary file left behind.
 */
class HdfsOutageITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.withSlots(2);

    private static final int ROWS = 3000;
    private static final RowType ROW_TYPE =
            (RowType)
                    DataTypes.ROW(
                                    DataTypes.FIELD("id", DataTypes.BIGINT().notNull()),
                                    DataTypes.FIELD("payload", DataTypes.STRING()))
                            .getLogicalType();

    @Test
    void aDataNodeStoppedMidWriteLosesAndDuplicatesNothing() throws Exception {
        DatabaseServer pg = PostgresServer.get();
        pg.createDatabase("flinkx");
        String table = "hdfs_outage_" + System.nanoTime() % 100000;
        try (Connection c = pg.connect("flinkx");
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (id BIGINT NOT NULL PRIMARY KEY, payload TEXT)");
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?)")) {
                for (int i = 0; i < ROWS; i++) {
                    ps.setLong(1, i);
                    ps.setString(2, "payload-" + i);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        String path = HdfsServer.uri() + "/outage/" + table;

        StreamExecutionEnvironment env = TestClusters.restartingThroughOutages(1);
        JdbcSource source =
                JdbcSource.builder()
                        .url(pg.jdbcUrl("flinkx"))
                        .username(pg.user())
                        .password(pg.password())
                        .table(table)
                        .rowType(ROW_TYPE)
                        .partitionColumn("id")
                        .partitions(2)
                        .rateLimit(new RateLimit(500, 0))
                        .build();
        HdfsSink sink =
                HdfsSink.builder()
                        .path(path)
                        .rowType(ROW_TYPE)
                        .format(FileFormat.TEXT)
                        .rollingPolicy(4 * 1024, Duration.ofMinutes(30), Duration.ofMinutes(1))
                        .build();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "jdbc-source")
                .returns(source.getProducedType())
                .sinkTo(sink);
        JobClient job = env.executeAsync("jdbc to hdfs through a data node outage");

        while (published(path).isEmpty()) { // a first checkpoint's commit published files
            assertThat(job.getJobStatus().get().isGloballyTerminalState())
                    .as("the job ended before it published a file")
                    .isFalse();
            Thread.sleep(100);
        }
        HdfsServer.restartDataNode(Duration.ofSeconds(3));

        assertThat(job.getJobExecutionResult().get(3, TimeUnit.MINUTES)).isNotNull();
        assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.FINISHED);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            expected.add(i + "|payload-" + i);
        }
        assertThat(readBack(path)).isEqualTo(expected);
        assertThat(HdfsRoundTripITCase.filesUnder(path + "/.data")).as("temporary files").isEmpty();
    }

    /** Files outside the sink's hidden in-progress directories. */
    private static List<String> published(String path) throws Exception {
        return HdfsRoundTripITCase.filesUnder(path).stream()
                .filter(file -> !file.substring(file.indexOf(path) + path.length()).contains("/."))
                .toList();
    }

    private static List<String> readBack(String path) throws Exception {
        StreamExecutionEnvironment env = TestClusters.environment(1);
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        HdfsSource source =
                HdfsSource.builder().path(path).rowType(ROW_TYPE).format(FileFormat.TEXT).build();
        List<String> rows = new ArrayList<>();
        try (CloseableIterator<String> it =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "read")
                        .map(row -> row.getLong(0) + "|" + row.getString(1))
                        .returns(org.apache.flink.api.common.typeinfo.Types.STRING)
                        .executeAndCollect()) {
            it.forEachRemaining(rows::add);
        }
        rows.sort(Comparator.comparingLong(r -> Long.parseLong(r.substring(0, r.indexOf('|')))));
        return rows;
    }
}
