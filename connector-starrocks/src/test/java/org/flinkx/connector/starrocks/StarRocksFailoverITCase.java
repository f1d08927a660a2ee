package org.flinkx.connector.starrocks;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.flinkx.connector.common.options.RateLimit;
import org.flinkx.connector.jdbc.source.JdbcSource;
import org.flinkx.connector.jdbc.testutils.DatabaseServer;
import org.flinkx.connector.jdbc.testutils.FailingMapper;
import org.flinkx.connector.jdbc.testutils.FailingMapper.FailurePoint;
import org.flinkx.connector.jdbc.testutils.PostgresServer;
import org.flinkx.connector.jdbc.testutils.TestClusters;
import org.flinkx.connector.starrocks.sink.StarRocksSink;
import org.flinkx.connector.starrocks.testserver.StarRocksTestServer;
import org.flinkx.connector.starrocks.testserver.TableModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PostgreSQL → StarRocks with a failure injected into the running job, checked row by row: with
 * exactly-once into a duplicate-key table (where a row written twice would show) after a checkpoint
 * and between a checkpoint and its commit, every source row is in the target once and no
 * transaction is left open on the server; with at-least-once into a primary-key table the target
 * equals the source.
 */
class StarRocksFailoverITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.withSlots(4);

    private static final int ROWS = 3000;
    private static final String DB = "lake";
    private static final RowType ROW_TYPE =
            (RowType)
                    DataTypes.ROW(
                                    DataTypes.FIELD("id", DataTypes.BIGINT().notNull()),
                                    DataTypes.FIELD("payload", DataTypes.STRING()),
                                    DataTypes.FIELD("amount", DataTypes.DECIMAL(12, 2)))
                            .getLogicalType();

    private static StarRocksTestServer starRocks;

    @BeforeAll
    static void start() throws Exception {
        starRocks = StarRocksTestServer.start("root", "pw", 2);
    }

    @AfterAll
    static void stop() {
        starRocks.close();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(DeliveryGuarantee.EXACTLY_ONCE, FailurePoint.AFTER_CHECKPOINT),
                Arguments.of(
                        DeliveryGuarantee.EXACTLY_ONCE, FailurePoint.BETWEEN_CHECKPOINT_AND_COMMIT),
                Arguments.of(DeliveryGuarantee.AT_LEAST_ONCE, FailurePoint.AFTER_CHECKPOINT));
    }

    @ParameterizedTest(name = "{0} failing {1}")
    @MethodSource("cases")
    void theTargetEqualsTheSourceAfterAFailure(DeliveryGuarantee guarantee, FailurePoint point)
            throws Exception {
        DatabaseServer pg = PostgresServer.get();
        pg.createDatabase("flinkx");
        String table =
                "sr_src_"
                        + guarantee.ordinal()
                        + "_"
                        + point.ordinal()
                        + "_"
                        + System.nanoTime() % 100000;
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
                            2, i % 11 == 0 ? null : "payload-" + i + (i % 7 == 0 ? "\ttab\n" : ""));
                    ps.setBigDecimal(3, new BigDecimal(i).movePointLeft(2));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        boolean exactlyOnce = guarantee == DeliveryGuarantee.EXACTLY_ONCE;
        starRocks.createTable(
                DB,
                table,
                List.of("id BIGINT", "payload VARCHAR(64)", "amount DECIMAL(12, 2)"),
                List.of("id"),
                exactlyOnce ? TableModel.DUPLICATE_KEY : TableModel.PRIMARY_KEY);
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
        StarRocksSink sink =
                StarRocksSink.builder()
                        .loadUrl(starRocks.feAddress())
                        .database(DB)
                        .table(table)
                        .username("root")
                        .password("pw")
                        .rowType(ROW_TYPE)
                        .keys(exactlyOnce ? List.of() : List.of("id"))
                        .deliveryGuarantee(guarantee)
                        .property("format", "json")
                        .build();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "jdbc-source")
                .returns(source.getProducedType())
                .map(new FailingMapper())
                .returns(source.getProducedType())
                .sinkTo(sink);
        env.execute("jdbc to starrocks failover " + guarantee + " " + point);

        assertThat(FailingMapper.failed).as("the injected failure happened").isTrue();
        List<String> expected = new ArrayList<>();
        for (List<String> row :
                pg.query("flinkx", "SELECT id, payload, amount FROM " + table + " ORDER BY id")) {
            expected.add(row.get(0) + "|" + row.get(1) + "|" + row.get(2));
        }
        List<Map<String, String>> loaded = new ArrayList<>(starRocks.rows(DB, table));
        loaded.sort(Comparator.comparingLong(r -> Long.parseLong(r.get("id"))));
        List<String> actual = new ArrayList<>();
        for (Map<String, String> row : loaded) {
            actual.add(row.get("id") + "|" + row.get("payload") + "|" + row.get("amount"));
        }
        assertThat(actual).hasSize(ROWS).isEqualTo(expected);
        assertThat(starRocks.openTransactions()).as("transactions left open").isEmpty();
    }
}
