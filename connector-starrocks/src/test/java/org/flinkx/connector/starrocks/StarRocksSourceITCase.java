package org.flinkx.connector.starrocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.flinkx.connector.jdbc.testutils.FailingMapper;
import org.flinkx.connector.jdbc.testutils.FailingMapper.FailurePoint;
import org.flinkx.connector.jdbc.testutils.MariaDbServer;
import org.flinkx.connector.jdbc.testutils.TestClusters;
import org.flinkx.connector.starrocks.sink.StarRocksSink;
import org.flinkx.connector.starrocks.testserver.StarRocksTestServer;
import org.flinkx.connector.starrocks.testserver.TableModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code flinkx-starrocks} as a scan source and lookup table. No StarRocks server runs here: the
 * table lives in a real MariaDB server, read over the MySQL protocol exactly as the FE's port 9030
 * is read, with the JDBC URL a StarRocks user writes ({@code jdbc:mysql://...}). StarRocks' own
 * types are stood in for by the text it sends for them: LARGEINT as digits, JSON as its text, ARRAY
 * as JSON arrays (MariaDB text columns holding what StarRocks' MySQL port returns).
 */
class StarRocksSourceITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.withSlots(4);

    private static final int ROWS = 300;
    private static final String DB = "sr_read";

    /** Declared in another order than the server's columns. */
    private static final String COLUMNS =
            "name STRING, tags ARRAY<STRING>, id BIGINT, scores ARRAY<INT>, created TIMESTAMP(6), "
                    + "big_id STRING, amount DECIMAL(12, 2), order_day DATE, flag BOOLEAN, "
                    + "doc STRING, PRIMARY KEY (id) NOT ENFORCED";

    private static MariaDbServer maria;

    @BeforeAll
    static void createTable() throws Exception {
        maria = MariaDbServer.get();
        maria.createDatabase(DB);
        try (Connection c = maria.connect(DB);
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS orders");
            s.execute(
                    "CREATE TABLE orders (id BIGINT PRIMARY KEY, big_id VARCHAR(40), "
                            + "amount DECIMAL(12,2), created DATETIME(6), order_day DATE, "
                            + "flag TINYINT(1), doc TEXT, tags TEXT, scores TEXT, name VARCHAR(64))");
            try (PreparedStatement insert =
                    c.prepareStatement(
                            "INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 1; i <= ROWS; i++) {
                    insert.setLong(1, i);
                    insert.setString(2, bigId(i));
                    insert.setBigDecimal(3, amount(i));
                    insert.setObject(4, created(i));
                    insert.setObject(5, day(i));
                    insert.setBoolean(6, flag(i));
                    insert.setString(7, "{\"k\": " + i + "}");
                    insert.setString(
                            8, i % 11 == 0 ? null : "[\"a" + i + "\",\"b," + i + "\",null]");
                    insert.setString(9, "[" + i + ",null," + (2 * i) + "]");
                    insert.setString(10, name(i));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
    }

    @AfterAll
    static void dropTable() throws Exception {
        try (Connection c = maria.connect(DB);
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS orders");
        }
    }

    @Test
    void readsEveryRowThroughParallelSplitsWithTheStarRocksTypes() throws Exception {
        TableEnvironment tEnv = batch();
        tEnv.executeSql(table("sr", "'scan.partition.num' = '4', 'scan-url' = '127.0.0.1:8030'"));

        List<Row> rows = collect(tEnv, "SELECT * FROM sr");

        List<Row> expected = new ArrayList<>();
        for (int i = 1; i <= ROWS; i++) {
            expected.add(
                    Row.of(
                            name(i),
                            i % 11 == 0 ? null : new String[] {"a" + i, "b," + i, null},
                            (long) i,
                            new Integer[] {i, null, 2 * i},
                            created(i),
                            bigId(i),
                            amount(i),
                            day(i),
                            flag(i),
                            "{\"k\": " + i + "}"));
        }
        rows.sort(Comparator.comparingLong(r -> (Long) r.getField(2)));
        assertThat(rows).containsExactlyElementsOf(expected);
    }

    @Test
    void projectionFilterAndTheStarRocksScanFilterArePushedTogether() throws Exception {
        TableEnvironment tEnv = batch();
        tEnv.executeSql(table("sr", "'scan.filter' = 'id <= 100'"));

        List<Row> rows =
                collect(
                        tEnv,
                        "SELECT amount, id FROM sr WHERE flag AND name IS NOT NULL AND id > 10");

        List<Row> expected = new ArrayList<>();
        for (int i = 11; i <= 100; i++) {
            if (flag(i) && name(i) != null) {
                expected.add(Row.of(amount(i), (long) i));
            }
        }
        assertThat(rows).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(tEnv.explainSql("SELECT amount, id FROM sr WHERE id > 10"))
                .as("the filter reaches the source")
                .contains("filter=[");
    }

    @Test
    void lookupJoinWithTheStarRocksCacheKeysAndMetadataColumns() throws Exception {
        TableEnvironment tEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        tEnv.getConfig().set("parallelism.default", "2");
        tEnv.executeSql(
                "CREATE TABLE probes (customer BIGINT, seq BIGINT, proc AS PROCTIME()) WITH ("
                        + "'connector' = 'datagen', 'number-of-rows' = '60', "
                        + "'fields.seq.kind' = 'sequence', 'fields.seq.start' = '1', "
                        + "'fields.seq.end' = '60', 'fields.customer.min' = '1', "
                        + "'fields.customer.max' = '"
                        + (ROWS + 20)
                        + "')");
        tEnv.executeSql(
                "CREATE TABLE sr (origin_table STRING METADATA FROM 'table_name' VIRTUAL, "
                        + COLUMNS
                        + ", origin_db STRING METADATA FROM 'database_name' VIRTUAL) WITH ("
                        + options()
                        + ", 'lookup.cache.max-rows' = '100', 'lookup.cache.ttl-ms' = '60000')");
        List<Row> rows =
                collect(
                        tEnv,
                        "SELECT p.seq, p.customer, s.name, s.scores, s.origin_db, s.origin_table "
                                + "FROM probes AS p "
                                + "JOIN sr FOR SYSTEM_TIME AS OF p.proc AS s ON p.customer = s.id "
                                + "WHERE s.amount > 20");

        assertThat(rows).isNotEmpty();
        for (Row row : rows) {
            int customer = ((Long) row.getField(1)).intValue();
            assertThat(customer).isBetween(1, ROWS);
            assertThat(amount(customer)).isGreaterThan(BigDecimal.valueOf(20));
            assertThat(row.getField(2)).isEqualTo(name(customer));
            assertThat((Integer[]) row.getField(3)).containsExactly(customer, null, 2 * customer);
            assertThat(row.getField(4)).isEqualTo(DB);
            assertThat(row.getField(5)).isEqualTo("orders");
        }
    }

    @Test
    void aReadFailedMidRunResumesFromItsSplitOffsets() throws Exception {
        try (StarRocksTestServer starRocks = StarRocksTestServer.start("root", "pw", 1)) {
            starRocks.createTable(
                    "lake",
                    "orders",
                    List.of("id BIGINT", "name VARCHAR(100)", "amount DECIMAL(12, 2)"),
                    List.of("id"),
                    TableModel.DUPLICATE_KEY);
            FailingMapper.reset(FailurePoint.AFTER_CHECKPOINT, ROWS / 2);
            StreamExecutionEnvironment env = TestClusters.restartingEnvironment(2, 100);
            StreamTableEnvironment tEnv = StreamTableEnvironment.create(env);
            tEnv.executeSql(
                    table(
                            "sr",
                            "'scan.partition.num' = '3', 'scan.rate-limit.records-per-second' = '200',"
                                    + " 'scan.fetch-size' = '10'"));
            RowType type =
                    (RowType)
                            DataTypes.ROW(
                                            DataTypes.FIELD("id", DataTypes.BIGINT()),
                                            DataTypes.FIELD("name", DataTypes.STRING()),
                                            DataTypes.FIELD("amount", DataTypes.DECIMAL(12, 2)))
                                    .getLogicalType();
            tEnv.toDataStream(tEnv.sqlQuery("SELECT id, name, amount FROM sr"))
                    .map(
                            row ->
                                    (RowData)
                                            GenericRowData.of(
                                                    row.getField(0),
                                                    StringData.fromString((String) row.getField(1)),
                                                    DecimalData.fromBigDecimal(
                                                            (BigDecimal) row.getField(2), 12, 2)))
                    .returns(InternalTypeInfo.of(type))
                    .map(new FailingMapper())
                    .returns(InternalTypeInfo.of(type))
                    .sinkTo(
                            StarRocksSink.builder()
                                    .loadUrl(starRocks.feAddress())
                                    .database("lake")
                                    .table("orders")
                                    .username("root")
                                    .password("pw")
                                    .rowType(type)
                                    .deliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                                    .property("format", "json")
                                    .build());
            env.execute("starrocks read, failed mid-run");

            assertThat(FailingMapper.failed).as("the injected failure happened").isTrue();
            assertThat(FailingMapper.seenAtRestoredCheckpoint())
                    .as("rows behind the restored checkpoint")
                    .isNotEmpty()
                    .hasSizeLessThan(ROWS);
            Set<Long> reread =
                    FailingMapper.seenAfterRecovery.stream()
                            .filter(FailingMapper.seenAtRestoredCheckpoint()::contains)
                            .collect(Collectors.toSet());
            assertThat(reread).as("rows of the restored checkpoint read again").isEmpty();
            List<List<String>> loaded = new ArrayList<>();
            for (Map<String, String> row : starRocks.rows("lake", "orders")) {
                loaded.add(Arrays.asList(row.get("id"), row.get("name"), row.get("amount")));
            }
            loaded.sort(Comparator.comparingLong(r -> Long.parseLong(r.get(0))));
            List<List<String>> expected =
                    maria.query(DB, "SELECT id, name, amount FROM orders ORDER BY id");
            assertThat(loaded).isEqualTo(expected);
            assertThat(starRocks.openTransactions()).as("transactions left open").isEmpty();
        }
    }

    @Test
    void readingOptionsAreCheckedAtPlanning() {
        TableEnvironment tEnv = batch();
        tEnv.executeSql(
                "CREATE TABLE no_jdbc_url (id BIGINT) WITH ('connector' = 'flinkx-starrocks', "
                        + "'load-url' = '127.0.0.1:8030', 'database-name' = 'd', "
                        + "'table-name' = 't', 'username' = 'u')");
        assertThatThrownBy(() -> tEnv.explainSql("SELECT * FROM no_jdbc_url"))
                .rootCause()
                .hasMessageContaining("'jdbc-url' is required to read from StarRocks");
        tEnv.executeSql(
                "CREATE TABLE http_url (id BIGINT) WITH ('connector' = 'flinkx-starrocks', "
                        + "'jdbc-url' = 'http://fe:8030', 'database-name' = 'd', "
                        + "'table-name' = 't', 'username' = 'u')");
        assertThatThrownBy(() -> tEnv.explainSql("SELECT * FROM http_url"))
                .rootCause()
                .hasMessageContaining("'jdbc-url' must start with jdbc:mysql:");
        tEnv.executeSql(
                "CREATE TABLE bad_strategy (id BIGINT) WITH ('connector' = 'flinkx-starrocks', "
                        + "'jdbc-url' = 'jdbc:mysql://fe:9030', 'database-name' = 'd', "
                        + "'table-name' = 't', 'username' = 'u', "
                        + "'scan.partition.strategy' = 'zigzag')");
        assertThatThrownBy(() -> tEnv.explainSql("SELECT * FROM bad_strategy"))
                .rootCause()
                .hasMessageContaining("scan.partition.strategy")
                .hasMessageContaining("zigzag");
        tEnv.executeSql(
                "CREATE TABLE read_only (id BIGINT) WITH ('connector' = 'flinkx-starrocks', "
                        + "'jdbc-url' = 'jdbc:mysql://fe:9030', 'database-name' = 'd', "
                        + "'table-name' = 't', 'username' = 'u')");
        assertThatThrownBy(() -> tEnv.explainSql("INSERT INTO read_only VALUES (1)"))
                .rootCause()
                .hasMessageContaining("'load-url' is required to write into StarRocks");
    }

    @Test
    void theWrongPasswordFailsNamingTheServerWithoutThePassword() {
        TableEnvironment tEnv = batch();
        tEnv.executeSql(
                "CREATE TABLE wrong_pw ("
                        + COLUMNS
                        + ") WITH ("
                        + options().replace(maria.password(), "not-the-Secret-42")
                        + ")");
        assertThatThrownBy(() -> collect(tEnv, "SELECT * FROM wrong_pw"))
                .satisfies(
                        e -> {
                            String all = stackText(e);
                            assertThat(all).contains("127.0.0.1:" + maria.port());
                            assertThat(all).doesNotContain("not-the-Secret-42");
                        });
    }

    // ------------------------------------------------------------------ helpers

    private static TableEnvironment batch() {
        TableEnvironment tEnv = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        tEnv.getConfig().set("parallelism.default", "2");
        return tEnv;
    }

    private static String table(String name, String extraOptions) {
        return "CREATE TABLE "
                + name
                + " ("
                + COLUMNS
                + ") WITH ("
                + options()
                + (extraOptions.isEmpty() ? "" : ", " + extraOptions)
                + ")";
    }

    /** The options of a table written for the StarRocks connector (read and write). */
    private static String options() {
        return "'connector' = 'flinkx-starrocks', 'jdbc-url' = 'jdbc:mysql://127.0.0.1:"
                + maria.port()
                + "', 'load-url' = '127.0.0.1:1', 'database-name' = '"
                + DB
                + "', 'table-name' = 'orders', 'username' = '"
                + maria.user()
                + "', 'password' = '"
                + maria.password()
                + "'";
    }

    private static List<Row> collect(TableEnvironment tEnv, String query) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = tEnv.executeSql(query).collect()) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }

    private static String stackText(Throwable e) {
        java.io.StringWriter out = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }

    private static String name(int i) {
        return i % 7 == 0 ? null : "name-" + i + (i % 5 == 0 ? ", \"quoted\"" : "");
    }

    /** A LARGEINT beyond BIGINT and DECIMAL(38): 39 digits. */
    private static String bigId(int i) {
        return "170141183460469231731687303715884105" + String.format("%03d", i % 1000);
    }

    private static BigDecimal amount(int i) {
        return BigDecimal.valueOf(i * 125L, 2);
    }

    private static LocalDateTime created(int i) {
        return LocalDateTime.of(2024, 1, 1, 0, 0).plusSeconds(i).plusNanos(i * 1000L);
    }

    private static LocalDate day(int i) {
        return LocalDate.of(2024, 1, 1).plusDays(i % 365);
    }

    private static boolean flag(int i) {
        return i % 2 == 0;
    }
}
