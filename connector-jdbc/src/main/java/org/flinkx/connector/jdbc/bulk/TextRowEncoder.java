package org.flinkx.connector.jdbc.bulk;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.io.schubfach.FloatToDecimal;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.data.binary.BinaryStringData;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;

/**
 * Encodes rows as the tab-separated text that PostgreSQL's {@code COPY ... FROM STDIN} (text
 * format) and MariaDB's {@code LOAD DATA ... FIELDS TERMINATED BY '\t' ESCAPED BY '\\'} both read:
 * fields separated by tabs, rows by newlines, NULL as {@code \N}, and backslash, tab, newline and
 * carriage return (and NUL for MariaDB) escaped with a backslash. Strings are copied as the UTF-8
 * bytes Flink already holds; numbers and dates are written without intermediate strings where that
 * is simple. One encoder per row type; field encoders are chosen once.
 */
@Internal
public final class TextRowEncoder {

    /** What the two databases read differently. */
    public enum Flavor {
        /** PostgreSQL COPY text format: bytea as {@code \\x<hex>}, instants with {@code +00}. */
        POSTGRES_COPY,
        /** MariaDB/MySQL LOAD DATA: microseconds at most, UTC wall time (the session is UTC). */
        MYSQL_LOAD_DATA
    }

    @FunctionalInterface
    private interface FieldEncoder {
        void encode(RowData row, int field, TextRowEncoder out);
    }

    private static final byte[] NULL = {'\\', 'N'};
    private static final byte[] UTC_SUFFIX = {'+', '0', '0'};
    private static final byte[] TWO_DIGITS = new byte[200];

    static {
        for (int i = 0; i < 100; i++) {
            TWO_DIGITS[2 * i] = (byte) ('0' + i / 10);
            TWO_DIGITS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    /** 0001-01-01 and 9999-12-31: years of four digits, written digit by digit. */
    private static final long MIN_FAST_DAY = LocalDate.of(1, 1, 1).toEpochDay();

    private static final long MAX_FAST_DAY = LocalDate.of(9999, 12, 31).toEpochDay();

    private final Flavor flavor;
    private final FieldEncoder[] encoders;
    private byte[] buffer = new byte[1 << 16];
    private int length;

    private TextRowEncoder(Flavor flavor, FieldEncoder[] encoders) {
        this.flavor = flavor;
        this.encoders = encoders;
    }

    /** The encoder for the row type, or null when a field type has no text encoding here. */
    public static TextRowEncoder forType(RowType type, Flavor flavor) {
        List<LogicalType> fields = type.getChildren();
        FieldEncoder[] encoders = new FieldEncoder[fields.size()];
        for (int i = 0; i < encoders.length; i++) {
            encoders[i] = encoder(fields.get(i), flavor);
            if (encoders[i] == null) {
                return null;
            }
        }
        return new TextRowEncoder(flavor, encoders);
    }

    /** Whether every field type has a text encoding here. */
    public static boolean supports(RowType type, Flavor flavor) {
        return forType(type, flavor) != null;
    }

    private static FieldEncoder encoder(LogicalType type, Flavor flavor) {
        switch (type.getTypeRoot()) {
            case BOOLEAN:
                // '1'/'0': read as booleans by both, and accepted by PostgreSQL bit(1) columns too.
                return (row, f, out) -> out.put(row.getBoolean(f) ? (byte) '1' : (byte) '0');
            case TINYINT:
                return (row, f, out) -> out.putLong(row.getByte(f));
            case SMALLINT:
                return (row, f, out) -> out.putLong(row.getShort(f));
            case INTEGER:
                return (row, f, out) -> out.putLong(row.getInt(f));
            case BIGINT:
                return (row, f, out) -> out.putLong(row.getLong(f));
            case FLOAT:
                // Schubfach (as in Jackson and JDK 19+): the shortest text that reads back as the
                // same value, several times faster than JDK 17's Float/Double.toString.
                return (row, f, out) -> out.putAscii(FloatToDecimal.toString(row.getFloat(f)));
            case DOUBLE:
                return (row, f, out) -> out.putAscii(DoubleToDecimal.toString(row.getDouble(f)));
            case DECIMAL:
                DecimalType decimal = (DecimalType) type;
                int precision = decimal.getPrecision();
                int scale = decimal.getScale();
                return (row, f, out) -> out.putDecimal(row.getDecimal(f, precision, scale), scale);
            case CHAR:
            case VARCHAR:
                return (row, f, out) -> out.putEscaped(row.getString(f));
            case BINARY:
            case VARBINARY:
                if (flavor != Flavor.POSTGRES_COPY) {
                    return null; // LOAD DATA would read the bytes in the load's character set
                }
                return (row, f, out) -> out.putByteaHex(row.getBinary(f));
            case DATE:
                return (row, f, out) -> out.putDate(row.getInt(f));
            case TIME_WITHOUT_TIME_ZONE:
                return (row, f, out) -> out.putTime(row.getInt(f) * 1_000_000L);
            case TIMESTAMP_WITHOUT_TIME_ZONE:
                int precisionTs =
                        org.apache.flink.table.types.logical.utils.LogicalTypeChecks.getPrecision(
                                type);
                return (row, f, out) -> out.putTimestamp(row.getTimestamp(f, precisionTs), false);
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                int precisionLtz =
                        org.apache.flink.table.types.logical.utils.LogicalTypeChecks.getPrecision(
                                type);
                // the instant's UTC wall time
                return (row, f, out) -> out.putTimestamp(row.getTimestamp(f, precisionLtz), true);
            default:
                return null;
        }
    }

    /** Appends one row (fields in row order) and its newline. */
    public void add(RowData row) {
        for (int i = 0; i < encoders.length; i++) {
            if (i > 0) {
                put((byte) '\t');
            }
            if (row.isNullAt(i)) {
                put(NULL, 0, 2);
            } else {
                encoders[i].encode(row, i, this);
            }
        }
        put((byte) '\n');
    }

    public byte[] buffer() {
        return buffer;
    }

    public int length() {
        return length;
    }

    public void reset() {
        length = 0;
        if (buffer.length > 1 << 24) {
            buffer = new byte[1 << 16]; // do not keep an outsized batch's buffer
        }
    }

    // ------------------------------------------------------------------ primitives

    private void ensure(int extra) {
        if (length + extra > buffer.length) {
            byte[] bigger = new byte[Math.max(buffer.length * 2, length + extra)];
            System.arraycopy(buffer, 0, bigger, 0, length);
            buffer = bigger;
        }
    }

    private void put(byte b) {
        ensure(1);
        buffer[length++] = b;
    }

    private void put(byte[] bytes, int offset, int count) {
        ensure(count);
        System.arraycopy(bytes, offset, buffer, length, count);
        length += count;
    }

    private void putAscii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            buffer[length++] = (byte) s.charAt(i);
        }
    }

    private void putLong(long value) {
        if (value == Long.MIN_VALUE) {
            putAscii(Long.toString(value));
            return;
        }
        ensure(20);
        if (value < 0) {
            buffer[length++] = '-';
            value = -value;
        }
        int digits = 1;
        for (long v = value; v >= 10; v /= 10) {
            digits++;
        }
        int end = length + digits;
        for (int p = end - 1; p >= length; p--) {
            buffer[p] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length = end;
    }

    private void putDecimal(DecimalData value, int scale) {
        if (!value.isCompact() || scale == 0) {
            putAscii(value.toBigDecimal().toPlainString());
            return;
        }
        long unscaled = value.toUnscaledLong();
        if (unscaled < 0) {
            put((byte) '-');
            unscaled = -unscaled;
        }
        long divisor = 1;
        for (int i = 0; i < scale; i++) {
            divisor *= 10;
        }
        putLong(unscaled / divisor);
        put((byte) '.');
        long fraction = unscaled % divisor;
        ensure(scale);
        for (int p = length + scale - 1; p >= length; p--) {
            buffer[p] = (byte) ('0' + fraction % 10);
            fraction /= 10;
        }
        length += scale;
    }

    private void putEscaped(StringData value) {
        byte[] bytes;
        int offset;
        int count;
        org.apache.flink.core.memory.MemorySegment[] segments =
                value instanceof BinaryStringData binary && binary.getJavaObject() == null
                        ? binary.getSegments()
                        : null;
        if (segments != null && segments.length == 1 && !segments[0].isOffHeap()) {
            // The bytes inside Flink's row, copied once, straight into the load buffer.
            BinaryStringData binary = (BinaryStringData) value;
            bytes = segments[0].getArray();
            offset = binary.getOffset();
            count = binary.getSizeInBytes();
        } else {
            bytes = value.toBytes();
            offset = 0;
            count = bytes.length;
        }
        ensure(count * 2);
        int end = offset + count;
        int run = offset; // start of the bytes not yet copied
        for (int i = offset; i < end; i++) {
            byte b = bytes[i];
            if ((b > '\r' && b != '\\') || b < 0) {
                continue; // the common case: nothing to escape
            }
            byte escaped = escapeOf(b);
            if (escaped == 0) {
                continue;
            }
            System.arraycopy(bytes, run, buffer, length, i - run);
            length += i - run;
            buffer[length++] = '\\';
            buffer[length++] = escaped;
            run = i + 1;
        }
        System.arraycopy(bytes, run, buffer, length, end - run);
        length += end - run;
    }

    /**
     * The letter after the backslash for a byte that needs escaping, or 0. NUL becomes {@code \0}:
     * MariaDB reads it back as NUL; PostgreSQL text cannot hold NUL and rejects the row either way.
     */
    private static byte escapeOf(byte b) {
        return switch (b) {
            case '\\' -> '\\';
            case '\t' -> 't';
            case '\n' -> 'n';
            case '\r' -> 'r';
            case 0 -> '0';
            default -> 0;
        };
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private void putByteaHex(byte[] value) {
        ensure(3 + value.length * 2);
        // \x<hex>, with the backslash itself escaped for the COPY text format.
        buffer[length++] = '\\';
        buffer[length++] = '\\';
        buffer[length++] = 'x';
        for (byte b : value) {
            buffer[length++] = HEX[(b >> 4) & 0xF];
            buffer[length++] = HEX[b & 0xF];
        }
    }

    private void putTwo(int value) {
        buffer[length++] = TWO_DIGITS[2 * value];
        buffer[length++] = TWO_DIGITS[2 * value + 1];
    }

    private void putDate(long epochDay) {
        if (epochDay < MIN_FAST_DAY || epochDay > MAX_FAST_DAY) {
            putAscii(LocalDate.ofEpochDay(epochDay).toString()); // read as the database reads it
            return;
        }
        // civil date from days since 1970-01-01 (Howard Hinnant's algorithm)
        long z = epochDay + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra =
                (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long monthIndex = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * monthIndex + 2) / 5 + 1);
        int month = (int) (monthIndex < 10 ? monthIndex + 3 : monthIndex - 9);
        int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        ensure(10);
        putTwo(year / 100);
        putTwo(year % 100);
        buffer[length++] = '-';
        putTwo(month);
        buffer[length++] = '-';
        putTwo(day);
    }

    private void putTime(long nanoOfDay) {
        ensure(18);
        long seconds = nanoOfDay / 1_000_000_000L;
        putTwo((int) (seconds / 3600));
        buffer[length++] = ':';
        putTwo((int) (seconds / 60 % 60));
        buffer[length++] = ':';
        putTwo((int) (seconds % 60));
        putFraction((int) (nanoOfDay % 1_000_000_000L));
    }

    /** Date and time of day from the epoch millis (UTC wall time), no intermediate objects. */
    private void putTimestamp(TimestampData value, boolean utcInstant) {
        long millis = value.getMillisecond();
        long epochDay = Math.floorDiv(millis, 86_400_000L);
        long milliOfDay = Math.floorMod(millis, 86_400_000L);
        putDate(epochDay);
        put((byte) ' ');
        putTime(milliOfDay * 1_000_000L + value.getNanoOfMillisecond());
        if (utcInstant && flavor == Flavor.POSTGRES_COPY) {
            put(UTC_SUFFIX, 0, UTC_SUFFIX.length);
        }
    }

    /** {@code .ffffff}: nanoseconds for PostgreSQL (it rounds), microseconds for MariaDB. */
    private void putFraction(int nanos) {
        if (nanos == 0) {
            return;
        }
        int digits = 9;
        int value = nanos;
        if (flavor == Flavor.MYSQL_LOAD_DATA) {
            digits = 6;
            value = nanos / 1000;
            if (value == 0) {
                return;
            }
        }
        ensure(digits + 1);
        buffer[length++] = '.';
        for (int p = length + digits - 1; p >= length; p--) {
            buffer[p] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length += digits;
    }
}
