package org.flinkx.connector.es.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.types.logical.RowType;
import org.junit.jupiter.api.Test;

/** A document read from a parser gives the row its tree gives. */
class DocumentReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final DocumentReader READER =
            new DocumentReader(
                    (RowType)
                            DataTypes.ROW(
                                            DataTypes.FIELD("d", DataTypes.DOUBLE()),
                                            DataTypes.FIELD("f", DataTypes.FLOAT()),
                                            DataTypes.FIELD("s", DataTypes.STRING()),
                                            DataTypes.FIELD(
                                                    "r",
                                                    DataTypes.ROW(
                                                            DataTypes.FIELD(
                                                                    "x", DataTypes.BIGINT()))))
                                    .getLogicalType());

    private static GenericRowData streamed(String document) throws Exception {
        try (JsonParser p = JSON.createParser(document)) {
            p.nextToken();
            return READER.read(READER.values(p), 0);
        }
    }

    @Test
    void streamedAsFromTheTree() throws Exception {
        String[] documents = {
            "{\"d\":0.1,\"f\":0.1,\"s\":{\"a\":[1,\"b\"]},\"r\":{\"x\":7},\"other\":[{}]}",
            "{\"d\":3,\"f\":16777217,\"s\":12.50,\"r\":{\"x\":\"8\"}}",
            "{\"d\":9007199254740993,\"f\":\"2.5\",\"s\":true,\"r\":null}",
            "{\"d\":18446744073709551617,\"s\":null,\"d\":[1.5]}",
            "[1]",
        };
        for (String document : documents) {
            JsonNode tree = JSON.readTree(document);
            assertThat(streamed(document)).as(document).isEqualTo(READER.read(tree, 0));
        }
        GenericRowData row = streamed(documents[2]);
        assertThat(row.getDouble(0)).isEqualTo(new BigDecimal("9007199254740993").doubleValue());
        assertThat(row.getFloat(1)).isEqualTo(2.5f);
    }

    @Test
    void aDecimalColumnKeepsEveryDigitOfItsNumber() throws Exception {
        DocumentReader reader =
                new DocumentReader(
                        (RowType)
                                DataTypes.ROW(DataTypes.FIELD("amount", DataTypes.DECIMAL(20, 2)))
                                        .getLogicalType());
        for (String[] document :
                new String[][] {
                    {"{\"amount\":12345678901234567.89}", "12345678901234567.89"},
                    {"{\"amount\":0.1}", "0.10"},
                    {"{\"amount\":1.5e3}", "1500.00"},
                    {"{\"amount\":42}", "42.00"},
                    {"{\"amount\":\"7.25\"}", "7.25"},
                }) {
            try (JsonParser p = JSON.createParser(document[0])) {
                p.nextToken();
                GenericRowData row = reader.read(reader.values(p), 0);
                assertThat(row.getDecimal(0, 20, 2).toBigDecimal())
                        .as(document[0])
                        .isEqualByComparingTo(document[1]);
                assertThat(row.getDecimal(0, 20, 2).toString()).isEqualTo(document[1]);
            }
        }
    }

    @Test
    void refusesAnOverflowedDouble() {
        assertThatThrownBy(() -> streamed("{\"d\":1e400}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Field 'd': ");
    }
}
