package org.flinkx.connector.binlog.source.split;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;

/**
 * The binlog stream: one split, read by one reader. It carries Debezium's source offset of the last
 * row emitted (JSON; null before the first row), the schema history the reader needs to interpret
 * events from there on and, after a chunked snapshot, the chunks it read: a change to a row of a
 * chunk is emitted only if it comes at or after the chunk's position (the chunk has the earlier
 * ones). The chunks are dropped once the stream has passed the last chunk's position.
 *
 * <p>With a row per table ({@code 'scan.rows' = 'per-table'}) it also carries {@code tables}: each
 * table whose rows the stream has emitted, with the columns it emitted for it. A job restored with
 * tables or columns this map lacks reads those tables first (see {@link CatchUp}); null when not
 * recorded (rows shared by all tables, or a split written before version 4). {@code reread}: the
 * tables of a catch-up that the stream had emitted before (their columns grew), so the target may
 * have rows the chunks no longer find: a delete such a chunk seems to hold is emitted when the row
 * no longer exists at the source. Dropped with the chunks.
 */
@Internal
public record BinlogSplit(
        @Nullable String offset,
        List<String> schemaHistory,
        List<SnapshotChunk> snapshotChunks,
        @Nullable Map<String, List<String>> tables,
        List<String> reread)
        implements BinlogSourceSplit {

    public static final String ID = "binlog";

    public BinlogSplit {
        tables = tables == null ? null : copy(tables);
        reread = List.copyOf(reread);
    }

    public BinlogSplit(
            @Nullable String offset,
            List<String> schemaHistory,
            List<SnapshotChunk> chunks,
            @Nullable Map<String, List<String>> tables) {
        this(offset, schemaHistory, chunks, tables, List.of());
    }

    public BinlogSplit(
            @Nullable String offset, List<String> schemaHistory, List<SnapshotChunk> chunks) {
        this(offset, schemaHistory, chunks, null);
    }

    public BinlogSplit(@Nullable String offset, List<String> schemaHistory) {
        this(offset, schemaHistory, List.of());
    }

    /** This split with other tables. */
    public BinlogSplit withTables(@Nullable Map<String, List<String>> newTables) {
        return new BinlogSplit(offset, schemaHistory, snapshotChunks, newTables, reread);
    }

    @Override
    public String splitId() {
        return ID;
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> tables) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        tables.forEach((table, columns) -> copy.put(table, List.copyOf(columns)));
        return copy;
    }
}
