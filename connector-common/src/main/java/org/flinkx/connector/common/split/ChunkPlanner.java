package org.flinkx.connector.common.split;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.flink.annotation.PublicEvolving;

/**
 * Cuts a table into chunks along an ordered key: the JDBC source's range splits and the binlog
 * connector's snapshot chunks. A chunk is {@code [lo, hi)}; the first is open below and the last
 * open above, so rows inserted later outside the measured range belong to a chunk too.
 *
 * <ul>
 *   <li><b>Dense integer keys</b> (at most {@value #MAX_VALUES_PER_ROW} key values per row between
 *       the minimum and the maximum) are cut by value: boundaries are computed, one query in all.
 *   <li><b>Sparse integer keys and other keys</b> (decimals, strings, dates, timestamps) are cut by
 *       rows: each boundary is the key a chunk's rows further on (an index range scan per chunk),
 *       so chunks hold about equal rows however the keys are spread. A key value shared by more
 *       rows than a chunk holds ends up in one chunk.
 * </ul>
 *
 * <p>Rows whose key is NULL are not in any chunk: the connector reads them on their own (the JDBC
 * source with its first split). A planner holds the table's measured range, so it is used from one
 * thread, the enumerator's worker thread ({@code SplitEnumeratorContext.callAsync}), never the
 * coordinator thread.
 */
@PublicEvolving
public final class ChunkPlanner<K> {

    /** Integer keys with at most this many key values per row are cut by value. */
    public static final int MAX_VALUES_PER_ROW = 2;

    private final ChunkKeyQueries<K> queries;
    private final long chunkRows;
    private boolean measured;
    @Nullable private KeyRange<K> range;
    @Nullable private BigInteger step;

    private ChunkPlanner(ChunkKeyQueries<K> queries, long chunkRows) {
        if (chunkRows < 1) {
            throw new IllegalArgumentException("A chunk holds at least one row: " + chunkRows);
        }
        this.queries = queries;
        this.chunkRows = chunkRows;
    }

    /** A planner of chunks of about {@code chunkRows} rows, planned one at a time. */
    public static <K> ChunkPlanner<K> ofChunkRows(ChunkKeyQueries<K> queries, long chunkRows) {
        return new ChunkPlanner<>(queries, chunkRows);
    }

    /**
     * The exclusive upper bound of the chunk that starts at {@code lo} (inclusive; null: the first
     * chunk), or null when that chunk is the last one.
     */
    @Nullable
    public K upperBound(@Nullable K lo) throws SQLException {
        if (!measured) {
            range = queries.range();
            measured = true;
            if (range != null && dense(range)) {
                BigInteger values = span(range);
                BigInteger rows = BigInteger.valueOf(range.rows());
                step =
                        BigInteger.valueOf(chunkRows)
                                .multiply(values)
                                .add(rows.subtract(BigInteger.ONE))
                                .divide(rows)
                                .max(BigInteger.ONE);
            }
        }
        if (range == null) {
            return null; // no keyed row: one chunk
        }
        if (step != null) {
            BigInteger hi = integer(lo == null ? range.min() : lo).add(step);
            return hi.compareTo(integer(range.max())) > 0 ? null : like(hi, range.min());
        }
        return rowsAfter(queries, range, lo, chunkRows);
    }

    /**
     * The inner boundaries of at most {@code parts} chunks of about equal rows (none when there is
     * one part, no keyed row or a single key value).
     */
    public static <K> List<K> cuts(ChunkKeyQueries<K> queries, int parts) throws SQLException {
        if (parts <= 1) {
            return List.of();
        }
        KeyRange<K> range = queries.range();
        if (range == null || compare(range.max(), range.min()) <= 0) {
            return List.of();
        }
        if (dense(range)) {
            return evenCuts(range.min(), range.max(), parts);
        }
        long rows = Math.max(1, (range.rows() + parts - 1) / parts);
        List<K> cuts = new ArrayList<>();
        K lo = null;
        while (cuts.size() < parts - 1) {
            K hi = rowsAfter(queries, range, lo, rows);
            if (hi == null) {
                break;
            }
            cuts.add(hi);
            lo = hi;
        }
        return cuts;
    }

    /**
     * The inner boundaries of {@code parts} ranges of equal width between two numbers (integers
     * rounded up, decimals to ten places), duplicates dropped.
     */
    public static <K> List<K> evenCuts(K lower, K upper, int parts) {
        BigDecimal low = decimal(lower);
        BigDecimal high = decimal(upper);
        if (parts <= 1 || high.compareTo(low) <= 0) {
            return List.of();
        }
        boolean integral = integer(lower) != null;
        BigDecimal width =
                high.subtract(low).divide(BigDecimal.valueOf(parts), 10, RoundingMode.CEILING);
        List<K> cuts = new ArrayList<>();
        K previous = null;
        for (int i = 1; i < parts; i++) {
            BigDecimal cut = low.add(width.multiply(BigDecimal.valueOf(i)));
            K value =
                    integral
                            ? like(cut.setScale(0, RoundingMode.CEILING).toBigIntegerExact(), lower)
                            : like(cut, lower);
            if (!value.equals(previous)) {
                cuts.add(value);
                previous = value;
            }
        }
        return cuts;
    }

    @Nullable
    private static <K> K rowsAfter(
            ChunkKeyQueries<K> queries, KeyRange<K> range, @Nullable K lo, long rows)
            throws SQLException {
        K hi = queries.keyAfter(lo, rows);
        K from = lo == null ? range.min() : lo;
        if (hi != null && compare(hi, from) <= 0) {
            hi = queries.keyAbove(from); // more than a chunk's rows share the key value 'from'
        }
        return hi;
    }

    private static boolean dense(KeyRange<?> range) {
        if (range.rows() < 1 || integer(range.min()) == null || integer(range.max()) == null) {
            return false;
        }
        return span(range)
                        .compareTo(
                                BigInteger.valueOf(range.rows())
                                        .multiply(BigInteger.valueOf(MAX_VALUES_PER_ROW)))
                <= 0;
    }

    private static BigInteger span(KeyRange<?> range) {
        return integer(range.max()).subtract(integer(range.min())).add(BigInteger.ONE);
    }

    /** The key as an integer, or null when it is no integer (a fraction, a string, a date). */
    @Nullable
    private static BigInteger integer(Object key) {
        if (key instanceof Long
                || key instanceof Integer
                || key instanceof Short
                || key instanceof Byte) {
            return BigInteger.valueOf(((Number) key).longValue());
        }
        if (key instanceof BigInteger v) {
            return v;
        }
        if (key instanceof BigDecimal v && v.stripTrailingZeros().scale() <= 0) {
            return v.toBigIntegerExact();
        }
        return null;
    }

    private static BigDecimal decimal(Object key) {
        if (key instanceof BigDecimal v) {
            return v;
        }
        BigInteger integer = integer(key);
        if (integer == null) {
            throw new IllegalArgumentException("Not a number: " + key);
        }
        return new BigDecimal(integer);
    }

    /** The number as a key of the sample's class. */
    @SuppressWarnings("unchecked")
    private static <K> K like(Object number, Object sample) {
        BigDecimal value = number instanceof BigInteger v ? new BigDecimal(v) : (BigDecimal) number;
        Object key;
        if (sample instanceof Long) {
            key = value.longValueExact();
        } else if (sample instanceof Integer) {
            key = value.intValueExact();
        } else if (sample instanceof Short) {
            key = value.shortValueExact();
        } else if (sample instanceof Byte) {
            key = value.byteValueExact();
        } else if (sample instanceof BigInteger) {
            key = value.toBigIntegerExact();
        } else {
            key = value;
        }
        return (K) key;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b) {
        return ((Comparable) a).compareTo(b);
    }
}
