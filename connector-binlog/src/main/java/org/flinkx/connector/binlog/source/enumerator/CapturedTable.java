package org.flinkx.connector.binlog.source.enumerator;

import java.io.Serializable;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;

/**
 * A table the snapshot reads and the primary key it is chunked by: its columns in key order, the
 * leading one an integer (empty: no such key; the table is read as one chunk). {@code
 * leadingValueGroups}: the key has further columns whose order Java does not reproduce, so the
 * table's rows are emitted in groups of one leading value (see {@code SnapshotSplit}).
 */
@Internal
public record CapturedTable(
        String database, String table, List<String> keyColumns, boolean leadingValueGroups)
        implements Serializable {

    public CapturedTable {
        keyColumns = List.copyOf(keyColumns);
    }

    /** A table with a one-column integer key ({@code keyColumn}), or none (null). */
    public CapturedTable(String database, String table, @Nullable String keyColumn) {
        this(database, table, keyColumn == null ? List.of() : List.of(keyColumn), false);
    }

    /** The leading key column the chunks are cut on; null: the table is one chunk. */
    @Nullable
    public String keyColumn() {
        return keyColumns.isEmpty() ? null : keyColumns.get(0);
    }
}
