package org.flinkx.connector.binlog.source.split;

import java.io.Serializable;
import java.math.BigInteger;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;

/**
 * A key range of a table as a finished snapshot split read it, as of the binlog position {@code
 * position}: changes at or after that position are not in the snapshot; changes before it are.
 *
 * <p>The range is {@code [lo, hi)} on the key's leading integer column (null: unbounded). A range
 * of a table keyed by several columns that a checkpoint cut in the middle of one leading value is
 * narrowed by whole keys: it ends with the key {@code through} (the last row emitted before the
 * checkpoint; {@code hi} is then that key's leading value + 1) or starts after the key {@code
 * after} (the rest, read after a restore; {@code lo} is then that key's leading value). Both are
 * lists of {@link SnapshotKeys canonical values}, null when the range is not narrowed.
 */
@Internal
public record SnapshotChunk(
        String database,
        String table,
        @Nullable BigInteger lo,
        @Nullable BigInteger hi,
        @Nullable List<Object> after,
        @Nullable List<Object> through,
        BinlogPosition position)
        implements Serializable {

    public SnapshotChunk {
        after = after == null ? null : List.copyOf(after);
        through = through == null ? null : List.copyOf(through);
    }

    /** A range of whole leading values. */
    public SnapshotChunk(
            String database,
            String table,
            @Nullable BigInteger lo,
            @Nullable BigInteger hi,
            BinlogPosition position) {
        this(database, table, lo, hi, null, null, position);
    }

    /**
     * Whether the range holds the row with {@code key} (see {@link SnapshotKeys}; null: unknown).
     */
    boolean contains(@Nullable Object key) {
        if (lo == null && hi == null && after == null && through == null) {
            return true;
        }
        BigInteger leading = SnapshotKeys.leading(key);
        if (leading == null
                || (lo != null && leading.compareTo(lo) < 0)
                || (hi != null && leading.compareTo(hi) >= 0)) {
            return false;
        }
        if (after == null && through == null) {
            return true;
        }
        if (!(key instanceof List<?> whole)) {
            throw new IllegalStateException(
                    "The snapshot chunk "
                            + this
                            + " is bounded by whole keys, but the key of a change is "
                            + key);
        }
        return (after == null || SnapshotKeys.compare(whole, after) > 0)
                && (through == null || SnapshotKeys.compare(whole, through) <= 0);
    }
}
