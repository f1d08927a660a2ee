package org.flinkx.connector.binlog.source.reader;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * The key of a binlog change, from Debezium's key Struct, in the form snapshot chunks compare (see
 * {@code SnapshotKeys}): one integer field as a {@link BigInteger}; several fields (a primary key
 * of several columns, in key order) as the list of their canonical values — integers and decimals
 * as {@link BigDecimal}, Debezium's DATE as {@link LocalDate}, its DATETIME values as {@link
 * LocalDateTime}, its TIMESTAMP values (UTC text) as {@link Instant}, anything else as Debezium
 * gives it (never compared: see {@code SnapshotSplit#leadingValueGroups}). Null when the key is
 * unknown or not led by an integer.
 */
final class ChangeKeys {

    @Nullable
    static Object of(@Nullable Object recordKey) {
        if (!(recordKey instanceof Struct key)) {
            return null;
        }
        List<Field> fields = key.schema().fields();
        if (fields.size() == 1) {
            Object value = key.get(fields.get(0));
            if (!(value instanceof Number number)) {
                return null;
            }
            return number instanceof BigDecimal decimal
                    ? decimal.toBigInteger()
                    : number instanceof BigInteger integer
                            ? integer
                            : BigInteger.valueOf(number.longValue());
        }
        List<Object> whole = new ArrayList<>(fields.size());
        for (Field field : fields) {
            whole.add(canonical(field.schema(), key.get(field)));
        }
        return whole.isEmpty() || !(whole.get(0) instanceof BigDecimal) ? null : whole;
    }

    @Nullable
    static Object canonical(Schema schema, @Nullable Object value) {
        if (value == null) {
            return null;
        }
        String semantic = schema.name();
        if (semantic != null) {
            switch (semantic) {
                case "io.debezium.time.Date":
                    return LocalDate.ofEpochDay(((Number) value).longValue());
                case "io.debezium.time.Timestamp":
                    return wallTime(((Number) value).longValue(), 1_000_000);
                case "io.debezium.time.MicroTimestamp":
                    return wallTime(((Number) value).longValue(), 1_000);
                case "io.debezium.time.NanoTimestamp":
                    return wallTime(((Number) value).longValue(), 1);
                case "io.debezium.time.ZonedTimestamp":
                    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(
                            value.toString(), Instant::from);
                default:
                    break;
            }
        }
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof BigInteger integer) {
            return new BigDecimal(integer);
        }
        if (value instanceof Long
                || value instanceof Integer
                || value instanceof Short
                || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof Boolean flag) {
            return flag ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        return value;
    }

    /** A wall time Debezium gives as units of {@code nanosPerUnit} since 1970-01-01T00:00. */
    private static LocalDateTime wallTime(long units, long nanosPerUnit) {
        long unitsPerSecond = 1_000_000_000L / nanosPerUnit;
        long seconds = Math.floorDiv(units, unitsPerSecond);
        long nanos = Math.floorMod(units, unitsPerSecond) * nanosPerUnit;
        return LocalDateTime.ofEpochSecond(seconds, (int) nanos, ZoneOffset.UTC);
    }

    private ChangeKeys() {}
}
