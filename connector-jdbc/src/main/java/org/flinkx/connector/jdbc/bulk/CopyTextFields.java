package org.flinkx.connector.jdbc.bulk;

import ch.randelshofer.fastdoubleparser.JavaBigDecimalParser;
import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import ch.randelshofer.fastdoubleparser.JavaFloatParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LogicalType;
import org.flinkx.connector.common.convert.FlinkValues;

/**
 * The fields of PostgreSQL's COPY text format, parsed from the bytes without intermediate objects
 * where simple: escapes, integers, decimals, floating point numbers, dates, times and timestamps in
 * the forms PostgreSQL writes with DateStyle ISO. {@link PostgresCopyReader} splits the rows.
 */
final class CopyTextFields {

    /** Parses one field's bytes {@code [start, end)} into Flink's internal value. */
    @FunctionalInterface
    interface FieldParser {
        Object parse(byte[] b, int start, int end);
    }

    /** COPY text escapes: backslash followed by b f n r t v, an octal number or a letter itself. */
    static byte[] unescape(byte[] b, int start, int end) {
        byte[] out = new byte[end - start];
        int n = 0;
        for (int i = start; i < end; i++) {
            byte c = b[i];
            if (c != '\\' || i + 1 == end) {
                out[n++] = c;
                continue;
            }
            byte e = b[++i];
            switch (e) {
                case 'b' -> out[n++] = '\b';
                case 'f' -> out[n++] = '\f';
                case 'n' -> out[n++] = '\n';
                case 'r' -> out[n++] = '\r';
                case 't' -> out[n++] = '\t';
                case 'v' -> out[n++] = 0x0B;
                default -> {
                    if (e >= '0' && e <= '7') {
                        int value = e - '0';
                        for (int k = 0;
                                k < 2 && i + 1 < end && b[i + 1] >= '0' && b[i + 1] <= '7';
                                k++) {
                            value = value * 8 + (b[++i] - '0');
                        }
                        out[n++] = (byte) value;
                    } else {
                        out[n++] = e;
                    }
                }
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    static FieldParser parser(LogicalType type) {
        switch (type.getTypeRoot()) {
            case BOOLEAN:
                return (b, s, e) -> {
                    if (e - s != 1 || (b[s] != 't' && b[s] != 'f')) {
                        throw bad(b, s, e, "boolean");
                    }
                    return b[s] == 't';
                };
            case TINYINT:
                return (b, s, e) ->
                        (byte) checked(parseLong(b, s, e), Byte.MIN_VALUE, Byte.MAX_VALUE, b, s, e);
            case SMALLINT:
                return (b, s, e) ->
                        (short)
                                checked(
                                        parseLong(b, s, e),
                                        Short.MIN_VALUE,
                                        Short.MAX_VALUE,
                                        b,
                                        s,
                                        e);
            case INTEGER:
                return (b, s, e) ->
                        (int)
                                checked(
                                        parseLong(b, s, e),
                                        Integer.MIN_VALUE,
                                        Integer.MAX_VALUE,
                                        b,
                                        s,
                                        e);
            case BIGINT:
                return CopyTextFields::parseLong;
            case FLOAT:
                return (b, s, e) -> JavaFloatParser.parseFloat(b, s, e - s);
            case DOUBLE:
                return (b, s, e) -> JavaDoubleParser.parseDouble(b, s, e - s);
            case DECIMAL:
                DecimalType decimal = (DecimalType) type;
                return (b, s, e) ->
                        FlinkValues.decimal(
                                JavaBigDecimalParser.parseBigDecimal(b, s, e - s), decimal);
            case CHAR:
            case VARCHAR:
                return (b, s, e) -> StringData.fromBytes(java.util.Arrays.copyOfRange(b, s, e));
            case DATE:
                return (b, s, e) -> (int) parseDate(b, s, e).toEpochDay();
            case TIME_WITHOUT_TIME_ZONE:
                return (b, s, e) -> (int) (parseTime(b, s, e) / 1_000_000L);
            case TIMESTAMP_WITHOUT_TIME_ZONE:
                return (b, s, e) -> TimestampData.fromLocalDateTime(parseTimestamp(b, s, e));
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                return (b, s, e) -> TimestampData.fromInstant(parseInstant(b, s, e));
            default:
                throw new IllegalArgumentException("COPY parsing does not support " + type);
        }
    }

    static IllegalArgumentException bad(byte[] b, int s, int e, String type) {
        return new IllegalArgumentException(
                "'" + new String(b, s, e - s, StandardCharsets.UTF_8) + "' is not a valid " + type);
    }

    static String ascii(byte[] b, int s, int e) {
        return new String(b, s, e - s, StandardCharsets.ISO_8859_1);
    }

    static long checked(long value, long min, long max, byte[] b, int s, int e) {
        if (value < min || value > max) {
            throw bad(b, s, e, "value in [" + min + ", " + max + "]");
        }
        return value;
    }

    static long parseLong(byte[] b, int s, int e) {
        if (s == e) {
            throw bad(b, s, e, "integer");
        }
        boolean negative = b[s] == '-';
        int i = negative ? s + 1 : s;
        if (i == e || e - i > 19) {
            return Long.parseLong(ascii(b, s, e)); // 19+ digits: let the JDK check the range
        }
        long value = 0;
        for (; i < e; i++) {
            int digit = b[i] - '0';
            if (digit < 0 || digit > 9) {
                throw bad(b, s, e, "integer");
            }
            value = value * 10 + digit;
        }
        if (value < 0) { // overflowed 19 digits
            return Long.parseLong(ascii(b, s, e));
        }
        return negative ? -value : value;
    }

    static int digits(byte[] b, int from, int count, int s, int e) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            int digit = i < e ? b[i] - '0' : -1;
            if (digit < 0 || digit > 9) {
                throw bad(b, s, e, "ISO date or time");
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /** {@code yyyy-MM-dd}; other forms (BC, more than 4 year digits, infinity) are rejected. */
    static LocalDate parseDate(byte[] b, int s, int e) {
        if (e - s != 10 || b[s + 4] != '-' || b[s + 7] != '-') {
            throw bad(b, s, e, "date (yyyy-MM-dd)");
        }
        return LocalDate.of(
                digits(b, s, 4, s, e), digits(b, s + 5, 2, s, e), digits(b, s + 8, 2, s, e));
    }

    /** {@code HH:mm:ss[.ffffff]} from {@code s}; returns nanos of day, stops at {@code e}. */
    static long parseTime(byte[] b, int s, int e) {
        if (e - s < 8 || b[s + 2] != ':' || b[s + 5] != ':') {
            throw bad(b, s, e, "time (HH:mm:ss)");
        }
        long nanos =
                (digits(b, s, 2, s, e) * 3600L
                                + digits(b, s + 3, 2, s, e) * 60L
                                + digits(b, s + 6, 2, s, e))
                        * 1_000_000_000L;
        int i = s + 8;
        if (i < e && b[i] == '.') {
            long fraction = 0;
            int count = 0;
            for (i++; i < e && b[i] >= '0' && b[i] <= '9'; i++, count++) {
                fraction = fraction * 10 + (b[i] - '0');
            }
            if (count == 0 || count > 9) {
                throw bad(b, s, e, "time fraction");
            }
            for (; count < 9; count++) {
                fraction *= 10;
            }
            nanos += fraction;
        }
        if (i != e) {
            throw bad(b, s, e, "time");
        }
        return nanos;
    }

    static LocalDateTime parseTimestamp(byte[] b, int s, int e) {
        if (e - s < 19 || b[s + 10] != ' ') {
            throw bad(b, s, e, "timestamp (yyyy-MM-dd HH:mm:ss[.ffffff])");
        }
        return LocalDateTime.of(
                parseDate(b, s, s + 10), LocalTime.ofNanoOfDay(parseTime(b, s + 11, e)));
    }

    /**
     * A timestamp followed by the session's offset: {@code +HH}, {@code +HH:mm} or {@code
     * +HH:mm:ss}.
     */
    static Instant parseInstant(byte[] b, int s, int e) {
        int sign = -1;
        for (int i = e - 1; i > s + 18; i--) {
            if (b[i] == '+' || b[i] == '-') {
                sign = i;
                break;
            }
        }
        if (sign < 0) {
            throw bad(b, s, e, "timestamptz");
        }
        LocalDateTime local = parseTimestamp(b, s, sign);
        int length = e - sign - 1;
        int seconds = digits(b, sign + 1, 2, s, e) * 3600;
        if (length >= 5) {
            seconds += digits(b, sign + 4, 2, s, e) * 60;
        }
        if (length >= 8) {
            seconds += digits(b, sign + 7, 2, s, e);
        }
        if (length != 2 && length != 5 && length != 8) {
            throw bad(b, s, e, "timestamptz offset");
        }
        ZoneOffset offset = ZoneOffset.ofTotalSeconds(b[sign] == '-' ? -seconds : seconds);
        return local.toInstant(offset);
    }

    private CopyTextFields() {}
}
