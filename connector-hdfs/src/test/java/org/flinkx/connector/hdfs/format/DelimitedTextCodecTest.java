package org.flinkx.connector.hdfs.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.RowType;
import org.junit.jupiter.api.Test;

class DelimitedTextCodecTest {

    private static final RowType TYPE =
            (RowType)
                    DataTypes.ROW(
                                    DataTypes.FIELD("s", DataTypes.STRING()),
                                    DataTypes.FIELD("i", DataTypes.INT()),
                                    DataTypes.FIELD("dec", DataTypes.DECIMAL(10, 3)),
                                    DataTypes.FIELD("d", DataTypes.DATE()),
                                    DataTypes.FIELD("ts", DataTypes.TIMESTAMP(9)),
                                    DataTypes.FIELD("ltz", DataTypes.TIMESTAMP_LTZ(3)),
                                    DataTypes.FIELD("b", DataTypes.BYTES()))
                            .getLogicalType();

    private final DelimitedTextCodec hive = new DelimitedTextCodec(TYPE, '\u0001', "\\N", "UTF-8");

    private static RowData row(String s) {
        return GenericRowData.of(
                s == null ? null : StringData.fromString(s),
                42,
                DecimalData.fromBigDecimal(new BigDecimal("-1.500"), 10, 3),
                (int) LocalDate.of(2024, 2, 29).toEpochDay(),
                TimestampData.fromLocalDateTime(
                        LocalDateTime.of(2024, 2, 29, 1, 2, 3, 120_000_000)),
                TimestampData.fromInstant(Instant.parse("2024-01-01T00:00:00.001Z")),
                new byte[] {0, -1});
    }

    private String encode(RowData row) {
        return new String(hive.encode(row), StandardCharsets.UTF_8);
    }

    private RowData decode(String line) throws IOException {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return hive.decode(bytes, bytes.length);
    }

    @Test
    void writesHiveTextWithEscapesAndTheNullLiteral() {
        assertThat(encode(row("a\u0001b\\c\nd\re")))
                .isEqualTo(
                        "a\\\u0001b\\\\c\\nd\\re\u000142\u0001-1.500\u00012024-02-29\u0001"
                                + "2024-02-29 01:02:03.12\u00012024-01-01 00:00:00.001\u0001AP8=");
        assertThat(encode(GenericRowData.of(null, null, null, null, null, null, null)))
                .isEqualTo(String.join("\u0001", "\\N", "\\N", "\\N", "\\N", "\\N", "\\N", "\\N"));
    }

    @Test
    void everyStringSurvivesTheRoundTrip() throws IOException {
        for (String s :
                new String[] {"", "\\N", "\\", "N", "\\\\N", "x\u0001", "\n", "非ASCII", "a\\nb"}) {
            RowData read = decode(encode(row(s)));
            assertThat(read.getString(0)).as("round trip of '%s'", s).hasToString(s);
        }
        assertThat(decode(encode(row(null))).isNullAt(0)).isTrue();
    }

    @Test
    void aStringEqualToACustomNullLiteralIsEscaped() throws IOException {
        DelimitedTextCodec codec = new DelimitedTextCodec(TYPE, ',', "null", "UTF-8");
        byte[] line = codec.encode(row("null"));
        assertThat(new String(line, StandardCharsets.UTF_8)).startsWith("n\\ull,");
        RowData read = codec.decode(line, line.length);
        assertThat(read.getString(0)).hasToString("null");
    }

    @Test
    void rejectsLinesThatDoNotFitWithTheColumnInTheMessage() {
        assertThatThrownBy(() -> decode("a\u00011"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Expected 7 fields")
                .hasMessageContaining("found 2");
        assertThatThrownBy(
                        () -> decode("a\u0001x\u00011\u00012024-01-01\u0001\\N\u0001\\N\u0001\\N"))
                .hasMessageContaining("Column 'i'")
                .hasMessageContaining("'x'");
        assertThatThrownBy(
                        () ->
                                decode(
                                        "a\u00011\u000112345678.9\u00012024-01-01\u0001\\N\u0001\\N\u0001\\N"))
                .hasMessageContaining("Column 'dec'")
                .hasMessageContaining("does not fit");
    }

    @Test
    void delimiterAndNullLiteralOptionsAreChecked() {
        assertThat(DelimitedTextOptions.parseDelimiter("k", "\\t")).isEqualTo('\t');
        assertThat(DelimitedTextOptions.parseDelimiter("k", "\\u0001")).isEqualTo('\u0001');
        assertThat(DelimitedTextOptions.parseDelimiter("k", "\\001")).isEqualTo('\u0001');
        assertThat(DelimitedTextOptions.parseDelimiter("k", "|")).isEqualTo('|');
        assertThatThrownBy(() -> DelimitedTextOptions.parseDelimiter("text.field-delimiter", "||"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("text.field-delimiter");
        assertThatThrownBy(
                        () ->
                                DelimitedTextOptions.validateNullLiteral(
                                        "text.null-literal", "nr", ','))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("text.null-literal");
        assertThatThrownBy(
                        () ->
                                DelimitedTextOptions.validate(
                                        (RowType)
                                                DataTypes.ROW(
                                                                DataTypes.FIELD(
                                                                        "a",
                                                                        DataTypes.ARRAY(
                                                                                DataTypes.INT())))
                                                        .getLogicalType(),
                                        "format"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Column 'a'")
                .hasMessageContaining("'json', 'parquet' or 'orc'");
    }
}
