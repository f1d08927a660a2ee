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
}
