package org.flinkx.connector.binlog.source.split;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.types.logical.RowType;
import org.flinkx.connector.binlog.config.BinlogConfig;

/**
 * Which tables a restored binlog split must read before it streams on: with a row per table, a job
 * restored from a checkpoint of a job that captured fewer tables, or fewer columns of one, has
 * never emitted those tables' rows (or those columns). The stream waits while the enumerator reads
 * them as snapshot chunks, and then goes on from its offset, leaving out each change a chunk
 * already holds — the same rule as after the first snapshot.
 */
@Internal
public final class CatchUp {

    private CatchUp() {}

    /** The tables and columns the job's rows have (null: rows shared by all tables). */
    @Nullable
    public static Map<String, List<String>> tables(BinlogConfig config) {
        if (!config.rowPerTable()) {
            return null;
        }
        Map<String, List<String>> tables = new LinkedHashMap<>();
        for (Map.Entry<String, RowType> table : config.tableRows().entrySet()) {
            tables.put(table.getKey(), table.getValue().getFieldNames());
        }
        return tables;
    }

    /**
     * The held split once a catch-up has read {@code caughtUp.tables()}: those tables are emitted
     * with the job's columns, the others as the split had them; the catch-up's chunks join the
     * split's. The tables read again because their columns grew join {@link BinlogSplit#reread()}.
     */
    public static BinlogSplit caughtUp(
            Map<String, List<String>> now, BinlogSplit held, SnapshotEvents.CaughtUp caughtUp) {
        List<String> needed = needed(now, held);
        List<String> read = caughtUp.tables() == null ? needed : caughtUp.tables();
        Map<String, List<String>> emitted = new LinkedHashMap<>();
        now.forEach(
                (table, columns) -> {
                    if (read.contains(table)) {
                        emitted.put(table, columns);
                    } else if (held.tables().containsKey(table)) {
                        emitted.put(table, held.tables().get(table));
                    }
                });
        Set<String> reread = new LinkedHashSet<>(held.reread());
        for (String table : needed) {
            if (read.contains(table) && held.tables().containsKey(table)) {
                reread.add(table); // emitted before, with fewer columns
            }
        }
        List<SnapshotChunk> chunks = new ArrayList<>(held.snapshotChunks());
        chunks.addAll(caughtUp.chunks());
        return new BinlogSplit(
                held.offset(), held.schemaHistory(), chunks, emitted, List.copyOf(reread));
    }

    /**
     * The tables ({@code database.table}) of the job that the split has not emitted, or not with
     * all the job's columns; empty when nothing is to be read first (rows shared by all tables, or
     * a split that does not record its tables).
     */
    public static List<String> needed(BinlogConfig config, BinlogSplit split) {
        return needed(tables(config), split);
    }

    /** {@link #needed(BinlogConfig, BinlogSplit)} of a job with these tables and columns. */
    public static List<String> needed(@Nullable Map<String, List<String>> now, BinlogSplit split) {
        if (now == null || split.tables() == null) {
            return List.of();
        }
        List<String> needed = new ArrayList<>();
        now.forEach(
                (table, columns) -> {
                    List<String> emitted = split.tables().get(table);
                    if (emitted == null || !emitted.containsAll(columns)) {
                        needed.add(table);
                    }
                });
        return needed;
    }
}
