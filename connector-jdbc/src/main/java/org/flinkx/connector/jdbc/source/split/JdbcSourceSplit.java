package org.flinkx.connector.jdbc.source.split;

import java.util.List;
import java.util.Objects;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * An immutable piece of a table (or shard) to read. The part is given by an optional range or
 * modulus on the partition column and an optional incremental range; the rows are read in order of
 * the offset columns, and {@link #offset()} is what the last emitted row held in them, so a split
 * restored from a checkpoint continues with the rows after it (never by counting rows).
 *
 * <p>Usually there is one offset column (the partition, incremental or key column) and the offset
 * is its value. A table split by a primary key of several columns has them all as offset columns,
 * the leading one being the partition column; its offset is then the list of the last emitted row's
 * key values, in the same order, and the split continues with the rows whose key is greater (see
 * {@code SplitQuery}).
 *
 * @param splitId unique within the source
 * @param shard index of the URL to read from (0 is {@code url}, then {@code scan.shard.urls})
 * @param database database name for the metadata column, may be null
 * @param table table name as configured (possibly {@code schema.table}), null for a custom query
 * @param partitionColumn column of the range or modulus, null when the split is not partitioned
 * @param lowerBound inclusive lower bound on the partition column, null for unbounded
 * @param upperBound exclusive upper bound on the partition column, null for unbounded
 * @param modulus number of modulus parts, 0 for a range split
 * @param remainder which modulus part
 * @param includeNulls whether this split also reads rows whose partition column is NULL
 * @param incrementalColumn column of the incremental range, null when not incremental
 * @param incrementalFrom exclusive lower bound on the incremental column, null for unbounded
 * @param incrementalTo inclusive upper bound on the incremental column, null for unbounded
 * @param offsetColumns columns that order the read and hold the offset, empty when unordered
 * @param offset last emitted value of the offset column (a {@code List} of the values of the offset
 *     columns when there are several), null when nothing was emitted yet
 * @param nullsDone whether the rows with a NULL partition column were all emitted
 */
@Internal
public record JdbcSourceSplit(
        String splitId,
        int shard,
        String database,
        String table,
        String partitionColumn,
        Object lowerBound,
        Object upperBound,
        int modulus,
        int remainder,
        boolean includeNulls,
        String incrementalColumn,
        Object incrementalFrom,
        Object incrementalTo,
        List<String> offsetColumns,
        Object offset,
        boolean nullsDone)
        implements SourceSplit {

    public JdbcSourceSplit {
        offsetColumns = offsetColumns == null ? List.of() : List.copyOf(offsetColumns);
        if (offset != null && offsetColumns.size() > 1) {
            if (!(offset instanceof List<?> values) || values.size() != offsetColumns.size()) {
                throw new IllegalArgumentException(
                        "The offset of a split read by "
                                + offsetColumns
                                + " is one value for each of them, not "
                                + offset);
            }
        }
    }

    /** A split with at most one offset column ({@code offsetColumn}, null when unordered). */
    public JdbcSourceSplit(
            String splitId,
            int shard,
            String database,
            String table,
            String partitionColumn,
            Object lowerBound,
            Object upperBound,
            int modulus,
            int remainder,
            boolean includeNulls,
            String incrementalColumn,
            Object incrementalFrom,
            Object incrementalTo,
            String offsetColumn,
            Object offset,
            boolean nullsDone) {
        this(
                splitId,
                shard,
                database,
                table,
                partitionColumn,
                lowerBound,
                upperBound,
                modulus,
                remainder,
                includeNulls,
                incrementalColumn,
                incrementalFrom,
                incrementalTo,
                offsetColumn == null ? List.of() : List.of(offsetColumn),
                offset,
                nullsDone);
    }

    @Override
    public String splitId() {
        return splitId;
    }

    /** The (leading) offset column, null when the split is read unordered. */
    public String offsetColumn() {
        return offsetColumns.isEmpty() ? null : offsetColumns.get(0);
    }

    /** The same split, resumed after {@code newOffset}. */
    public JdbcSourceSplit withProgress(Object newOffset, boolean newNullsDone) {
        return new JdbcSourceSplit(
                splitId,
                shard,
                database,
                table,
                partitionColumn,
                lowerBound,
                upperBound,
                modulus,
                remainder,
                includeNulls,
                incrementalColumn,
                incrementalFrom,
                incrementalTo,
                offsetColumns,
                newOffset,
                newNullsDone);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof JdbcSourceSplit other)) {
            return false;
        }
        return splitId.equals(other.splitId)
                && shard == other.shard
                && modulus == other.modulus
                && remainder == other.remainder
                && includeNulls == other.includeNulls
                && nullsDone == other.nullsDone
                && Objects.equals(database, other.database)
                && Objects.equals(table, other.table)
                && Objects.equals(partitionColumn, other.partitionColumn)
                && Objects.deepEquals(lowerBound, other.lowerBound)
                && Objects.deepEquals(upperBound, other.upperBound)
                && Objects.equals(incrementalColumn, other.incrementalColumn)
                && Objects.deepEquals(incrementalFrom, other.incrementalFrom)
                && Objects.deepEquals(incrementalTo, other.incrementalTo)
                && offsetColumns.equals(other.offsetColumns)
                && Objects.deepEquals(offset, other.offset);
    }

    @Override
    public int hashCode() {
        return Objects.hash(splitId, shard, table, modulus, remainder);
    }

    @Override
    public String toString() {
        return "JdbcSourceSplit{"
                + splitId
                + " "
                + table
                + (partitionColumn == null
                        ? ""
                        : " "
                                + partitionColumn
                                + (modulus > 0
                                        ? " mod " + modulus + "=" + remainder
                                        : " [" + lowerBound + ", " + upperBound + ")"))
                + (incrementalColumn == null
                        ? ""
                        : " "
                                + incrementalColumn
                                + " in ("
                                + incrementalFrom
                                + ", "
                                + incrementalTo
                                + "]")
                + (offsetColumns.isEmpty()
                        ? ""
                        : " after "
                                + (offsetColumns.size() == 1
                                        ? offsetColumns.get(0)
                                        : "(" + String.join(", ", offsetColumns) + ")")
                                + "="
                                + offset)
                + "}";
    }
}
