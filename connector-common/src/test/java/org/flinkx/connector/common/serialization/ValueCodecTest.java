package org.flinkx.connector.common.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UTFDataFormatException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.flinkx.connector.common.testutils.LongStrings;
import org.junit.jupiter.api.Test;

class ValueCodecTest {

    private static final String LONG = LongStrings.of("value");

    @Test
    void everySupportedValueRoundTrips() throws Exception {
        List<Object> values =
                Arrays.asList(
                        null,
                        Long.MIN_VALUE,
                        new BigDecimal("-12345678901234567890.123456789"),
                        "héllo 世界",
                        LocalDate.of(1, 1, 1),
                        LocalDateTime.of(2024, 2, 29, 23, 59, 59, 999_999_999),
                        Instant.ofEpochSecond(-5, 7),
                        3.25,
                        LocalTime.of(13, 14, 15, 16));
        DataOutputSerializer out = new DataOutputSerializer(64);
        for (Object value : values) {
            assertThat(ValueCodec.supports(value)).isTrue();
            ValueCodec.write(value, out);
        }
        ValueCodec.write(new byte[] {1, 2, 3}, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        for (Object value : values) {
            assertThat(ValueCodec.read(in)).isEqualTo(value);
        }
        assertThat((byte[]) ValueCodec.read(in)).containsExactly(1, 2, 3);
        assertThat(ValueCodec.supports(Integer.valueOf(1))).isFalse();
    }

    /** The tags are part of the state format: each value is written with its fixed tag. */
    @Test
    void everyTagRoundTrips() throws Exception {
        Map<Object, Integer> tags = new LinkedHashMap<>();
        tags.put(42L, 1);
        tags.put(new BigDecimal("1.50"), 2);
        tags.put(LocalDate.of(2024, 5, 1), 4);
        tags.put(LocalDateTime.of(2024, 5, 1, 12, 0), 5);
        tags.put(Instant.ofEpochSecond(1_700_000_000L, 9), 6);
        tags.put(-0.5, 7);
        tags.put(LocalTime.MIDNIGHT, 9);
        tags.put("short", 10);
        tags.put(LONG, 10);
        tags.put("", 10);
        for (Map.Entry<Object, Integer> tag : tags.entrySet()) {
            byte[] bytes = write(tag.getKey());
            assertThat(bytes[0])
                    .as("tag of %s", tag.getKey().getClass())
                    .isEqualTo((byte) (int) tag.getValue());
            assertThat(read(bytes)).isEqualTo(tag.getKey());
        }
        assertThat(write(null)).containsExactly(0);
        assertThat(read(write(null))).isNull();
        byte[] bytes = write(new byte[] {7, -1});
        assertThat(bytes[0]).isEqualTo((byte) 8);
        assertThat((byte[]) read(bytes)).containsExactly(7, -1);
    }

    /** Tag 3 is no longer written, but state holding it (written by writeUTF) is read forever. */
    @Test
    void tag3WrittenByWriteUtfIsStillRead() throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        out.writeByte(3);
        out.writeUTF("héllo 世界 \uD83D\uDE00");
        out.writeByte(3);
        out.writeUTF("");
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        assertThat(ValueCodec.read(in)).isEqualTo("héllo 世界 \uD83D\uDE00");
        assertThat(ValueCodec.read(in)).isEqualTo("");
        assertThat(in.available()).isZero();
    }

    /**
     * A tuple (the whole key of a row) is tag 11, an int count and each value with its own tag; it
     * reads back as an unmodifiable list equal to the written one.
     */
    @Test
    @SuppressWarnings("unchecked")
    void tuplesHoldValuesWithTheirOwnTags() throws Exception {
        List<Object> key = Arrays.asList(7L, "b", null, new BigDecimal("1.50"));
        assertThat(ValueCodec.supports(key)).isTrue();
        assertThat(ValueCodec.supports(List.of(1L, 2))).isFalse();
        byte[] bytes = write(key);
        DataOutputSerializer expected = new DataOutputSerializer(64);
        expected.writeByte(11);
        expected.writeInt(4);
        for (Object value : key) {
            ValueCodec.write(value, expected);
        }
        assertThat(bytes).containsExactly(expected.getCopyOfBuffer());
        assertThat(bytes).startsWith(11, 0, 0, 0, 4, 1, 0, 0, 0, 0, 0, 0, 0, 7);
        Object read = read(bytes);
        assertThat(read).isEqualTo(key);
        assertThatThrownBy(() -> ((List<Object>) read).add(1L))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(read(write(List.of()))).isEqualTo(List.of());
        assertThatThrownBy(() -> read(new byte[] {11, -1, -1, -1, -1}))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Negative tuple size");
    }

    @Test
    void longStringsUseTheLongTag() throws Exception {
        assertThatThrownBy(() -> new DataOutputSerializer(64).writeUTF(LONG))
                .isInstanceOf(UTFDataFormatException.class);
        byte[] bytes = write(LONG);
        byte[] utf8 = LONG.getBytes(StandardCharsets.UTF_8);
        assertThat(bytes).hasSize(1 + 4 + utf8.length);
        assertThat(bytes[0]).isEqualTo((byte) 10);
        assertThat(new DataInputDeserializer(bytes, 1, 4).readInt()).isEqualTo(utf8.length);
        assertThat(read(bytes)).isEqualTo(LONG);
    }

    /** Int byte length + UTF-8, a boolean present-flag before a nullable one (binlog's layout). */
    @Test
    void stringHelpersWriteLengthPrefixedUtf8() throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        ValueCodec.writeString("é", out);
        ValueCodec.writeNullableString(null, out);
        ValueCodec.writeNullableString("a", out);
        assertThat(out.getCopyOfBuffer())
                .containsExactly(0, 0, 0, 2, 0xC3 - 256, 0xA9 - 256, 0, 1, 0, 0, 0, 1, 'a');

        out.clear();
        ValueCodec.writeString(LONG, out);
        ValueCodec.writeNullableString(LONG, out);
        ValueCodec.writeNullableString(null, out);
        ValueCodec.writeString("", out);
        ValueCodec.writeBytes(new byte[] {1, 2}, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        assertThat(ValueCodec.readString(in)).isEqualTo(LONG);
        assertThat(ValueCodec.readNullableString(in)).isEqualTo(LONG);
        assertThat(ValueCodec.readNullableString(in)).isNull();
        assertThat(ValueCodec.readString(in)).isEmpty();
        assertThat(ValueCodec.readBytes(in)).containsExactly(1, 2);
        assertThat(in.available()).isZero();
    }

    @Test
    void version1StringsAreReadAsWriteUtfWroteThem() throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        out.writeUTF("héllo \uD83D\uDE00");
        out.writeBoolean(false);
        out.writeBoolean(true);
        out.writeUTF("x");
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        assertThat(ValueCodec.readUtfV1(in)).isEqualTo("héllo \uD83D\uDE00");
        assertThat(ValueCodec.readNullableUtfV1(in)).isNull();
        assertThat(ValueCodec.readNullableUtfV1(in)).isEqualTo("x");
        assertThat(in.available()).isZero();
    }

    @Test
    void corruptStateFailsWithAMessage() {
        // 11 became TUPLE: 12 is the first tag no version wrote
        assertThatThrownBy(() -> read(new byte[] {12}))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Unknown value tag 12");
        assertThatThrownBy(
                        () ->
                                ValueCodec.readString(
                                        new DataInputDeserializer(new byte[] {-1, -1, -1, -1})))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Negative length");
    }

    private static byte[] write(Object value) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        ValueCodec.write(value, out);
        return out.getCopyOfBuffer();
    }

    private static Object read(byte[] bytes) throws IOException {
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        Object value = ValueCodec.read(in);
        assertThat(in.available()).isZero();
        return value;
    }
}
