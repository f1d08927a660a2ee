package org.flinkx.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.flinkx.connector.jdbc.source.JdbcSource;
import org.flinkx.connector.jdbc.testutils.DatabaseServer;
import org.flinkx.connector.jdbc.testutils.MariaDbServer;
import org.flinkx.connector.jdbc.testutils.PostgresServer;
import org.flinkx.connector.jdbc.testutils.TestClusters;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reads a table larger than the JVM's whole heap (this class runs in its own JVM with a small
 * {@code -Xmx}, see the pom): the result sets must stream, or the job dies of OutOfMemoryError.
 */
class StreamingReadSmallHeapITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = TestClusters.withSlots(1);

    private static final int ROWS = 300_000;
    private static final AtomicLong COUNT = new AtomicLong();

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb"})
    void readsATableLargerThanTheHeap(String kind) throws Exception {
        DatabaseServer server =
                kind.equals("postgresql") ? PostgresServer.get() : MariaDbServer.get();
        server.createDatabase("flinkx");
        String table = "big_" + kind;
        long tableBytes;
        try (Connection c = server.connect("flinkx");
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
            if (kind.equals("postgresql")) {
                s.execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, payload TEXT)");
                s.execute("ALTER TABLE " + table + " ALTER COLUMN payload SET STORAGE PLAIN");
                s.execute(
                        "INSERT INTO "
                                + table
                                + " SELECT g, repeat(md5(g::text), 32) FROM generate_series(1, "
                                + ROWS
                                + ") g");
                try (ResultSet rs =
                        s.executeQuery("SELECT pg_total_relation_size('" + table + "')")) {
                    rs.next();
                    tableBytes = rs.getLong(1);
                }
            } else {
                s.execute(
                        "CREATE TABLE "
                                + table
                                + " (id BIGINT PRIMARY KEY, payload TEXT) ENGINE=InnoDB");
                s.execute(
                        "INSERT INTO "
                                + table
                                + " SELECT seq, REPEAT(MD5(seq), 32) FROM seq_1_to_"
                                + ROWS);
                s.execute("ANALYZE TABLE " + table);
                try (ResultSet rs =
                        s.executeQuery(
                                "SELECT data_length FROM information_schema.tables WHERE table_name = '"
                                        + table
                                        + "'")) {
                    rs.next();
                    tableBytes = rs.getLong(1);
                }
            }
        }
        // The point of the test: the table does not fit into this JVM's heap.
        assertThat(tableBytes).isGreaterThan(Runtime.getRuntime().maxMemory());

        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        RowType rowType =
                (RowType)
                        DataTypes.ROW(
                                        DataTypes.FIELD("id", DataTypes.BIGINT().notNull()),
                                        DataTypes.FIELD("payload", DataTypes.STRING()))
                                .getLogicalType();
        // One split without a partition column: a single result set over the whole table.
        JdbcSource source =
                JdbcSource.builder()
                        .url(server.jdbcUrl("flinkx"))
                        .username(server.user())
                        .password(server.password())
                        .table(table)
                        .rowType(rowType)
                        .build();
        COUNT.set(0);
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "big")
                .returns(source.getProducedType())
                .map(new Counter())
                .sinkTo(new DiscardingSink<>());
        env.execute("stream " + kind);
        assertThat(COUNT.get()).isEqualTo(ROWS);
    }

    private static final class Counter implements MapFunction<RowData, Long> {
        @Override
        public Long map(RowData row) {
            return COUNT.incrementAndGet();
        }
    }
}
