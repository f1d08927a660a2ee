package org.flinkx.connector.binlog.source.enumerator;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.logical.RowType;
import org.flinkx.connector.binlog.config.BinlogConfig;
import org.flinkx.connector.binlog.config.ServerFlavor;
import org.flinkx.connector.binlog.source.BinlogSource;
import org.flinkx.connector.binlog.source.split.BinlogSourceSplit;
import org.flinkx.connector.binlog.source.split.SnapshotSplit;
import org.flinkx.connector.jdbc.testutils.MariaDbServer;
import org.junit.jupiter.api.Test;

/**
 * The enumerator of a chunked snapshot against a real MariaDB: every query runs in work handed to
 * the worker thread ({@code callAsync}), never in the coordinator's calls, and the split kit cuts a
 * sparse key and a dense key into chunks of about {@code chunk-size} rows, and a key of several
 * columns on its leading integer column.
 */
class BinlogSplitEnumeratorITCase {

    private static final int CHUNK_SIZE = 10;

    @Test
    void chunksArePlannedOffTheCoordinatorThreadAndHoldAboutChunkSizeRows() throws Throwable {
        MariaDbServer server = MariaDbServer.get();
        server.createDatabase("cdc");
        String suffix = "_" + System.nanoTime() % 100000;
        try (Connection c = server.connect("cdc");
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE enum_dense" + suffix + " (id BIGINT PRIMARY KEY)");
            s.execute("CREATE TABLE enum_sparse" + suffix + " (id BIGINT PRIMARY KEY)");
            for (long i = 1; i <= 100; i++) {
                s.execute("INSERT INTO enum_dense" + suffix + " VALUES (" + i + ")");
                s.execute("INSERT INTO enum_sparse" + suffix + " VALUES (" + i * i * i + ")");
            }
        }
        BinlogConfig config =
                BinlogSource.builder()
                        .serverFlavor(ServerFlavor.MARIADB)
                        .hostname("127.0.0.1")
                        .port(server.port())
                        .username(server.user())
                        .password(server.password())
                        .tables("cdc\\.enum_(dense|sparse)" + suffix)
                        .snapshotChunks(true, CHUNK_SIZE)
                        .rowType(
                                (RowType)
                                        DataTypes.ROW(DataTypes.FIELD("id", DataTypes.BIGINT()))
                                                .getLogicalType())
                        .build()
                        .config();

        try (MockSplitEnumeratorContext<BinlogSourceSplit> context =
                        new MockSplitEnumeratorContext<>(1);
                BinlogSplitEnumerator enumerator =
                        new BinlogSplitEnumerator(context, config, null)) {
            enumerator.start();
            context.registerReader(new ReaderInfo(0, "localhost"));
            enumerator.addReader(0);
            enumerator.handleSplitRequest(0, null);
            assertThat(context.getSplitsAssignmentSequence())
                    .as("nothing is assigned before the worker thread answered")
                    .isEmpty();
            assertThat(enumerator.snapshotState(1).snapshot().start())
                    .as("a checkpoint before the start position is known begins again")
                    .isNull();

            List<SnapshotSplit> chunks = new ArrayList<>();
            while (!context.getOneTimeCallables().isEmpty()) {
                context.runNextOneTimeCallable(); // the worker's queries, then their answer
                List<SplitsAssignment<BinlogSourceSplit>> assigned =
                        context.getSplitsAssignmentSequence();
                while (chunks.size() < assigned.size()) {
                    chunks.add(
                            (SnapshotSplit) assigned.get(chunks.size()).assignment().get(0).get(0));
                    enumerator.handleSplitRequest(0, null); // the reader asks for the next one
                }
            }

            try (Connection c = server.connect("cdc")) {
                for (String table : List.of("enum_dense" + suffix, "enum_sparse" + suffix)) {
                    List<SnapshotSplit> ofTable =
                            chunks.stream().filter(ch -> ch.table().equals(table)).toList();
                    assertThat(ofTable).as(table).hasSize(100 / CHUNK_SIZE);
                    long total = 0;
                    for (SnapshotSplit chunk : ofTable) {
                        long rows = rows(c, table, chunk.lo(), chunk.hi());
                        assertThat(rows).as("rows of %s", chunk).isBetween(1L, (long) CHUNK_SIZE);
                        total += rows;
                    }
                    assertThat(total).as(table).isEqualTo(100);
                }
            }
        }
    }

    /**
     * A table keyed {@code (tenant, seq)} (columns declared in the other order) and one keyed
     * {@code (tenant, code VARCHAR)}: both are cut on {@code tenant}, every tenant in one chunk (a
     * tenant of more rows than a chunk too), and read ordered by the whole key; the string key is
     * read in groups of one tenant.
     */
    @Test
    void aKeyOfSeveralColumnsIsChunkedOnItsLeadingIntegerColumn() throws Throwable {
        MariaDbServer server = MariaDbServer.get();
        server.createDatabase("cdc");
        String suffix = "_" + System.nanoTime() % 100000;
        String seqs = "enum_seqs" + suffix;
        String codes = "enum_codes" + suffix;
        try (Connection c = server.connect("cdc");
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE "
                            + seqs
                            + " (seq INT NOT NULL, tenant INT NOT NULL, PRIMARY KEY (tenant, seq))");
            s.execute(
                    "CREATE TABLE "
                            + codes
                            + " (tenant INT NOT NULL, code VARCHAR(8) NOT NULL, PRIMARY KEY (tenant, code))");
            // 30 tenants of 3 rows, and tenant 7 with 25 rows (more than a chunk)
            for (int tenant = 1; tenant <= 30; tenant++) {
                int count = tenant == 7 ? 25 : 3;
                for (int seq = 1; seq <= count; seq++) {
                    s.execute("INSERT INTO " + seqs + " VALUES (" + seq + ", " + tenant + ")");
                    s.execute("INSERT INTO " + codes + " VALUES (" + tenant + ", 'c" + seq + "')");
                }
            }
        }
        BinlogConfig config =
                BinlogSource.builder()
                        .serverFlavor(ServerFlavor.MARIADB)
                        .hostname("127.0.0.1")
                        .port(server.port())
                        .username(server.user())
                        .password(server.password())
                        .tables("cdc\\.enum_(seqs|codes)" + suffix)
                        .snapshotChunks(true, CHUNK_SIZE)
                        .rowType(
                                (RowType)
                                        DataTypes.ROW(DataTypes.FIELD("tenant", DataTypes.INT()))
                                                .getLogicalType())
                        .build()
                        .config();
        List<SnapshotSplit> chunks = planAll(config);
        int totalRows = 29 * 3 + 25;
        try (Connection c = server.connect("cdc")) {
            for (String table : List.of(seqs, codes)) {
                List<SnapshotSplit> ofTable =
                        chunks.stream().filter(ch -> ch.table().equals(table)).toList();
                assertThat(ofTable).as(table).hasSizeGreaterThan(5);
                long total = 0;
                for (SnapshotSplit chunk : ofTable) {
                    assertThat(chunk.keyColumns())
                            .as("the key in key order")
                            .containsExactly("tenant", table.equals(seqs) ? "seq" : "code");
                    assertThat(chunk.leadingValueGroups())
                            .as("read in groups of one tenant")
                            .isEqualTo(table.equals(codes));
                    long rows = rows(c, table, "tenant", chunk.lo(), chunk.hi());
                    boolean holdsTenant7 =
                            (chunk.lo() == null || chunk.lo().intValue() <= 7)
                                    && (chunk.hi() == null || chunk.hi().intValue() > 7);
                    assertThat(rows)
                            .as("rows of %s", chunk)
                            .isBetween(1L, holdsTenant7 ? 25L + CHUNK_SIZE : CHUNK_SIZE);
                    total += rows;
                }
                assertThat(total).as(table).isEqualTo(totalRows);
            }
        }
    }

    /** Plans every chunk with one reader asking for the next as soon as it has one. */
    private static List<SnapshotSplit> planAll(BinlogConfig config) throws Throwable {
        List<SnapshotSplit> chunks = new ArrayList<>();
        try (MockSplitEnumeratorContext<BinlogSourceSplit> context =
                        new MockSplitEnumeratorContext<>(1);
                BinlogSplitEnumerator enumerator =
                        new BinlogSplitEnumerator(context, config, null)) {
            enumerator.start();
            context.registerReader(new ReaderInfo(0, "localhost"));
            enumerator.addReader(0);
            enumerator.handleSplitRequest(0, null);
            while (!context.getOneTimeCallables().isEmpty()) {
                context.runNextOneTimeCallable();
                List<SplitsAssignment<BinlogSourceSplit>> assigned =
                        context.getSplitsAssignmentSequence();
                while (chunks.size() < assigned.size()) {
                    chunks.add(
                            (SnapshotSplit) assigned.get(chunks.size()).assignment().get(0).get(0));
                    enumerator.handleSplitRequest(0, null);
                }
            }
        }
        return chunks;
    }

    private static long rows(Connection c, String table, BigInteger lo, BigInteger hi)
            throws Exception {
        return rows(c, table, "id", lo, hi);
    }

    private static long rows(
            Connection c, String table, String column, BigInteger lo, BigInteger hi)
            throws Exception {
        String sql =
                "SELECT COUNT(*) FROM "
                        + table
                        + " WHERE 1 = 1"
                        + (lo == null ? "" : " AND " + column + " >= " + lo)
                        + (hi == null ? "" : " AND " + column + " < " + hi);
        try (PreparedStatement s = c.prepareStatement(sql);
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
