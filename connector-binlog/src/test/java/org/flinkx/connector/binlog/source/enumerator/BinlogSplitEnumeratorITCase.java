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
 * sparse key and a dense key into chunks of about {@code chunk-size} rows.
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

    private static long rows(Connection c, String table, BigInteger lo, BigInteger hi)
            throws Exception {
        String sql =
                "SELECT COUNT(*) FROM "
                        + table
                        + " WHERE 1 = 1"
                        + (lo == null ? "" : " AND id >= " + lo)
                        + (hi == null ? "" : " AND id < " + hi);
        try (PreparedStatement s = c.prepareStatement(sql);
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
