package org.flinkx.connector.common.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LogicalType;
import org.junit.jupiter.api.Test;

/** The shared type rules: what each declared type turns a value into. */
class FlinkValuesTest {

    private static LogicalType type(org.apache.flink.table.types.DataType type) {
        return type.getLogicalType();
    }

    @Test
    void theScalarsAreTheTypesEveryConnectorConverts() {
        assertThat(FlinkValues.SCALARS).hasSize(16);
        assertThat(FlinkValues.isScalar(type(DataTypes.TIMESTAMP_LTZ(3)))).isTrue();
        assertThat(FlinkValues.isScalar(type(DataTypes.ARRAY(DataTypes.INT())))).isFalse();
        assertThat(FlinkValues.isScalar(type(DataTypes.TIMESTAMP_WITH_TIME_ZONE(3)))).isFalse();
        assertThat(FlinkValues.isNumber(type(DataTypes.FLOAT()))).isTrue();
        assertThat(FlinkValues.isNumber(type(DataTypes.DECIMAL(10, 2)))).isFalse();
        assertThat(FlinkValues.unsupported(type(DataTypes.MAP(DataTypes.INT(), DataTypes.INT()))))
                .hasMessageStartingWith("unsupported type MAP<INT, INT>");
    }

    @Test
    void numbersNarrowAsJavaNarrowsThem() {
        assertThat(FlinkValues.number(300L, type(DataTypes.TINYINT()))).isEqualTo((byte) 44);
        assertThat(FlinkValues.number(-7, type(DataTypes.SMALLINT()))).isEqualTo((short) -7);
        assertThat(FlinkValues.number(1L << 33, type(DataTypes.INT()))).isEqualTo(0);
        assertThat(FlinkValues.number(42, type(DataTypes.BIGINT()))).isEqualTo(42L);
        assertThat(FlinkValues.number(1.5d, type(DataTypes.FLOAT()))).isEqualTo(1.5f);
        assertThat(FlinkValues.number(2, type(DataTypes.DOUBLE()))).isEqualTo(2.0d);
        assertThatThrownBy(() -> FlinkValues.number(1, type(DataTypes.STRING())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(FlinkValues.bool(true)).isTrue();
        assertThat(FlinkValues.bool((short) 0)).isFalse();
        assertThat(FlinkValues.bool(2)).isTrue();
    }

    @Test
    void decimalsTakeTheDeclaredScaleAndFailBeyondThePrecision() {
        DecimalType type = (DecimalType) type(DataTypes.DECIMAL(6, 2));
        DecimalData rounded = FlinkValues.decimal(new BigDecimal("1234.565"), type);
        assertThat(rounded.toBigDecimal()).isEqualByComparingTo("1234.57");
        assertThat(rounded.scale()).isEqualTo(2);
        assertThat(FlinkValues.decimal(new BigDecimal("-7"), type).toBigDecimal())
                .isEqualTo(new BigDecimal("-7.00"));
        assertThatThrownBy(() -> FlinkValues.decimal(new BigDecimal("12345.6"), type))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Value 12345.6 does not fit into DECIMAL(6, 2)");
    }

    @Test
    void textAndBytes() {
        assertThat(FlinkValues.string("中文 ✓")).isEqualTo(StringData.fromString("中文 ✓"));
        ByteBuffer utf8 = ByteBuffer.wrap("xé".getBytes(StandardCharsets.UTF_8));
        assertThat(FlinkValues.stringOfUtf8(utf8)).isEqualTo(StringData.fromString("xé"));
        assertThat(utf8.remaining()).as("the buffer is not consumed").isEqualTo(3);
        byte[] bytes = {0, -1, 16};
        assertThat(FlinkValues.binary(bytes)).isSameAs(bytes);
        ByteBuffer window = ByteBuffer.wrap(new byte[] {9, 0, -1, 16}, 1, 3);
        assertThat(FlinkValues.binary(window)).containsExactly(0, -1, 16);
        assertThat(FlinkValues.binary("ab")).containsExactly('a', 'b');
    }

    @Test
    void datesAndTimes() {
        assertThat(FlinkValues.date(LocalDate.of(2024, 2, 29))).isEqualTo(19782);
        assertThat(FlinkValues.date(LocalDate.of(1969, 12, 31))).isEqualTo(-1);
        int millis = (23 * 3600 + 59 * 60 + 58) * 1000 + 123;
        assertThat(FlinkValues.time(LocalTime.of(23, 59, 58, 123_456_789))).isEqualTo(millis);
        assertThat(FlinkValues.timeOfMicros(millis * 1000L + 999)).isEqualTo(millis);
        assertThat(FlinkValues.timeOfNanos(millis * 1_000_000L + 999_999)).isEqualTo(millis);
    }

    @Test
    void timestampsKeepEveryDigitOnBothSidesOfTheEpoch() {
        LocalDateTime wall = LocalDateTime.of(2024, 2, 29, 23, 59, 59, 123_456_789);
        assertThat(FlinkValues.timestamp(wall).toLocalDateTime()).isEqualTo(wall);
        Instant instant = Instant.parse("1969-12-31T23:59:59.999999Z");
        assertThat(FlinkValues.timestamp(instant).toInstant()).isEqualTo(instant);
        assertThat(FlinkValues.timestampOfEpochMillis(-1))
                .isEqualTo(TimestampData.fromInstant(Instant.parse("1969-12-31T23:59:59.999Z")));
        assertThat(FlinkValues.timestampOfEpochMicros(-1).toInstant()).isEqualTo(instant);
        assertThat(FlinkValues.timestampOfEpochNanos(-1).toInstant())
                .isEqualTo(Instant.parse("1969-12-31T23:59:59.999999999Z"));
        assertThat(FlinkValues.timestampOfEpochMicros(1_709_251_199_123_456L).toInstant())
                .isEqualTo(Instant.parse("2024-02-29T23:59:59.123456Z"));
    }

    @Test
    void timestampPrecisions() {
        assertThat(FlinkValues.timestampPrecision(type(DataTypes.TIMESTAMP(6)))).isEqualTo(6);
        assertThat(FlinkValues.timestampPrecision(type(DataTypes.TIMESTAMP_LTZ(3)))).isEqualTo(3);
        assertThat(FlinkValues.timestampPrecision(type(DataTypes.TIMESTAMP_WITH_TIME_ZONE(9))))
                .isEqualTo(9);
        assertThatThrownBy(() -> FlinkValues.timestampPrecision(type(DataTypes.DATE())))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
