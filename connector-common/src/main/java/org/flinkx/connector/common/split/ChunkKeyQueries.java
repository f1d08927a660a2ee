package org.flinkx.connector.common.split;

import java.sql.SQLException;
import javax.annotation.Nullable;
import org.apache.flink.annotation.PublicEvolving;

/**
 * What a {@link ChunkPlanner} asks of one table along its chunking key: the connector writes the
 * queries (usually an index range scan each). Keys are ordered as the database orders the key
 * column, and rows whose key is NULL take no part (the connector reads them separately).
 *
 * @param <K> the key values, comparable in the database's order
 */
@PublicEvolving
public interface ChunkKeyQueries<K> {

    /** The smallest and largest non-null key and the row count, or null when no row has a key. */
    @Nullable
    KeyRange<K> range() throws SQLException;

    /**
     * The key of the row {@code rows} rows after the first row whose key is at least {@code from}
     * (null: after the first row of all), in key order; null when no such row exists. Typically
     * {@code SELECT k ... WHERE k >= ? ORDER BY k LIMIT 1 OFFSET rows}.
     */
    @Nullable
    K keyAfter(@Nullable K from, long rows) throws SQLException;

    /**
     * The smallest key greater than {@code key}, or null when there is none. Asked only when more
     * than a chunk's rows share one key value, so that a chunk never ends where it starts.
     */
    @Nullable
    K keyAbove(K key) throws SQLException;
}
