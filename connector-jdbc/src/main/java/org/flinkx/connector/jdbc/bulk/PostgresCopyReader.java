package org.flinkx.connector.jdbc.bulk;

import ch.randelshofer.fastdoubleparser.JavaBigDecimalParser;
import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import ch.randelshofer.fastdoubleparser.JavaFloatParser;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * Reads a split with {@code COPY (SELECT ...) TO STDOUT} (text format) and parses each row's
 * tab-separated fields straight from the bytes pgjdbc hands over: strings are wrapped as UTF-8
 * without decoding, integers, decimals, dates and timestamps parsed without intermediate objects
 * where simple. Only columns whose PostgreSQL type matches the declared Flink type are read this
 * way ({@link #supports}); the output formats relied on are pgjdbc's session settings (UTF8,
 * DateStyle ISO) and PostgreSQL's defaults for the rest.
 */
@Internal
public final class PostgresCopyReader implements BulkReader {

    @Override
    public boolean supports(Connection connection, String selectSql, RowType columns)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(selectSql)) {
            ResultSetMetaData metadata = statement.getMetaData();
            if (metadata == null || metadata.getColumnCount() != columns.getFieldCount()) {
                return false;
            }
            for (int i = 0; i < columns.getFieldCount(); i++) {
                if (!accepts(columns.getTypeAt(i), metadata.getColumnTypeName(i + 1))) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final Set<String> INTEGERS = Set.of("int2", "int4", "int8");
    private static final Set<String> TEXT =
            Set.of("text", "varchar", "bpchar", "json", "jsonb", "uuid");

    static boolean accepts(LogicalType type, String pgType) {
        return switch (type.getTypeRoot()) {
            case BOOLEAN -> pgType.equals("bool");
            case TINYINT, SMALLINT, INTEGER, BIGINT -> INTEGERS.contains(pgType);
            case FLOAT, DOUBLE ->
                    pgType.equals("float4") || pgType.equals("float8") || INTEGERS.contains(pgType);
            case DECIMAL -> pgType.equals("numeric") || INTEGERS.contains(pgType);
            case CHAR, VARCHAR -> TEXT.contains(pgType);
            case DATE -> pgType.equals("date");
            case TIME_WITHOUT_TIME_ZONE -> pgType.equals("time");
            case TIMESTAMP_WITHOUT_TIME_ZONE -> pgType.equals("timestamp");
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> pgType.equals("timestamptz");
            default -> false;
        };
    }

    @Override
    public String literal(Object value) {
        if (value instanceof Long
                || value instanceof Integer
                || value instanceof Short
                || value instanceof Byte) {
            return value.toString();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Boolean b) {
            return b ? "TRUE" : "FALSE";
        }
        if (value instanceof Double || value instanceof Float) {
            return "'" + value + "'"; // quoted: NaN and Infinity too; coerced to the column type
        }
        if (value instanceof String s) {
            if (s.indexOf('\\') >= 0 || s.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("string with a backslash");
            }
            return "'" + s.replace("'", "''") + "'";
        }
        if (value instanceof LocalDate
                || value instanceof LocalDateTime
                || value instanceof LocalTime
                || value instanceof Instant
                || value instanceof OffsetDateTime) {
            return "'" + value + "'";
        }
        throw new IllegalArgumentException(
                "no literal for " + (value == null ? null : value.getClass()));
    }

    @Override
    public BulkRows open(Connection connection, String selectSql, RowType columns)
            throws SQLException {
        CopyOut copy =
                connection
                        .unwrap(PGConnection.class)
                        .getCopyAPI()
                        .copyOut("COPY (" + selectSql + ") TO STDOUT");
        return new CopyRows(copy, columns.getChildren());
    }

    // ------------------------------------------------------------------ parsing

    @FunctionalInterface
    private interface FieldParser {
        Object parse(byte[] b, int start, int end);
    }

    private static final class CopyRows implements BulkRows {
        private final CopyOut copy;
        private final FieldParser[] parsers;

        CopyRows(CopyOut copy, List<LogicalType> types) {
            this.copy = copy;
            this.parsers =
                    types.stream().map(PostgresCopyReader::parser).toArray(FieldParser[]::new);
        }

        @Override
        public BulkRow next() throws SQLException {
            byte[] row = copy.readFromCopy();
            if (row == null) {
                return null;
            }
            CopyRow result = new CopyRow(row, parsers);
            result.split(); // here, on the reading thread; the fields are parsed where emitted
            return result;
        }

        @Override
        public void close() throws SQLException {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** One row's text; split into fields on first access, in one pass that also notes escapes. */
    private static final class CopyRow implements BulkRow {
        private final byte[] row;
        private final FieldParser[] parsers;
        private int[] bounds; // start, end and escaped (0/1) per field

        CopyRow(byte[] row, FieldParser[] parsers) {
            this.row = row;
            this.parsers = parsers;
        }

        void split() {
            int[] result = new int[parsers.length * 3];
            int end = row.length > 0 && row[row.length - 1] == '\n' ? row.length - 1 : row.length;
            int field = 0;
            int start = 0;
            int escaped = 0;
            for (int i = 0; i <= end; i++) {
                byte b = i == end ? (byte) '\t' : row[i];
                if (b == '\t') {
                    if (field == parsers.length) {
                        field++;
                        break;
                    }
                    result[3 * field] = start;
                    result[3 * field + 1] = i;
                    result[3 * field + 2] = escaped;
                    field++;
                    start = i + 1;
                    escaped = 0;
                } else if (b == '\\') {
                    escaped = 1;
                }
            }
            if (field != parsers.length) {
                throw new IllegalArgumentException(
                        "COPY returned a row with "
                                + field
                                + " fields, expected "
                                + parsers.length);
            }
            bounds = result;
        }

        @Override
        public Object field(int index) {
            if (bounds == null) {
                split();
            }
            int start = bounds[3 * index];
            int end = bounds[3 * index + 1];
            if (bounds[3 * index + 2] == 0) {
                return parsers[index].parse(row, start, end);
            }
            if (end - start == 2 && row[start + 1] == 'N') {
                return null;
            }
            byte[] plain = unescape(row, start, end);
            return parsers[index].parse(plain, 0, plain.length);
        }

        @Override
        public int size() {
            return row.length;
        }

        @Override
        public String raw() {
            return new String(row, StandardCharsets.UTF_8).replace('\t', ',').trim();
        }
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

    private static FieldParser parser(LogicalType type) {
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
                return PostgresCopyReader::parseLong;
            case FLOAT:
                return (b, s, e) -> JavaFloatParser.parseFloat(b, s, e - s);
            case DOUBLE:
                return (b, s, e) -> JavaDoubleParser.parseDouble(b, s, e - s);
            case DECIMAL:
                DecimalType decimal = (DecimalType) type;
                return (b, s, e) -> {
                    DecimalData value =
                            DecimalData.fromBigDecimal(
                                    JavaBigDecimalParser.parseBigDecimal(b, s, e - s),
                                    decimal.getPrecision(),
                                    decimal.getScale());
                    if (value == null) {
                        throw bad(b, s, e, type.toString() + " (it does not fit)");
                    }
                    return value;
                };
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

    private static IllegalArgumentException bad(byte[] b, int s, int e, String type) {
        return new IllegalArgumentException(
                "'" + new String(b, s, e - s, StandardCharsets.UTF_8) + "' is not a valid " + type);
    }

    private static String ascii(byte[] b, int s, int e) {
        return new String(b, s, e - s, StandardCharsets.ISO_8859_1);
    }

    private static long checked(long value, long min, long max, byte[] b, int s, int e) {
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

    private static int digits(byte[] b, int from, int count, int s, int e) {
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
    private static LocalDate parseDate(byte[] b, int s, int e) {
        if (e - s != 10 || b[s + 4] != '-' || b[s + 7] != '-') {
            throw bad(b, s, e, "date (yyyy-MM-dd)");
        }
        return LocalDate.of(
                digits(b, s, 4, s, e), digits(b, s + 5, 2, s, e), digits(b, s + 8, 2, s, e));
    }

    /** {@code HH:mm:ss[.ffffff]} from {@code s}; returns nanos of day, stops at {@code e}. */
    private static long parseTime(byte[] b, int s, int e) {
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

    private static LocalDateTime parseTimestamp(byte[] b, int s, int e) {
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
    private static Instant parseInstant(byte[] b, int s, int e) {
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
}
