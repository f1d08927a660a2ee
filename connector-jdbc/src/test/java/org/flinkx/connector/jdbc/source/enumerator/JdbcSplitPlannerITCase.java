package org.flinkx.connector.jdbc.source.enumerator;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.logical.RowType;
import org.flinkx.connector.jdbc.dialect.JdbcDialects;
import org.flinkx.connector.jdbc.source.JdbcSource;
import org.flinkx.connector.jdbc.source.split.JdbcSourceSplit;
import org.flinkx.connector.jdbc.testutils.DatabaseServer;
import org.flinkx.connector.jdbc.testutils.MariaDbServer;
import org.flinkx.connector.jdbc.testutils.PostgresServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Range splits planned on real servers by the split kit: a sparse integer key and a text column
 * with repeated values and NULLs are cut into splits of about equal rows that together hold every
 * row once (NULLs in the first split), and {@code scan.where} is planned over.
 */
class JdbcSplitPlannerITCase {

    private static final RowType COLUMNS =
            (RowType)
                    DataTypes.ROW(
                                    DataTypes.FIELD("id", DataTypes.BIGINT()),
                                    DataTypes.FIELD("code", DataTypes.STRING()))
                            .getLogicalType();
    private static final int ROWS = 600;
    private static final int NULL_CODES = 30;

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb"})
    void sparseAndTextKeysAreCutIntoSplitsOfAboutEqualRows(String kind) throws Exception {
        DatabaseServer server =
                "postgresql".equals(kind) ? PostgresServer.get() : MariaDbServer.get();
        server.createDatabase("flinkx");
        String table = "planned_" + System.nanoTime() % 100000;
        try (Connection c = server.connect("flinkx");
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, code VARCHAR(16))");
            try (PreparedStatement insert =
                    c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?)")) {
                for (long i = 0; i < ROWS; i++) {
                    insert.setLong(1, i * i * i); // sparse: 0, 1, 8, 27, ...
                    insert.setString(2, i < NULL_CODES ? null : "k" + (i % 190)); // ~3 rows a value
                    insert.addBatch();
                }
                insert.executeBatch();
            }

            List<JdbcSourceSplit> byId = plan(server, table, "id", null);
            assertThat(byId).hasSize(4);
            assertThat(counts(c, table, byId)).containsExactly(150L, 150L, 150L, 150L);

            List<JdbcSourceSplit> byCode = plan(server, table, "code", null);
            assertThat(byCode).hasSize(4);
            List<Long> codeCounts = counts(c, table, byCode);
            assertThat(codeCounts.stream().mapToLong(Long::longValue).sum()).isEqualTo(ROWS);
            assertThat(codeCounts.get(0))
                    .as("the first split also reads the NULLs")
                    .isGreaterThan(NULL_CODES);
            for (int i = 0; i < codeCounts.size(); i++) {
                long keyed = codeCounts.get(i) - (i == 0 ? NULL_CODES : 0);
                assertThat(keyed).as("keyed rows of split %s", i).isBetween(135L, 150L);
            }

            // 'scan.where' keeps 300 rows: the splits share those
            List<JdbcSourceSplit> filtered = plan(server, table, "id", "id < 27000000");
            assertThat(counts(c, table, filtered, "id < 27000000"))
                    .containsExactly(75L, 75L, 75L, 75L);
        }
    }

    /**
     * A table keyed by {@code (tenant, seq)} without another unique column, no partition column
     * given: the splits are cut on {@code tenant} (a boundary is a tenant, so all rows of a tenant
     * are in one split) and every split is ordered and resumed by both columns.
     */
    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb"})
    void aKeyOfSeveralColumnsIsCutOnItsLeadingColumn(String kind) throws Exception {
        DatabaseServer server =
                "postgresql".equals(kind) ? PostgresServer.get() : MariaDbServer.get();
        server.createDatabase("flinkx");
        String table = "planned_ck_" + System.nanoTime() % 100000;
        try (Connection c = server.connect("flinkx");
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE "
                            + table
                            + " (tenant BIGINT NOT NULL, seq INT NOT NULL, code VARCHAR(16), "
                            + "PRIMARY KEY (tenant, seq))");
            try (PreparedStatement insert =
                    c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?)")) {
                for (int tenant = 0; tenant < 8; tenant++) {
                    for (int seq = 0; seq < 75; seq++) {
                        insert.setLong(1, tenant);
                        insert.setInt(2, seq);
                        insert.setString(3, "k" + seq);
                        insert.addBatch();
                    }
                }
                insert.executeBatch();
            }
            RowType declared =
                    (RowType)
                            DataTypes.ROW(
                                            DataTypes.FIELD("tenant", DataTypes.BIGINT()),
                                            DataTypes.FIELD("seq", DataTypes.INT()),
                                            DataTypes.FIELD("code", DataTypes.STRING()))
                                    .getLogicalType();
            String url = server.jdbcUrl("flinkx");
            JdbcSource source =
                    JdbcSource.builder()
                            .url(url)
                            .username(server.user())
                            .password(server.password())
                            .table(table)
                            .rowType(declared)
                            .build();
            List<JdbcSourceSplit> splits =
                    new JdbcSplitPlanner(source.config(), JdbcDialects.forUrl(url))
                            .planInitial(4, new HashMap<>());
            assertThat(splits).hasSize(4);
            for (JdbcSourceSplit split : splits) {
                assertThat(split.partitionColumn()).isEqualTo("tenant");
                assertThat(split.offsetColumns()).containsExactly("tenant", "seq");
                assertThat(split.offset()).isNull();
                for (Object bound :
                        java.util.Arrays.asList(split.lowerBound(), split.upperBound())) {
                    assertThat(bound).isIn(null, 2L, 4L, 6L);
                }
            }
            assertThat(counts(c, table, splits)).containsExactly(150L, 150L, 150L, 150L);
        }
    }

    private static List<JdbcSourceSplit> plan(
            DatabaseServer server, String table, String column, String where) throws Exception {
        String url = server.jdbcUrl("flinkx");
        var builder =
                JdbcSource.builder()
                        .url(url)
                        .username(server.user())
                        .password(server.password())
                        .table(table)
                        .rowType(COLUMNS)
                        .partitionColumn(column)
                        .partitions(4);
        if (where != null) {
            builder.where(where);
        }
        JdbcSource source = builder.build();
        return new JdbcSplitPlanner(source.config(), JdbcDialects.forUrl(url))
                .planInitial(1, new HashMap<>());
    }

    private static List<Long> counts(Connection c, String table, List<JdbcSourceSplit> splits)
            throws Exception {
        return counts(c, table, splits, null);
    }

    /** The rows each split's range (and NULL phase) holds, counted by the server. */
    private static List<Long> counts(
            Connection c, String table, List<JdbcSourceSplit> splits, String where)
            throws Exception {
        List<Long> counts = new ArrayList<>();
        for (JdbcSourceSplit split : splits) {
            String column = split.partitionColumn();
            List<String> conditions = new ArrayList<>();
            if (where != null) {
                conditions.add(where);
            }
            String range = column + " IS NOT NULL";
            if (split.lowerBound() != null) {
                range += " AND " + column + " >= ?";
            }
            if (split.upperBound() != null) {
                range += " AND " + column + " < ?";
            }
            conditions.add(
                    split.includeNulls() ? "(" + range + " OR " + column + " IS NULL)" : range);
            try (PreparedStatement count =
                    c.prepareStatement(
                            "SELECT COUNT(*) FROM "
                                    + table
                                    + " WHERE "
                                    + String.join(" AND ", conditions))) {
                int index = 1;
                if (split.lowerBound() != null) {
                    count.setObject(index++, split.lowerBound());
                }
                if (split.upperBound() != null) {
                    count.setObject(index, split.upperBound());
                }
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    counts.add(rs.getLong(1));
                }
            }
        }
        return counts;
    }
}
