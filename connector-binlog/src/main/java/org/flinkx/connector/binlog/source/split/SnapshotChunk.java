package org.flinkx.connector.binlog.source.split;

import java.io.Serializable;
import java.math.BigInteger;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;

/**
 * A key range of a table as a finished snapshot split read it: the rows with keys in {@code [lo,
 * hi)} (null: unbounded) as of the binlog position {@code position}. Changes at or after that
 * position are not in the snapshot; changes before it are.
 */
@Internal
public record SnapshotChunk(
        String database,
        String table,
        @Nullable BigInteger lo,
        @Nullable BigInteger hi,
        BinlogPosition position)
        implements Serializable {

    boolean contains(@Nullable BigInteger key) {
        if (lo == null && hi == null) {
            return true;
        }
        return key != null
                && (lo == null || key.compareTo(lo) >= 0)
                && (hi == null || key.compareTo(hi) < 0);
    }
}
