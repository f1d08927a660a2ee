package org.flinkx.connector.common.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class ValueCodecTest {

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
}
