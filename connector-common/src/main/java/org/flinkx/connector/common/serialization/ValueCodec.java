package org.flinkx.connector.common.serialization;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The state codec every FlinkX serializer writes with.
 *
 * <ul>
 *   <li>Strings: {@link #writeString} / {@link #writeNullableString} write an int byte length and
 *       the UTF-8 bytes (a nullable string is preceded by a boolean present-flag), so a string of
 *       any length fits, unlike {@code writeUTF}'s 65535 encoded bytes. State written before by
 *       {@code writeUTF} is read with {@link #readUtfV1} / {@link #readNullableUtfV1}.
 *   <li>Values: {@link #write} / {@link #read} write the scalar values that serve as read positions
 *       (offsets, bounds, high-water marks), each prefixed with a one-byte type tag. Tags are part
 *       of the state format: never renumber them; append new ones. Tag 3 ({@code writeUTF}) is no
 *       longer written but read forever; strings are written with tag 10. A {@link List} of such
 *       values (the whole key of a row, for a read position over several columns) is a tuple, tag
 *       11: an int count, then each value with its own tag.
 * </ul>
 */
@Internal
public final class ValueCodec {

    private static final byte NULL = 0;
    private static final byte LONG = 1;
    private static final byte DECIMAL = 2;
    private static final byte STRING = 3;
    private static final byte DATE = 4;
    private static final byte TIMESTAMP = 5;
    private static final byte INSTANT = 6;
    private static final byte DOUBLE = 7;
    private static final byte BYTES = 8;
    private static final byte TIME = 9;
    private static final byte STRING_LONG = 10;
    private static final byte TUPLE = 11;

    /** Returns whether the value is of a type this codec can write. */
    public static boolean supports(Object value) {
        if (value instanceof List<?> values) {
            return values.stream().allMatch(ValueCodec::supports);
        }
        return value == null
                || value instanceof Long
                || value instanceof BigDecimal
                || value instanceof String
                || value instanceof LocalDate
                || value instanceof LocalDateTime
                || value instanceof Instant
                || value instanceof Double
                || value instanceof byte[]
                || value instanceof LocalTime;
    }

    public static void write(Object value, DataOutputView out) throws IOException {
        if (value == null) {
            out.writeByte(NULL);
        } else if (value instanceof Long v) {
            out.writeByte(LONG);
            out.writeLong(v);
        } else if (value instanceof BigDecimal v) {
            out.writeByte(DECIMAL);
            out.writeInt(v.scale());
            writeBytes(v.unscaledValue().toByteArray(), out);
        } else if (value instanceof String v) {
            out.writeByte(STRING_LONG);
            writeString(v, out);
        } else if (value instanceof LocalDate v) {
            out.writeByte(DATE);
            out.writeLong(v.toEpochDay());
        } else if (value instanceof LocalDateTime v) {
            out.writeByte(TIMESTAMP);
            out.writeLong(v.toLocalDate().toEpochDay());
            out.writeLong(v.toLocalTime().toNanoOfDay());
        } else if (value instanceof Instant v) {
            out.writeByte(INSTANT);
            out.writeLong(v.getEpochSecond());
            out.writeInt(v.getNano());
        } else if (value instanceof Double v) {
            out.writeByte(DOUBLE);
            out.writeDouble(v);
        } else if (value instanceof byte[] v) {
            out.writeByte(BYTES);
            writeBytes(v, out);
        } else if (value instanceof LocalTime v) {
            out.writeByte(TIME);
            out.writeLong(v.toNanoOfDay());
        } else if (value instanceof List<?> v) {
            out.writeByte(TUPLE);
            out.writeInt(v.size());
            for (Object element : v) {
                write(element, out);
            }
        } else {
            throw new IOException("Cannot write a value of type " + value.getClass().getName());
        }
    }

    public static Object read(DataInputView in) throws IOException {
        byte tag = in.readByte();
        return switch (tag) {
            case NULL -> null;
            case LONG -> in.readLong();
            case DECIMAL -> {
                int scale = in.readInt();
                yield new BigDecimal(new BigInteger(readBytes(in)), scale);
            }
            case STRING -> in.readUTF();
            case DATE -> LocalDate.ofEpochDay(in.readLong());
            case TIMESTAMP ->
                    LocalDateTime.of(
                            LocalDate.ofEpochDay(in.readLong()),
                            LocalTime.ofNanoOfDay(in.readLong()));
            case INSTANT -> Instant.ofEpochSecond(in.readLong(), in.readInt());
            case DOUBLE -> in.readDouble();
            case BYTES -> readBytes(in);
            case TIME -> LocalTime.ofNanoOfDay(in.readLong());
            case STRING_LONG -> readString(in);
            case TUPLE -> readTuple(in);
            default -> throw new IOException("Unknown value tag " + tag + " in state");
        };
    }

    private static List<Object> readTuple(DataInputView in) throws IOException {
        int size = in.readInt();
        if (size < 0) {
            throw new IOException("Negative tuple size " + size + " in state");
        }
        List<Object> values = new ArrayList<>(Math.min(size, 64));
        for (int i = 0; i < size; i++) {
            values.add(read(in));
        }
        return Collections.unmodifiableList(values);
    }

    /** Writes an int byte length and the string's UTF-8 bytes. */
    public static void writeString(String value, DataOutputView out) throws IOException {
        writeBytes(value.getBytes(StandardCharsets.UTF_8), out);
    }

    /** Reads a string written by {@link #writeString}. */
    public static String readString(DataInputView in) throws IOException {
        return new String(readBytes(in), StandardCharsets.UTF_8);
    }

    /** Writes a boolean present-flag, then the string as {@link #writeString} does. */
    public static void writeNullableString(@Nullable String value, DataOutputView out)
            throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            writeString(value, out);
        }
    }

    /** Reads a string written by {@link #writeNullableString}. */
    @Nullable
    public static String readNullableString(DataInputView in) throws IOException {
        return in.readBoolean() ? readString(in) : null;
    }

    /** Writes an int length and the bytes. */
    public static void writeBytes(byte[] bytes, DataOutputView out) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /** Reads bytes written by {@link #writeBytes}. */
    public static byte[] readBytes(DataInputView in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            throw new IOException("Negative length " + length + " in state");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    /** Reads a string of the old format ({@code writeUTF}), as version-1 state holds it. */
    public static String readUtfV1(DataInputView in) throws IOException {
        return in.readUTF();
    }

    /** Reads a nullable string of the old format: a present-flag, then {@code writeUTF}. */
    @Nullable
    public static String readNullableUtfV1(DataInputView in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    private ValueCodec() {}
}
