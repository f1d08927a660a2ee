package org.flinkx.connector.binlog.source.split;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
     * The tables ({@code database.table}) of the job that the split has not emitted, or not with
     * all the job's columns; empty when nothing is to be read first (rows shared by all tables, or
     * a split that does not record its tables).
     */
    public static List<String> needed(BinlogConfig config, BinlogSplit split) {
        Map<String, List<String>> now = tables(config);
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
