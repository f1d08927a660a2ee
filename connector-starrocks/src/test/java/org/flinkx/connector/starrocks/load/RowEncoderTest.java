package org.flinkx.connector.starrocks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.RowKind;
import org.junit.jupiter.api.Test;

/** How rows look in a load's body. */
class RowEncoderTest {

    private static final RowType TYPE =
            (RowType)
                    DataTypes.ROW(
                                    DataTypes.FIELD("id", DataTypes.BIGINT()),
                                    DataTypes.FIELD("name", DataTypes.STRING()),
                                    DataTypes.FIELD("amount", DataTypes.DECIMAL(10, 3)),
                                    DataTypes.FIELD("ts", DataTypes.TIMESTAMP(9)),
                                    DataTypes.FIELD("tags", DataTypes.ARRAY(DataTypes.INT())))
                            .getLogicalType();

    private static GenericRowData row(RowKind kind, String name) {
        GenericRowData row =
                GenericRowData.ofKind(
                        kind,
                        7L,
                        name == null ? null : StringData.fromString(name),
                        DecimalData.fromBigDecimal(new java.math.BigDecimal("1.500"), 10, 3),
                        TimestampData.fromLocalDateTime(
                                java.time.LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_789)),
                        new GenericArrayData(new Integer[] {1, null, 3}));
        return row;
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void csvWritesDeclaredOrderNullsAndTheChangeKind() throws Exception {
        RowEncoder encoder = new RowEncoder(LoadFormat.of(Map.of()), TYPE, true);
        GenericRowData upsert = row(RowKind.UPDATE_AFTER, null);
        encoder.check(upsert);
        assertThat(text(encoder.encode(upsert)))
                .isEqualTo("7\t\\N\t1.500\t2024-01-02 03:04:05.123456\t[1,null,3]\t0\n");
        assertThat(text(encoder.encode(row(RowKind.DELETE, "x")))).endsWith("\t1\n");
        assertThat(text(encoder.encode(row(RowKind.UPDATE_BEFORE, "x")))).endsWith("\t1\n");
    }

    @Test
    void csvWithoutEncloseRefusesValuesThatWouldShiftColumns() {
        RowEncoder encoder =
                new RowEncoder(LoadFormat.of(Map.of("column_separator", "\\x01")), TYPE, false);
        for (String bad : new String[] {"a\u0001b", "line\nbreak", "\\N"}) {
            assertThatThrownBy(() -> encoder.check(row(RowKind.INSERT, bad)))
                    .isInstanceOf(UnencodableRowException.class)
                    .hasMessageContaining("Column 'name'")
                    .hasMessageContaining("sink.properties.enclose");
        }
    }

    @Test
    void csvWithEncloseEnclosesAndDoublesWhatNeedsIt() throws Exception {
        RowEncoder encoder =
                new RowEncoder(
                        LoadFormat.of(Map.of("enclose", "\"", "column_separator", ",")),
                        TYPE,
                        false);
        GenericRowData row = row(RowKind.INSERT, "say \"hi\", twice");
        encoder.check(row);
        assertThat(text(encoder.encode(row)))
                .startsWith("7,\"say \"\"hi\"\", twice\",1.500,")
                .contains(",\"[1,null,3]\"");
        assertThat(text(encoder.encode(row(RowKind.INSERT, "\\N")))).startsWith("7,\"\\N\",");
        assertThat(text(encoder.encode(row(RowKind.INSERT, "plain")))).startsWith("7,plain,");
    }

    @Test
    void jsonWritesObjectsWithNativeValues() throws Exception {
        RowEncoder encoder = new RowEncoder(LoadFormat.of(Map.of("format", "json")), TYPE, true);
        GenericRowData row = row(RowKind.INSERT, "tab\tand \"quote\"");
        encoder.check(row);
        assertThat(text(encoder.start()) + text(encoder.encode(row)) + text(encoder.end()))
                .isEqualTo(
                        "[{\"id\":7,\"name\":\"tab\\tand \\\"quote\\\"\",\"amount\":1.500,"
                                + "\"ts\":\"2024-01-02 03:04:05.123456\",\"tags\":[1,null,3],"
                                + "\"__op\":0}]");
    }

    @Test
    void unsupportedTypesAndFormatsFailNamingWhat() {
        RowType binary =
                (RowType) DataTypes.ROW(DataTypes.FIELD("b", DataTypes.BYTES())).getLogicalType();
        assertThatThrownBy(() -> RowEncoder.checkSupported(binary))
                .hasMessageContaining("Column 'b'");
        assertThatThrownBy(() -> LoadFormat.of(Map.of("format", "parquet")))
                .hasMessageContaining("allowed: [csv, json]");
        assertThatThrownBy(() -> LoadFormat.of(Map.of("escape", "\\\\")))
                .hasMessageContaining("'sink.properties.escape' is not supported");
        assertThatThrownBy(() -> LoadFormat.of(Map.of("enclose", "\\t")))
                .hasMessageContaining("must differ");
        assertThat(LoadFormat.of(Map.of("row_delimiter", "\\x02\\x03")).rowDelimiter())
                .isEqualTo("\u0002\u0003");
    }

    @Test
    void numbersDatesAndTimesAreWrittenAsTheJdkWritesThem() throws Exception {
        RowType type =
                (RowType)
                        DataTypes.ROW(
                                        DataTypes.FIELD("l", DataTypes.BIGINT()),
                                        DataTypes.FIELD("i", DataTypes.INT()),
                                        DataTypes.FIELD("d", DataTypes.DECIMAL(18, 4)),
                                        DataTypes.FIELD("z", DataTypes.DECIMAL(10, 0)),
                                        DataTypes.FIELD("w", DataTypes.DECIMAL(38, 6)),
                                        DataTypes.FIELD("day", DataTypes.DATE()),
                                        DataTypes.FIELD("ts", DataTypes.TIMESTAMP(6)),
                                        DataTypes.FIELD("s", DataTypes.STRING()))
                                .getLogicalType();
        RowEncoder encoder = new RowEncoder(LoadFormat.of(Map.of()), type, false);
        java.util.Random random = new java.util.Random(42);
        long[] edges = {0, 1, -1, 9, 10, -10, Long.MAX_VALUE, Long.MIN_VALUE};
        for (int n = 0; n < 20_000; n++) {
            long l = n < edges.length ? edges[n] : random.nextLong() >> random.nextInt(64);
            int i = random.nextInt() >> random.nextInt(32);
            java.math.BigDecimal d =
                    java.math.BigDecimal.valueOf(
                            (random.nextLong() % 1_000_000_000_000_000L) >> random.nextInt(60), 4);
            java.math.BigDecimal z = java.math.BigDecimal.valueOf(random.nextInt());
            java.math.BigDecimal w =
                    new java.math.BigDecimal(new java.math.BigInteger(120, random), 6)
                            .multiply(java.math.BigDecimal.valueOf(random.nextBoolean() ? 1 : -1));
            java.time.LocalDate day =
                    java.time.LocalDate.ofEpochDay(random.nextInt(2_900_000) - 719_000);
            java.time.LocalDateTime ts =
                    java.time.LocalDateTime.of(
                            day,
                            java.time.LocalTime.ofNanoOfDay(
                                    random.nextLong(86_400_000_000L)
                                            * 1000
                                            / (n % 3 == 0 ? 1_000_000 : 1)
                                            * (n % 3 == 0 ? 1_000_000 : 1)));
            String text = "v" + n + (n % 5 == 0 ? " \u00e4\u4e2d\ud83d\ude00" : "");
            GenericRowData row =
                    GenericRowData.of(
                            l,
                            i,
                            DecimalData.fromBigDecimal(d, 18, 4),
                            DecimalData.fromBigDecimal(z, 10, 0),
                            DecimalData.fromBigDecimal(w, 38, 6),
                            (int) day.toEpochDay(),
                            TimestampData.fromLocalDateTime(ts),
                            StringData.fromString(text));
            String expected =
                    String.join(
                                    "\t",
                                    Long.toString(l),
                                    Integer.toString(i),
                                    d.toPlainString(),
                                    z.toPlainString(),
                                    w.toPlainString(),
                                    day.toString(),
                                    reference(ts),
                                    text)
                            + "\n";
            assertThat(text(encoder.encode(row))).as("row %d", n).isEqualTo(expected);
        }
    }

    @Test
    void floatsBooleansTimesAndNestedValuesInCsvAndJson() throws Exception {
        RowType type =
                (RowType)
                        DataTypes.ROW(
                                        DataTypes.FIELD("d", DataTypes.DOUBLE()),
                                        DataTypes.FIELD("f", DataTypes.FLOAT()),
                                        DataTypes.FIELD("b", DataTypes.BOOLEAN()),
                                        DataTypes.FIELD("t", DataTypes.TIME(3)),
                                        DataTypes.FIELD(
                                                "m",
                                                DataTypes.MAP(
                                                        DataTypes.DATE(), DataTypes.DOUBLE())),
                                        DataTypes.FIELD("n", DataTypes.DOUBLE()))
                                .getLogicalType();
        GenericRowData row =
                GenericRowData.of(
                        1.0E10,
                        0.1f,
                        true,
                        (10 * 3600 + 15 * 60) * 1000 + 500,
                        new org.apache.flink.table.data.GenericMapData(
                                Map.of(
                                        (int) java.time.LocalDate.of(2024, 2, 29).toEpochDay(),
                                        2.5)),
                        null);
        RowEncoder csv = new RowEncoder(LoadFormat.of(Map.of("enclose", "\"")), type, false);
        csv.check(row);
        assertThat(text(csv.encode(row)))
                // the JSON of the map holds the enclose character: enclosed, with it doubled
                .isEqualTo("1.0E10\t0.1\ttrue\t10:15:00.5\t\"{\"\"2024-02-29\"\":2.5}\"\t\\N\n");
        RowEncoder json = new RowEncoder(LoadFormat.of(Map.of("format", "json")), type, false);
        // rows one after another through one generator: nothing between them but the separator
        assertThat(text(json.encode(row)) + text(json.encode(row)))
                .isEqualTo(
                        ("{\"d\":1.0E10,\"f\":0.1,\"b\":true,\"t\":\"10:15:00.5\","
                                        + "\"m\":{\"2024-02-29\":2.5},\"n\":null}")
                                .repeat(2));
    }

    /** The reference: ISO date, a space, the time with the fraction in micros, zeros trimmed. */
    private static String reference(java.time.LocalDateTime ts) {
        String time =
                ts.toLocalTime().format(java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss"));
        String fraction = String.format("%06d", ts.getNano() / 1000).replaceAll("0+$", "");
        return ts.toLocalDate() + " " + time + (fraction.isEmpty() ? "" : "." + fraction);
    }

    @Test
    void aSeparatorThatNumbersUseMakesThemChecked() throws Exception {
        RowType type =
                (RowType)
                        DataTypes.ROW(
                                        DataTypes.FIELD("id", DataTypes.BIGINT()),
                                        DataTypes.FIELD("amount", DataTypes.DECIMAL(10, 2)))
                                .getLogicalType();
        GenericRowData row =
                GenericRowData.of(
                        5L, DecimalData.fromBigDecimal(new java.math.BigDecimal("1.25"), 10, 2));
        RowEncoder plain =
                new RowEncoder(LoadFormat.of(Map.of("column_separator", ".")), type, false);
        assertThatThrownBy(() -> plain.check(row))
                .isInstanceOf(UnencodableRowException.class)
                .hasMessageContaining("amount");
        RowEncoder enclosed =
                new RowEncoder(
                        LoadFormat.of(Map.of("column_separator", ".", "enclose", "'")),
                        type,
                        false);
        enclosed.check(row);
        assertThat(text(enclosed.encode(row))).isEqualTo("5.'1.25'\n");
    }

    @Test
    void aMultiByteSeparatorAndEncloseAreFoundInUtf8Text() throws Exception {
        RowEncoder encoder =
                new RowEncoder(
                        LoadFormat.of(Map.of("column_separator", "\u00a6", "enclose", "\u00ab")),
                        TYPE,
                        false);
        GenericRowData row = row(RowKind.INSERT, "a\u00a6b \u00ab c \u00e4");
        encoder.check(row);
        assertThat(text(encoder.encode(row)))
                .startsWith("7\u00a6\u00aba\u00a6b \u00ab\u00ab c \u00e4\u00ab\u00a61.500");
    }
}
