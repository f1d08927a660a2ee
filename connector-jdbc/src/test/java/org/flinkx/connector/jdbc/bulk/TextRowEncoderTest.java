package org.flinkx.connector.jdbc.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.RowType;
import org.junit.jupiter.api.Test;

class TextRowEncoderTest {

    private static final RowType TYPE =
            (RowType)
                    DataTypes.ROW(
                                    DataTypes.FIELD("b", DataTypes.BOOLEAN()),
                                    DataTypes.FIELD("i", DataTypes.BIGINT()),
                                    DataTypes.FIELD("d", DataTypes.DECIMAL(18, 4)),
                                    DataTypes.FIELD("s", DataTypes.STRING()),
                                    DataTypes.FIELD("day", DataTypes.DATE()),
                                    DataTypes.FIELD("ts", DataTypes.TIMESTAMP(9)),
                                    DataTypes.FIELD("ltz", DataTypes.TIMESTAMP_LTZ(6)),
                                    DataTypes.FIELD("n", DataTypes.INT()))
                            .getLogicalType();

    private static GenericRowData row() {
        return GenericRowData.of(
                true,
                Long.MIN_VALUE,
                DecimalData.fromBigDecimal(new BigDecimal("-0.0500"), 18, 4),
                StringData.fromString("a\tb\nc\rd\\e\0f ünï"),
                (int) LocalDate.of(2024, 2, 29).toEpochDay(),
                TimestampData.fromLocalDateTime(LocalDateTime.of(999, 1, 2, 3, 4, 5, 123_456_789)),
                TimestampData.fromInstant(Instant.parse("2024-01-01T00:00:00.000001Z")),
                null);
    }

    private static String encode(TextRowEncoder.Flavor flavor) {
        TextRowEncoder encoder = TextRowEncoder.forType(TYPE, flavor);
        encoder.add(row());
        return new String(encoder.buffer(), 0, encoder.length(), StandardCharsets.UTF_8);
    }

    @Test
    void postgresCopyTextEscapesAndFormats() {
        assertThat(encode(TextRowEncoder.Flavor.POSTGRES_COPY))
                .isEqualTo(
                        "1\t-9223372036854775808\t-0.0500\ta\\tb\\nc\\rd\\\\e\\0f ünï\t2024-02-29"
                                + "\t0999-01-02 03:04:05.123456789\t2024-01-01 00:00:00.000001000+00\t\\N\n");
    }

    @Test
    void mariaDbLoadDataKeepsMicrosecondsAndUtcWallTime() {
        assertThat(encode(TextRowEncoder.Flavor.MYSQL_LOAD_DATA))
                .isEqualTo(
                        "1\t-9223372036854775808\t-0.0500\ta\\tb\\nc\\rd\\\\e\\0f ünï\t2024-02-29"
                                + "\t0999-01-02 03:04:05.123456\t2024-01-01 00:00:00.000001\t\\N\n");
    }

    @Test
    void typesWithoutATextEncodingAreReported() {
        RowType binary =
                (RowType) DataTypes.ROW(DataTypes.FIELD("x", DataTypes.BYTES())).getLogicalType();
        RowType array =
                (RowType)
                        DataTypes.ROW(DataTypes.FIELD("x", DataTypes.ARRAY(DataTypes.INT())))
                                .getLogicalType();
        assertThat(TextRowEncoder.supports(binary, TextRowEncoder.Flavor.POSTGRES_COPY)).isTrue();
        assertThat(TextRowEncoder.supports(binary, TextRowEncoder.Flavor.MYSQL_LOAD_DATA))
                .isFalse();
        assertThat(TextRowEncoder.supports(array, TextRowEncoder.Flavor.POSTGRES_COPY)).isFalse();
    }

    private static String encodeOne(org.apache.flink.table.types.DataType type, Object value) {
        RowType rowType = (RowType) DataTypes.ROW(DataTypes.FIELD("x", type)).getLogicalType();
        TextRowEncoder encoder =
                TextRowEncoder.forType(rowType, TextRowEncoder.Flavor.POSTGRES_COPY);
        encoder.add(GenericRowData.of(value));
        return new String(encoder.buffer(), 0, encoder.length() - 1, StandardCharsets.UTF_8);
    }

    @Test
    void everyDateOfFourDigitYearsIsWrittenAsIsoDate() {
        RowType rowType =
                (RowType) DataTypes.ROW(DataTypes.FIELD("x", DataTypes.DATE())).getLogicalType();
        TextRowEncoder encoder =
                TextRowEncoder.forType(rowType, TextRowEncoder.Flavor.POSTGRES_COPY);
        for (LocalDate day = LocalDate.of(1, 1, 1);
                !day.isAfter(LocalDate.of(9999, 12, 31));
                day = day.plusDays(1)) {
            encoder.reset();
            encoder.add(GenericRowData.of((int) day.toEpochDay()));
            String text =
                    new String(
                            encoder.buffer(), 0, encoder.length() - 1, StandardCharsets.US_ASCII);
            if (!text.equals(day.toString())) {
                assertThat(text).as("epoch day %s", day.toEpochDay()).isEqualTo(day.toString());
            }
        }
        assertThat(encodeOne(DataTypes.DATE(), (int) LocalDate.of(0, 12, 31).toEpochDay()))
                .isEqualTo("0000-12-31");
        assertThat(encodeOne(DataTypes.DATE(), (int) LocalDate.of(10000, 1, 1).toEpochDay()))
                .isEqualTo("+10000-01-01");
    }

    @Test
    void timestampsBeforeTheEpochKeepTheirWallTime() {
        LocalDateTime before = LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_999);
        assertThat(encodeOne(DataTypes.TIMESTAMP(9), TimestampData.fromLocalDateTime(before)))
                .isEqualTo("1969-12-31 23:59:59.999999999");
        assertThat(
                        encodeOne(
                                DataTypes.TIMESTAMP_LTZ(3),
                                TimestampData.fromInstant(Instant.parse("1900-03-01T12:00:00.5Z"))))
                .isEqualTo("1900-03-01 12:00:00.500000000+00");
    }

    @Test
    void doublesAndFloatsReadBackAsTheSameValue() {
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 100_000; i++) {
            double d =
                    i % 2 == 0
                            ? random.nextDouble() * Math.pow(10, random.nextInt(40) - 20)
                            : Double.longBitsToDouble(random.nextLong());
            float f = (float) d;
            if (!Double.isNaN(d)) {
                assertThat(Double.parseDouble(encodeOne(DataTypes.DOUBLE(), d))).isEqualTo(d);
                assertThat(Float.parseFloat(encodeOne(DataTypes.FLOAT(), f))).isEqualTo(f);
            }
        }
        assertThat(encodeOne(DataTypes.DOUBLE(), Double.NaN)).isEqualTo("NaN");
        assertThat(encodeOne(DataTypes.DOUBLE(), Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
        assertThat(encodeOne(DataTypes.DOUBLE(), -0.0)).isEqualTo("-0.0");
        assertThat(encodeOne(DataTypes.DOUBLE(), 1.0 / 7)).isEqualTo("0.14285714285714285");
    }
}
