package org.flinkx.connector.common.text;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import org.apache.flink.annotation.Internal;
import org.apache.flink.core.memory.MemorySegment;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.io.schubfach.FloatToDecimal;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.data.binary.BinarySegmentUtils;
import org.apache.flink.table.data.binary.BinaryStringData;

/**
 * A growing byte buffer that writes Flink values as UTF-8 text the way bulk loads read them
 * (PostgreSQL {@code COPY}, MariaDB {@code LOAD DATA}, StarRocks Stream Load), reused from row to
 * row: Flink's strings are copied as the UTF-8 bytes they already are, numbers, dates and times are
 * written digit by digit without intermediate strings or {@code java.time} objects, floating-point
 * numbers with Schubfach (the shortest text that reads back as the same value, as JDK 19+ and
 * Jackson write them; several times faster than JDK 17's {@code Double.toString}).
 *
 * <p>Dates are {@code yyyy-MM-dd}, times {@code HH:mm:ss} with a fraction of a chosen number of
 * digits; years outside 0001-9999 are written as {@link LocalDate#toString()} writes them.
 */
@Internal
public final class TextBytes {

    /** How a fraction of a second is written. */
    public enum Fraction {
        /** Nine digits when not zero (PostgreSQL rounds what it cannot keep). */
        NANOS,
        /** Six digits when the microseconds are not zero (MariaDB's and StarRocks' DATETIME). */
        MICROS,
        /** Up to six digits, trailing zeros dropped; nothing when zero. */
        MICROS_TRIMMED
    }

    private static final byte[] TWO_DIGITS = new byte[200];

    static {
        for (int i = 0; i < 100; i++) {
            TWO_DIGITS[2 * i] = (byte) ('0' + i / 10);
            TWO_DIGITS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private static final long MIN_FAST_DAY = LocalDate.of(1, 1, 1).toEpochDay();
    private static final long MAX_FAST_DAY = LocalDate.of(9999, 12, 31).toEpochDay();
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private final int capacity;
    private byte[] bytes;
    private int length;

    public TextBytes(int capacity) {
        this.capacity = capacity;
        this.bytes = new byte[capacity];
    }

    /** The backing array; its first {@link #length()} bytes are the text. */
    public byte[] array() {
        return bytes;
    }

    public int length() {
        return length;
    }

    public void reset() {
        length = 0;
    }

    /**
     * Empties the buffer; an array grown past {@code maxKept} bytes goes back to the first size.
     */
    public void reset(int maxKept) {
        length = 0;
        if (bytes.length > maxKept) {
            bytes = new byte[capacity];
        }
    }

    /** Drops everything from {@code position} on. */
    public void truncate(int position) {
        length = position;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    /** The bytes from {@code from} to the end. */
    public byte[] copyFrom(int from) {
        return Arrays.copyOfRange(bytes, from, length);
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, length);
    }

    /** Makes room for {@code more} bytes. */
    public void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

    // ------------------------------------------------------------------ bytes and strings

    public void put(byte b) {
        ensure(1);
        bytes[length++] = b;
    }

    public void put(byte[] b) {
        put(b, 0, b.length);
    }

    public void put(byte[] b, int offset, int count) {
        ensure(count);
        System.arraycopy(b, offset, bytes, length, count);
        length += count;
    }

    /** A Java string as UTF-8; ASCII (most text) without an intermediate array. */
    public void putString(String text) {
        int n = text.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                put(text.substring(i).getBytes(StandardCharsets.UTF_8));
                return;
            }
            bytes[length++] = (byte) c;
        }
    }

    /** A Flink string's UTF-8 bytes, copied from its memory when it has them. */
    public void putString(StringData value) {
        if (value instanceof BinaryStringData binary) {
            int size = binary.getSizeInBytes();
            ensure(size);
            BinarySegmentUtils.copyToBytes(
                    binary.getSegments(), binary.getOffset(), bytes, length, size);
            length += size;
        } else {
            put(value.toBytes());
        }
    }

    /**
     * A Flink string's UTF-8 bytes with a backslash put before each byte {@code b} for which {@code
     * escapes[b & 0xFF]} is not 0, and that letter in place of the byte ({@code '\t'} → {@code
     * \t}).
     */
    public void putEscaped(StringData value, byte[] escapes) {
        byte[] source;
        int offset;
        int count;
        MemorySegment[] segments =
                value instanceof BinaryStringData binary && binary.getJavaObject() == null
                        ? binary.getSegments()
                        : null;
        if (segments != null && segments.length == 1 && !segments[0].isOffHeap()) {
            BinaryStringData binary = (BinaryStringData) value;
            source = segments[0].getArray();
            offset = binary.getOffset();
            count = binary.getSizeInBytes();
        } else {
            source = value.toBytes();
            offset = 0;
            count = source.length;
        }
        ensure(count * 2);
        int end = offset + count;
        int run = offset; // start of the bytes not yet copied
        for (int i = offset; i < end; i++) {
            byte letter = escapes[source[i] & 0xFF];
            if (letter == 0) {
                continue;
            }
            System.arraycopy(source, run, bytes, length, i - run);
            length += i - run;
            bytes[length++] = '\\';
            bytes[length++] = letter;
            run = i + 1;
        }
        System.arraycopy(source, run, bytes, length, end - run);
        length += end - run;
    }

    // ------------------------------------------------------------------ numbers

    public void putLong(long value) {
        if (value == Long.MIN_VALUE) {
            putString(Long.toString(value));
            return;
        }
        if (value < 0) {
            put((byte) '-');
            value = -value;
        }
        int digits = 1;
        for (long rest = value / 10; rest != 0; rest /= 10) {
            digits++;
        }
        putDigits(value, digits);
    }

    /** {@code value} (not negative) as exactly {@code width} digits, zero-padded. */
    public void putDigits(long value, int width) {
        ensure(width);
        for (int i = length + width - 1; i >= length; i--) {
            bytes[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length += width;
    }

    /** In plain notation (no exponent), all the scale's digits. */
    public void putDecimal(DecimalData value) {
        int scale = value.scale();
        if (!value.isCompact() || scale >= POWERS_OF_TEN.length) {
            putString(value.toBigDecimal().toPlainString());
            return;
        }
        long unscaled = value.toUnscaledLong();
        if (scale == 0) {
            putLong(unscaled);
            return;
        }
        if (unscaled < 0) {
            put((byte) '-');
            unscaled = -unscaled;
        }
        long power = POWERS_OF_TEN[scale];
        putLong(unscaled / power);
        put((byte) '.');
        putDigits(unscaled % power, scale);
    }

    public void putDouble(double value) {
        putString(DoubleToDecimal.toString(value));
    }

    public void putFloat(float value) {
        putString(FloatToDecimal.toString(value));
    }

    // ------------------------------------------------------------------ dates and times

    private void putTwo(int value) {
        bytes[length++] = TWO_DIGITS[2 * value];
        bytes[length++] = TWO_DIGITS[2 * value + 1];
    }

    /** {@code yyyy-MM-dd} of days since 1970-01-01. */
    public void putDate(long epochDay) {
        if (epochDay < MIN_FAST_DAY || epochDay > MAX_FAST_DAY) {
            putString(LocalDate.ofEpochDay(epochDay).toString());
            return;
        }
        // the civil date from the day number (Howard Hinnant's algorithm)
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
        bytes[length++] = '-';
        putTwo(month);
        bytes[length++] = '-';
        putTwo(day);
    }

    /** {@code HH:mm:ss[.f]} of a time of day in nanoseconds. */
    public void putTime(long nanoOfDay, Fraction fraction) {
        ensure(8);
        long seconds = nanoOfDay / 1_000_000_000L;
        putTwo((int) (seconds / 3600));
        bytes[length++] = ':';
        putTwo((int) (seconds / 60 % 60));
        bytes[length++] = ':';
        putTwo((int) (seconds % 60));
        putFraction((int) (nanoOfDay % 1_000_000_000L), fraction);
    }

    /** {@code yyyy-MM-dd HH:mm:ss[.f]}: the wall time of the epoch value (UTC for instants). */
    public void putTimestamp(TimestampData value, Fraction fraction) {
        long millis = value.getMillisecond();
        putDate(Math.floorDiv(millis, MILLIS_PER_DAY));
        put((byte) ' ');
        putTime(
                Math.floorMod(millis, MILLIS_PER_DAY) * 1_000_000L + value.getNanoOfMillisecond(),
                fraction);
    }

    private void putFraction(int nanos, Fraction fraction) {
        int digits = 9;
        long value = nanos;
        if (fraction != Fraction.NANOS) {
            digits = 6;
            value = nanos / 1000;
        }
        if (value == 0) {
            return;
        }
        if (fraction == Fraction.MICROS_TRIMMED) {
            while (value % 10 == 0) {
                value /= 10;
                digits--;
            }
        }
        put((byte) '.');
        putDigits(value, digits);
    }

    // ------------------------------------------------------------------ searching

    /** Whether the bytes from {@code from} to the end contain {@code needle} (not empty). */
    public boolean contains(int from, byte[] needle) {
        byte first = needle[0];
        int last = length - needle.length;
        outer:
        for (int i = from; i <= last; i++) {
            if (bytes[i] != first) {
                continue;
            }
            for (int k = 1; k < needle.length; k++) {
                if (bytes[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * Whether the bytes from {@code from} to the end contain one of {@code needles} (none empty);
     * {@code firstBytes[b & 0xFF]} tells whether a needle starts with byte {@code b}, so the text
     * is scanned once.
     */
    public boolean containsAny(int from, boolean[] firstBytes, byte[][] needles) {
        for (int i = from; i < length; i++) {
            if (firstBytes[bytes[i] & 0xFF] && startsAnyAt(i, needles)) {
                return true;
            }
        }
        return false;
    }

    private boolean startsAnyAt(int position, byte[][] needles) {
        for (byte[] needle : needles) {
            if (Arrays.equals(
                    bytes,
                    position,
                    Math.min(length, position + needle.length),
                    needle,
                    0,
                    needle.length)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the bytes from {@code from} to the end are exactly {@code text}. */
    public boolean equalsFrom(int from, byte[] text) {
        return Arrays.equals(bytes, from, length, text, 0, text.length);
    }
}
