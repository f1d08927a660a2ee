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
}
