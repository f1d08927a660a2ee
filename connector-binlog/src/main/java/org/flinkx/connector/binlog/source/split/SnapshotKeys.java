package org.flinkx.connector.binlog.source.split;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;

/**
 * The keys snapshot chunks and the binlog stream's filter compare. A key is {@code null} (unknown),
 * a {@link BigInteger} (a one-column integer key, or the leading value of a table whose rows are
 * emitted in groups of one leading value), or a {@link List} (the whole key of a primary key of
 * several columns, led by an integer) of canonical values: integers and decimals as {@link
 * BigDecimal}, DATE as {@link LocalDate}, DATETIME as {@link LocalDateTime} (wall time), TIMESTAMP
 * as {@link Instant}. These compare in Java exactly as MariaDB orders them; a whole key is compared
 * only when each of its values is of one of these types (the planner chunks other tables so that no
 * whole-key comparison is ever needed, see {@code SnapshotSplit#leadingValueGroups}).
 */
@Internal
public final class SnapshotKeys {

    /** The leading (integer) value of a key; null for an unknown key. */
    @Nullable
    public static BigInteger leading(@Nullable Object key) {
        if (key == null) {
            return null;
        }
        if (key instanceof BigInteger integer) {
            return integer;
        }
        if (key instanceof List<?> tuple && !tuple.isEmpty()) {
            Object first = tuple.get(0);
            if (first instanceof BigDecimal decimal) {
                return decimal.toBigIntegerExact();
            }
            if (first instanceof BigInteger integer) {
                return integer;
            }
        }
        throw new IllegalStateException("Not a key of a chunked table: " + key);
    }

    /**
     * Compares two whole keys in the database's order (lexicographically, value by value).
     *
     * @throws IllegalStateException when the keys have different lengths or a value whose order
     *     Java does not reproduce (a key type that changed, or a {@code debezium.*} override of how
     *     Debezium represents numbers or times): comparing anyway could emit a change twice or lose
     *     one
     */
    public static int compare(List<?> key, List<?> bound) {
        if (key.size() != bound.size()) {
            throw new IllegalStateException(
                    "The key "
                            + key
                            + " has other columns than the snapshot chunk boundary "
                            + bound
                            + " (did the table's primary key change during the snapshot?)");
        }
        for (int i = 0; i < key.size(); i++) {
            int c = compareValue(key.get(i), bound.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int compareValue(@Nullable Object a, @Nullable Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y);
        }
        if (a instanceof LocalDate x && b instanceof LocalDate y) {
            return x.compareTo(y);
        }
        if (a instanceof LocalDateTime x && b instanceof LocalDateTime y) {
            return x.compareTo(y);
        }
        if (a instanceof Instant x && b instanceof Instant y) {
            return x.compareTo(y);
        }
        throw new IllegalStateException(
                "Cannot place the key value "
                        + describe(a)
                        + " against the snapshot chunk boundary value "
                        + describe(b)
                        + " in MariaDB's order: only integers, decimals, DATE, DATETIME and "
                        + "TIMESTAMP values are compared (check 'debezium.decimal.handling.mode', "
                        + "'debezium.time.precision.mode' and 'debezium.bigint.unsigned.handling.mode', "
                        + "which must keep their defaults for a chunked snapshot)");
    }

    private static String describe(@Nullable Object value) {
        return value == null ? "NULL" : value + " (" + value.getClass().getSimpleName() + ")";
    }

    private SnapshotKeys() {}
}
