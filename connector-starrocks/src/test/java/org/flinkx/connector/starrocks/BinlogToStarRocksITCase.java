package org.flinkx.connector.starrocks;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.flinkx.connector.binlog.config.ServerFlavor;
import org.flinkx.connector.binlog.config.StartupMode;
import org.flinkx.connector.binlog.source.BinlogSource;
import org.flinkx.connector.jdbc.testutils.FailingMapper;
import org.flinkx.connector.jdbc.testutils.FailingMapper.FailurePoint;
import org.flinkx.connector.jdbc.testutils.MariaDbServer;
import org.flinkx.connector.jdbc.testutils.RandomChanges;
import org.flinkx.connector.jdbc.testutils.TestClusters;
import org.flinkx.connector.starrocks.sink.StarRocksSink;
import org.flinkx.connector.starrocks.testserver.StarRocksTestServer;
import org.flinkx.connector.starrocks.testserver.TableModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Binlog → StarRocks primary-key table while a writer inserts, updates and deletes in MariaDB, with
 * a failure injected mid-run: the target ends equal to the source row by row, and no transaction is
 * left open on the server. Exactly-once loads CSV with {@code enclose}, at-least-once JSON.
 */
class BinlogToStarRocksITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.withSlots(4);

    private static final RowType TYPE =
            (RowType)
                    DataTypes.ROW(
                                    DataTypes.FIELD("id", DataTypes.BIGINT().notNull()),
                                    DataTypes.FIELD("name", DataTypes.STRING()),
                                    DataTypes.FIELD("amount", DataTypes.DECIMAL(10, 2)))
                            .getLogicalType();

    private static StarRocksTestServer starRocks;

    @BeforeAll
    static void start() throws Exception {
        starRocks = StarRocksTestServer.start("cdc", "pw", 2);
    }

    @AfterAll
    static void stop() {
        starRocks.close();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(
            value = DeliveryGuarantee.class,
            names = {"EXACTLY_ONCE", "AT_LEAST_ONCE"})
    void theTargetEqualsTheSourceAfterAFailureMidRun(DeliveryGuarantee guarantee) throws Exception {
        MariaDbServer maria = MariaDbServer.get();
        maria.createDatabase("cdc");
        String table = "sr_cdc_" + guarantee.ordinal() + "_" + System.nanoTime() % 100000;
        try (Connection c = maria.connect("cdc");
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE "
                            + table
                            + " (id BIGINT PRIMARY KEY, name VARCHAR(32), amount DECIMAL(10,2))");
            for (int i = 1; i <= 50; i++) {
                s.execute(
                        "INSERT INTO "
                                + table
                                + " VALUES ("
                                + i
                                + ", 'initial-"
                                + i
                                + "', "
                                + i
                                + ".25)");
            }
        }
        starRocks.createTable(
                "lake",
                table,
                List.of("id BIGINT", "name VARCHAR(100)", "amount DECIMAL(10, 2)"),
                List.of("id"),
                TableModel.PRIMARY_KEY);
        FailingMapper.reset(FailurePoint.AFTER_CHECKPOINT, 150);
        boolean exactlyOnce = guarantee == DeliveryGuarantee.EXACTLY_ONCE;

        StreamExecutionEnvironment env = TestClusters.restartingEnvironment(1, 200);
        BinlogSource source =
                BinlogSource.builder()
                        .serverFlavor(ServerFlavor.MARIADB)
                        .hostname("127.0.0.1")
                        .port(maria.port())
                        .username(maria.user())
                        .password(maria.password())
                        .tables("cdc\\." + table)
                        .rowType(TYPE)
                        .startupMode(StartupMode.INITIAL)
                        .build();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "binlog")
                .returns(InternalTypeInfo.of(TYPE))
                .map(new FailingMapper())
                .returns(InternalTypeInfo.of(TYPE))
                .sinkTo(
                        StarRocksSink.builder()
                                .loadUrl(starRocks.feAddress())
                                .database("lake")
                                .table(table)
                                .username("cdc")
                                .password("pw")
                                .rowType(TYPE)
                                .keys(List.of("id"))
                                .deliveryGuarantee(guarantee)
                                // CSV with enclose for one, JSON for the other: names hold tabs
                                // and quotes
                                .property(
                                        exactlyOnce ? "enclose" : "format",
                                        exactlyOnce ? "\"" : "json")
                                .buffer(
                                        new org.flinkx.connector.common.options.SinkBufferConfig(
                                                20,
                                                1 << 20,
                                                Duration.ofMillis(100),
                                                3,
                                                Duration.ofMillis(100)))
                                .build());
        JobClient job = env.executeAsync("binlog to starrocks " + guarantee);
        try {
            waitFor(() -> starRocks.rows("lake", table).size() == 50);
            long afterInitialRows = FailingMapper.lastCompletedBeforeFailure;
            waitFor(() -> FailingMapper.lastCompletedBeforeFailure > afterInitialRows);
            RandomChanges.apply(maria, "cdc", table, 1, 300, -1);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            for (int round = 1; !FailingMapper.failed && System.nanoTime() < deadline; round++) {
                RandomChanges.apply(maria, "cdc", table, 1000L + round, 50, -1);
            }
            assertThat(FailingMapper.failed).as("the injected failure happened").isTrue();
            RandomChanges.apply(maria, "cdc", table, 999, 200, -1); // and more after the restart

            List<List<String>> expected =
                    maria.query("cdc", "SELECT id, name, amount FROM " + table + " ORDER BY id");
            waitFor(() -> loaded(table).equals(expected));
            assertThat(loaded(table)).isEqualTo(expected);
        } finally {
            TestClusters.cancel(job);
        }
        waitFor(() -> starRocks.openTransactions().isEmpty());
        assertThat(starRocks.openTransactions()).as("transactions left open").isEmpty();
    }

    private static List<List<String>> loaded(String table) {
        List<Map<String, String>> rows = new ArrayList<>(starRocks.rows("lake", table));
        rows.sort(Comparator.comparingLong(r -> Long.parseLong(r.get("id"))));
        List<List<String>> values = new ArrayList<>();
        for (Map<String, String> row : rows) {
            values.add(Arrays.asList(row.get("id"), row.get("name"), row.get("amount")));
        }
        return values;
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    /** Waits for a condition the assertions after it check; the deadline only bounds the wait. */
    private static void waitFor(Condition condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!condition.holds() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }
}
