package org.flinkx.connector.binlog.source.split;

import java.math.BigInteger;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;

/**
 * A chunk of the initial snapshot: the rows of one table whose primary key's leading integer column
 * ({@code keyColumns.get(0)}) is in {@code [lo, hi)} (null bounds: unbounded), or the whole table
 * when it has no such key ({@code keyColumns} empty). The rows are read ordered by the whole key,
 * in a transaction of their own, as a consistent snapshot whose binlog position the reader notes.
 *
 * <p>A checkpoint taken while the chunk is read records the part already emitted ({@code emitted}:
 * key ranges with the positions they were read at). A restored reader reads only the rest, as a new
 * snapshot, so a chunk can end as several ranges with their own positions. A whole-table chunk has
 * no such progress: it is read again from the start.
 *
 * <p>For a key of several columns the emitted part ends with the whole key of the last row emitted
 * (the rest is read with {@code a >= x AND (a > x OR (a = x AND b > y) ...)}), when every column
 * after the leading one has a type whose order Java reproduces (integers, decimals, DATE, DATETIME,
 * TIMESTAMP), since the binlog stream must then place a change on the right side of that key.
 * Otherwise ({@code leadingValueGroups}: e.g. a string under a case-insensitive collation) the
 * reader hands over the rows of one leading value at once, so that a checkpoint always falls
 * between two leading values and the emitted part is a range of whole leading values.
 */
@Internal
public record SnapshotSplit(
        String database,
        String table,
        List<String> keyColumns,
        @Nullable BigInteger lo,
        @Nullable BigInteger hi,
        int index,
        List<SnapshotChunk> emitted,
        boolean leadingValueGroups)
        implements BinlogSourceSplit {

    public SnapshotSplit {
        keyColumns = List.copyOf(keyColumns);
        emitted = List.copyOf(emitted);
    }

    /** A chunk of a table with a one-column integer key ({@code keyColumn}), or a whole table. */
    public SnapshotSplit(
            String database,
            String table,
            @Nullable String keyColumn,
            @Nullable BigInteger lo,
            @Nullable BigInteger hi,
            int index,
            List<SnapshotChunk> emitted) {
        this(
                database,
                table,
                keyColumn == null ? List.of() : List.of(keyColumn),
                lo,
                hi,
                index,
                emitted,
                false);
    }

    @Override
    public String splitId() {
        return "snapshot:" + database + "." + table + ":" + index;
    }

    /** The leading key column the chunk is cut on; null for a whole-table chunk. */
    @Nullable
    public String keyColumn() {
        return keyColumns.isEmpty() ? null : keyColumns.get(0);
    }

    /** The lower bound of the part not emitted yet, on the leading column (inclusive). */
    @Nullable
    public BigInteger remainingFrom() {
        if (emitted.isEmpty()) {
            return lo;
        }
        SnapshotChunk last = emitted.get(emitted.size() - 1);
        return last.through() == null ? last.hi() : SnapshotKeys.leading(last.through());
    }

    /** The whole key the part not emitted yet starts after; null: it starts at a leading value. */
    @Nullable
    public List<Object> remainingAfter() {
        return emitted.isEmpty() ? null : emitted.get(emitted.size() - 1).through();
    }

    SnapshotSplit withEmitted(List<SnapshotChunk> emitted) {
        return new SnapshotSplit(
                database, table, keyColumns, lo, hi, index, emitted, leadingValueGroups);
    }
}
