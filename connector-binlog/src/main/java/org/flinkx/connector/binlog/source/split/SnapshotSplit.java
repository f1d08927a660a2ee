package org.flinkx.connector.binlog.source.split;

import java.math.BigInteger;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;

/**
 * A chunk of the initial snapshot: the rows of one table whose integer primary key {@code
 * keyColumn} is in {@code [lo, hi)} (null bounds: unbounded), or the whole table when it has no
 * such key ({@code keyColumn} null). Each chunk is read in a transaction of its own, as a
 * consistent snapshot whose binlog position the reader notes.
 *
 * <p>A checkpoint taken while the chunk is read records the part already emitted ({@code emitted}:
 * key ranges with the positions they were read at). A restored reader reads only the rest, as a new
 * snapshot, so a chunk can end as several ranges with their own positions. A whole-table chunk has
 * no such progress: it is read again from the start.
 */
@Internal
public record SnapshotSplit(
        String database,
        String table,
        @Nullable String keyColumn,
        @Nullable BigInteger lo,
        @Nullable BigInteger hi,
        int index,
        List<SnapshotChunk> emitted)
        implements BinlogSourceSplit {

    @Override
    public String splitId() {
        return "snapshot:" + database + "." + table + ":" + index;
    }

    /** The lower bound of the part not emitted yet. */
    @Nullable
    public BigInteger remainingFrom() {
        return emitted.isEmpty() ? lo : emitted.get(emitted.size() - 1).hi();
    }

    SnapshotSplit withEmitted(List<SnapshotChunk> emitted) {
        return new SnapshotSplit(database, table, keyColumn, lo, hi, index, List.copyOf(emitted));
    }
}
