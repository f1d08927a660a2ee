package org.flinkx.connector.common.convert;

import static org.apache.flink.table.types.logical.LogicalTypeRoot.BIGINT;
import static org.apache.flink.table.types.logical.LogicalTypeRoot.BINARY;
import static org.apache.flink.table.types.logical.LogicalTypeRoot.BOOLEAN;
import static org.apache.flink.table.types.logical.LogicalTypeRoot.CHAR;
import static org.apache.flink.table.types.logical.LogicalTypeRoot.DATE;
import static org.apache.flink.table.types.logical.LogicalTypeRoot.DECIMAL;
import static org.apache.flink.table.types.logical.LogicalTypeRoot.DOUBLE;
import static org.apache.flink.table.types.logical.LogicalTypeRoot.FLOAT;
import static org.apache.flink.table.types.logical.LogicalTypeRoot.INTEGER;
import static org.apache.flink.table.types.logical.LogicalTypeRoot.SMALLINT;
import static org.apache.flink.table.types.logical.LogicalTypeRoot.TIMESTAMP_WITHOUT_TIME_ZONE;
import static org.apache.flink.table.types.logical.LogicalTypeRoot.TIMESTAMP_WITH_LOCAL_TIME_ZONE;
import static org.apache.flink.table.types.logical.LogicalTypeRoot.TIME_WITHOUT_TIME_ZONE;
import static org.apache.flink.table.types.logical.LogicalTypeRoot.TINYINT;
import static org.apache.flink.table.types.logical.LogicalTypeRoot.VARBINARY;
import static org.apache.flink.table.types.logical.LogicalTypeRoot.VARCHAR;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LocalZonedTimestampType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.TimestampType;
import org.apache.flink.table.types.logical.ZonedTimestampType;

/**
 * The type rules every FlinkX reader follows: which Flink types a column may be declared as, and
 * how a value becomes Flink's internal value of its declared type. JDBC result sets ({@link
 * JdbcValues}) and Debezium's change events (the binlog connector) both end here, so a row read by
 * a JDBC query and the same row read from a change stream are equal.
 *
 * <ul>
 *   <li>Integers and floating point numbers narrow as Java's {@link Number} does ({@code
 *       byteValue()} ...); BOOLEAN accepts a number (non-zero is true).
 *   <li>DECIMAL(p, s) is rounded to scale {@code s} (half up, as {@link DecimalData} does) and
 *       fails when it then needs more than {@code p} digits.
 *   <li>CHAR/VARCHAR become {@link StringData} of the value's text (no padding, no truncation);
 *       BINARY/VARBINARY are the bytes as they are.
 *   <li>DATE is the day since the epoch; TIME the millisecond of the day (finer digits are dropped,
 *       Flink's internal TIME holds milliseconds).
 *   <li>TIMESTAMP is the wall time, TIMESTAMP_LTZ the instant, both as {@link TimestampData} with
 *       every digit read (the declared precision applies when a row is written: {@link
 *       #timestampPrecision}).
 * </ul>
 */
@Internal
public final class FlinkValues {

    /** The scalar types FlinkX reads and writes. */
    public static final Set<LogicalTypeRoot> SCALARS =
            Collections.unmodifiableSet(
                    EnumSet.of(
                            BOOLEAN,
                            TINYINT,
                            SMALLINT,
                            INTEGER,
                            BIGINT,
                            FLOAT,
                            DOUBLE,
                            DECIMAL,
                            CHAR,
                            VARCHAR,
                            BINARY,
                            VARBINARY,
                            DATE,
                            TIME_WITHOUT_TIME_ZONE,
                            TIMESTAMP_WITHOUT_TIME_ZONE,
                            TIMESTAMP_WITH_LOCAL_TIME_ZONE));

    /** {@link #SCALARS} as the SQL names users declare, for messages. */
    public static final String SCALAR_NAMES =
            "BOOLEAN, TINYINT, SMALLINT, INT, BIGINT, FLOAT, DOUBLE, DECIMAL, CHAR, VARCHAR/STRING, "
                    + "BINARY, VARBINARY/BYTES, DATE, TIME, TIMESTAMP, TIMESTAMP_LTZ";

    public static boolean isScalar(LogicalType type) {
        return SCALARS.contains(type.getTypeRoot());
    }

    /** The failure of a value whose declared type is none of {@link #SCALARS}. */
    public static IllegalArgumentException unsupported(LogicalType type) {
        return new IllegalArgumentException("unsupported type " + type);
    }

    // ------------------------------------------------------------------ numbers

    /** BOOLEAN of a boolean, or of a number (non-zero is true). */
    public static Boolean bool(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        return ((Number) value).longValue() != 0;
    }

    /** Whether the type is TINYINT, SMALLINT, INT, BIGINT, FLOAT or DOUBLE. */
    public static boolean isNumber(LogicalType type) {
        return NUMBERS.contains(type.getTypeRoot());
    }

    private static final Set<LogicalTypeRoot> NUMBERS =
            EnumSet.of(TINYINT, SMALLINT, INTEGER, BIGINT, FLOAT, DOUBLE);

    /** A number narrowed (or widened) to the internal value of an integer or floating type. */
    public static Object number(Number value, LogicalType type) {
        return switch (type.getTypeRoot()) {
            case TINYINT -> value.byteValue();
            case SMALLINT -> value.shortValue();
            case INTEGER -> value.intValue();
            case BIGINT -> value.longValue();
            case FLOAT -> value.floatValue();
            case DOUBLE -> value.doubleValue();
            default -> throw new IllegalArgumentException(type + " is not a number type");
        };
    }

    /**
     * DECIMAL of a number, at the type's scale.
     *
     * @throws IllegalArgumentException when it needs more digits than the type's precision
     */
    public static DecimalData decimal(BigDecimal value, DecimalType type) {
        DecimalData data = DecimalData.fromBigDecimal(value, type.getPrecision(), type.getScale());
        if (data == null) {
            throw new IllegalArgumentException(
                    "Value " + value.toPlainString() + " does not fit into " + type);
        }
        return data;
    }

    // ------------------------------------------------------------------ text and bytes

    public static StringData string(String value) {
        return StringData.fromString(value);
    }

    /** CHAR/VARCHAR of UTF-8 bytes (decoded, so malformed bytes read as they do in a String). */
    public static StringData stringOfUtf8(ByteBuffer utf8) {
        return StringData.fromString(new String(bytes(utf8), StandardCharsets.UTF_8));
    }

    /** BINARY/VARBINARY of bytes, a byte buffer (its remaining bytes) or text (its UTF-8 bytes). */
    public static byte[] binary(Object value) {
        if (value instanceof byte[] b) {
            return b;
        }
        if (value instanceof ByteBuffer buffer) {
            return bytes(buffer);
        }
        return value.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }

    // ------------------------------------------------------------------ dates and times

    /** DATE: the day since 1970-01-01. */
    public static int date(LocalDate value) {
        return (int) value.toEpochDay();
    }

    /** TIME: the millisecond of the day. */
    public static int time(LocalTime value) {
        return timeOfNanos(value.toNanoOfDay());
    }

    public static int timeOfMicros(long microOfDay) {
        return (int) (microOfDay / 1000);
    }

    public static int timeOfNanos(long nanoOfDay) {
        return (int) (nanoOfDay / 1_000_000L);
    }

    /** TIMESTAMP: a wall time. */
    public static TimestampData timestamp(LocalDateTime value) {
        return TimestampData.fromLocalDateTime(value);
    }

    /** TIMESTAMP_LTZ: an instant. */
    public static TimestampData timestamp(Instant value) {
        return TimestampData.fromInstant(value);
    }

    /**
     * A timestamp given as a count since the epoch: an instant, or (for TIMESTAMP) a wall time
     * written as if it were in UTC.
     */
    public static TimestampData timestampOfEpochMillis(long millis) {
        return TimestampData.fromEpochMillis(millis);
    }

    public static TimestampData timestampOfEpochMicros(long micros) {
        return TimestampData.fromEpochMillis(
                Math.floorDiv(micros, 1000), (int) Math.floorMod(micros, 1000) * 1000);
    }

    public static TimestampData timestampOfEpochNanos(long nanos) {
        return TimestampData.fromEpochMillis(
                Math.floorDiv(nanos, 1_000_000), (int) Math.floorMod(nanos, 1_000_000));
    }

    /** The precision of a TIMESTAMP, TIMESTAMP_LTZ or TIMESTAMP WITH TIME ZONE type. */
    public static int timestampPrecision(LogicalType type) {
        if (type instanceof TimestampType t) {
            return t.getPrecision();
        }
        if (type instanceof LocalZonedTimestampType t) {
            return t.getPrecision();
        }
        if (type instanceof ZonedTimestampType t) {
            return t.getPrecision();
        }
        throw new IllegalArgumentException("Not a timestamp: " + type);
    }

    private FlinkValues() {}
}
