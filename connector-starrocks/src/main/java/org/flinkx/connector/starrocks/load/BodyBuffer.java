package org.flinkx.connector.starrocks.load;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.binary.BinarySegmentUtils;
import org.apache.flink.table.data.binary.BinaryStringData;

/**
 * The bytes of a load's body as they are encoded, reused from row to row: values go in as UTF-8
 * without passing through {@code String}s where they need not (Flink's strings are UTF-8 already,
 * numbers and dates are written digit by digit).
 */
@Internal
final class BodyBuffer {

    private byte[] bytes;
    private int length;

    BodyBuffer(int capacity) {
        bytes = new byte[capacity];
    }

    int length() {
        return length;
    }

    void reset() {
        length = 0;
    }

    /** Drops everything after {@code position}. */
    void truncate(int position) {
        length = position;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    /** The bytes from {@code from} to the end. */
    byte[] copyFrom(int from) {
        return Arrays.copyOfRange(bytes, from, length);
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, length);
    }

    void write(byte b) {
        ensure(1);
        bytes[length++] = b;
    }

    void write(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, length, b.length);
        length += b.length;
    }

    /** A Flink string's UTF-8 bytes, copied from its memory when it has them. */
    void write(StringData value) {
        if (value instanceof BinaryStringData binary) {
            int size = binary.getSizeInBytes();
            ensure(size);
            BinarySegmentUtils.copyToBytes(
                    binary.getSegments(), binary.getOffset(), bytes, length, size);
            length += size;
        } else {
            write(value.toBytes());
        }
    }

    /** A Java string as UTF-8; ASCII (numbers, dates, most text) without an intermediate array. */
    void write(String text) {
        int n = text.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                write(text.substring(i).getBytes(StandardCharsets.UTF_8));
                return;
            }
            bytes[length++] = (byte) c;
        }
    }

    void write(long value) {
        if (value == Long.MIN_VALUE) {
            write(Long.toString(value));
            return;
        }
        if (value < 0) {
            write((byte) '-');
            value = -value;
        }
        int digits = 1;
        for (long rest = value / 10; rest != 0; rest /= 10) {
            digits++;
        }
        digits(value, digits);
    }

    /** {@code value} (not negative) as exactly {@code width} digits, zero-padded. */
    void digits(long value, int width) {
        ensure(width);
        for (int i = length + width - 1; i >= length; i--) {
            bytes[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length += width;
    }

    /** Whether the bytes from {@code from} to the end contain {@code needle}. */
    boolean contains(int from, byte[] needle) {
        if (needle.length == 1) {
            byte b = needle[0];
            for (int i = from; i < length; i++) {
                if (bytes[i] == b) {
                    return true;
                }
            }
            return false;
        }
        outer:
        for (int i = from; i <= length - needle.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (bytes[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** Whether the bytes from {@code from} to the end are exactly {@code text}. */
    boolean equalsFrom(int from, byte[] text) {
        return Arrays.equals(bytes, from, length, text, 0, text.length);
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
