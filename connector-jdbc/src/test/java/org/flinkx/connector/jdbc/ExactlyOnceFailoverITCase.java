package org.flinkx.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.flinkx.connector.common.options.RateLimit;
import org.flinkx.connector.jdbc.sink.JdbcSink;
import org.flinkx.connector.jdbc.source.JdbcSource;
import org.flinkx.connector.jdbc.source.JdbcSourceBuilder;
import org.flinkx.connector.jdbc.testutils.DatabaseServer;
import org.flinkx.connector.jdbc.testutils.FailingMapper;
import org.flinkx.connector.jdbc.testutils.FailingMapper.FailurePoint;
import org.flinkx.connector.jdbc.testutils.MariaDbServer;
import org.flinkx.connector.jdbc.testutils.PostgresServer;
import org.flinkx.connector.jdbc.testutils.TestClusters;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A JDBC → JDBC job with exactly-once fails mid-run; after recovery the target equals the source
 * row by row (the target has no key, so a duplicate would show) and the source re-read only rows
 * after the offsets of the checkpoint it restored from. Also when the job declares no key and no
 * partition column (a Flink DDL without PRIMARY KEY): the source finds the table's key itself, and
 * for a table whose primary key has several columns ({@code (tenant, seq)}, many rows a tenant): it
 * is split on {@code tenant} and resumed after the whole key of the last row.
 */
class ExactlyOnceFailoverITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = TestClusters.withSlots(4);

    private static final int ROWS = 3000;
    private static final RowType ROW_TYPE =
            (RowType)
                    DataTypes.ROW(
                                    DataTypes.FIELD("id", DataTypes.BIGINT().notNull()),
                                    DataTypes.FIELD("payload", DataTypes.STRING()))
                            .getLogicalType();

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("postgresql", FailurePoint.AFTER_CHECKPOINT, true),
                Arguments.of("postgresql", FailurePoint.BETWEEN_CHECKPOINT_AND_COMMIT, true),
                Arguments.of("postgresql", FailurePoint.AFTER_CHECKPOINT, false),
                Arguments.of("mariadb", FailurePoint.AFTER_CHECKPOINT, true),
                Arguments.of("mariadb", FailurePoint.BETWEEN_CHECKPOINT_AND_COMMIT, true),
                Arguments.of("mariadb", FailurePoint.AFTER_CHECKPOINT, false));
    }

    private static DatabaseServer server(String kind) {
        DatabaseServer server =
                kind.equals("postgresql") ? PostgresServer.get() : MariaDbServer.get();
        server.createDatabase("flinkx");
        return server;
    }

    @ParameterizedTest(name = "{0} failing {1}, partition column given: {2}")
    @MethodSource("cases")
    void targetEqualsSourceAfterRecovery(
            String kind, FailurePoint point, boolean partitionColumnGiven) throws Exception {
        DatabaseServer server = server(kind);
        String suffix =
                kind.substring(0, 2)
                        + "_"
                        + point.ordinal()
                        + (partitionColumnGiven ? "p" : "n")
                        + "_"
                        + (System.nanoTime() % 100000);
        String src = "eo_src_" + suffix;
        String dst = "eo_dst_" + suffix;
        try (Connection c = server.connect("flinkx");
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE "
                            + src
                            + " (id BIGINT NOT NULL PRIMARY KEY, payload VARCHAR(64))");
            s.execute("CREATE TABLE " + dst + " (id BIGINT NOT NULL, payload VARCHAR(64))");
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO " + src + " VALUES (?, ?)")) {
                for (int i = 0; i < ROWS; i++) {
                    ps.setLong(1, i);
                    ps.setString(2, i % 11 == 0 ? null : "payload-" + i);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        FailingMapper.reset(point, point == FailurePoint.AFTER_CHECKPOINT ? ROWS / 2 : ROWS / 3);

        StreamExecutionEnvironment env = TestClusters.restartingEnvironment(2, 150);

        JdbcSourceBuilder builder =
                JdbcSource.builder()
                        .url(server.jdbcUrl("flinkx"))
                        .username(server.user())
                        .password(server.password())
                        .table(src)
                        .rowType(ROW_TYPE)
                        .fetchSize(50)
                        // slow enough that several checkpoints happen while reading
                        .rateLimit(new RateLimit(600, 0));
        if (partitionColumnGiven) {
            builder.partitionColumn("id").partitions(4);
        }
        JdbcSource source = builder.build();
        JdbcSink sink =
                JdbcSink.builder()
                        .url(server.jdbcUrl("flinkx"))
                        .username(server.user())
                        .password(server.password())
                        .table(dst)
                        .rowType(ROW_TYPE)
                        .deliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                        .transactionPrefix("eo" + suffix)
                        .build();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "jdbc-source")
                .returns(source.getProducedType())
                .map(new FailingMapper())
                .returns(source.getProducedType())
                .sinkTo(sink);
        env.execute("exactly-once failover " + kind + " " + point);

        assertThat(FailingMapper.failed).as("the injected failure happened").isTrue();
        assertThat(server.query("flinkx", "SELECT id, payload FROM " + dst + " ORDER BY id"))
                .hasSize(ROWS)
                .isEqualTo(
                        server.query("flinkx", "SELECT id, payload FROM " + src + " ORDER BY id"));

        // Rows read after recovery are only those after the restored checkpoint's offsets.
        assertThat(FailingMapper.seenAfterRecovery)
                .doesNotContainAnyElementsOf(FailingMapper.seenAtRestoredCheckpoint());
        assertThat(FailingMapper.seenAfterRecovery.size()).isLessThan(ROWS);
        try (Connection c = server.connect("flinkx");
                Statement s = c.createStatement()) {
            // no prepared transaction of this job is left behind
            String leftovers =
                    kind.equals("postgresql")
                            ? "SELECT COUNT(*) FROM pg_prepared_xacts"
                            : "XA RECOVER";
            try (ResultSet rs = s.executeQuery(leftovers)) {
                if (kind.equals("postgresql")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isZero();
                } else {
                    assertThat(rs.next()).isFalse();
                }
            }
        }
    }

    private static final int TENANTS = 12;

    /** Not a multiple of the fetch size, so a checkpoint rarely falls between two tenants. */
    private static final int ROWS_PER_TENANT = 233;

    private static final RowType COMPOSITE_TYPE =
            (RowType)
                    DataTypes.ROW(
                                    DataTypes.FIELD("tenant", DataTypes.BIGINT().notNull()),
                                    DataTypes.FIELD("seq", DataTypes.INT().notNull()),
                                    DataTypes.FIELD("payload", DataTypes.STRING()))
                            .getLogicalType();

    static Stream<Arguments> compositeCases() {
        return Stream.of(
                Arguments.of("postgresql", true),
                Arguments.of("postgresql", false),
                Arguments.of("mariadb", false));
    }

    private static long compositeId(long tenant, long seq) {
        return tenant * 1_000_000L + seq;
    }

    /**
     * A table keyed by {@code (tenant BIGINT, seq INT)} with 250 rows a tenant and no other unique
     * column, read at parallelism 2 (two splits on {@code tenant}) into an exactly-once target
     * without a key, failing mid-read: the target equals the source row by row, and after the
     * recovery only rows after the restored checkpoint's whole-key offsets are read, which for some
     * tenant begins in the middle of its rows (a resume by {@code tenant} alone would read them
     * again or skip them). PostgreSQL reads through COPY and through a cursor.
     */
    @ParameterizedTest(name = "{0}, bulk read: {1}")
    @MethodSource("compositeCases")
    void aCompositeKeyTableResumesAfterTheWholeKeyOfTheLastRow(String kind, boolean bulkRead)
            throws Exception {
        DatabaseServer server = server(kind);
        String suffix =
                kind.substring(0, 2) + (bulkRead ? "b" : "c") + "_" + System.nanoTime() % 100000;
        String src = "eo_ck_src_" + suffix;
        String dst = "eo_ck_dst_" + suffix;
        int rows = TENANTS * ROWS_PER_TENANT;
        try (Connection c = server.connect("flinkx");
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE "
                            + src
                            + " (tenant BIGINT NOT NULL, seq INT NOT NULL, payload VARCHAR(64), "
                            + "PRIMARY KEY (tenant, seq))");
            s.execute(
                    "CREATE TABLE "
                            + dst
                            + " (tenant BIGINT NOT NULL, seq INT NOT NULL, payload VARCHAR(64))");
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO " + src + " VALUES (?, ?, ?)")) {
                // seq descending within a tenant in insertion order: the read order is the key's
                for (int seq = ROWS_PER_TENANT - 1; seq >= 0; seq--) {
                    for (int tenant = 1; tenant <= TENANTS; tenant++) {
                        ps.setLong(1, tenant * 10L);
                        ps.setInt(2, seq);
                        ps.setString(3, seq % 11 == 0 ? null : "payload-" + tenant + "-" + seq);
                        ps.addBatch();
                    }
                }
                ps.executeBatch();
            }
        }
        FailingMapper.reset(
                FailurePoint.AFTER_CHECKPOINT,
                rows / 2,
                row -> compositeId(row.getLong(0), row.getInt(1)));

        StreamExecutionEnvironment env = TestClusters.restartingEnvironment(2, 150);
        JdbcSource source =
                JdbcSource.builder()
                        .url(server.jdbcUrl("flinkx"))
                        .username(server.user())
                        .password(server.password())
                        .table(src)
                        .rowType(COMPOSITE_TYPE)
                        .fetchSize(50)
                        .bulkRead(bulkRead)
                        .rateLimit(new RateLimit(600, 0))
                        .build();
        JdbcSink sink =
                JdbcSink.builder()
                        .url(server.jdbcUrl("flinkx"))
                        .username(server.user())
                        .password(server.password())
                        .table(dst)
                        .rowType(COMPOSITE_TYPE)
                        .deliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                        .transactionPrefix("eock" + suffix)
                        .build();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "jdbc-source")
                .returns(source.getProducedType())
                .map(new FailingMapper())
                .returns(source.getProducedType())
                .sinkTo(sink);
        env.execute("exactly-once failover, composite key, " + kind);

        assertThat(FailingMapper.failed).as("the injected failure happened").isTrue();
        String columns = "SELECT tenant, seq, payload FROM ";
        assertThat(server.query("flinkx", columns + dst + " ORDER BY tenant, seq"))
                .hasSize(rows)
                .isEqualTo(server.query("flinkx", columns + src + " ORDER BY tenant, seq"));

        Set<Long> atCheckpoint = FailingMapper.seenAtRestoredCheckpoint();
        Set<Long> afterRecovery = FailingMapper.seenAfterRecovery;
        assertThat(atCheckpoint).as("rows passed before the restored checkpoint").isNotEmpty();
        assertThat(afterRecovery).doesNotContainAnyElementsOf(atCheckpoint);
        assertThat(afterRecovery.size()).isLessThan(rows);
        // a tenant read again from its first row would mean a resume by tenant alone
        Map<Long, Long> firstSeqAfterRecovery = new HashMap<>();
        for (long id : afterRecovery) {
            firstSeqAfterRecovery.merge(id / 1_000_000L, id % 1_000_000L, Math::min);
        }
        assertThat(firstSeqAfterRecovery.values())
                .as("some tenant was resumed in the middle of its rows: %s", firstSeqAfterRecovery)
                .anyMatch(seq -> seq > 0);
    }
}
