package org.flinkx.connector.es.convert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Values read from a parser are the nodes {@code readTree} makes, of the same classes. */
class JsonValuesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsTheNodesReadTreeMakes() throws Exception {
        String text =
                "{\"s\":\"é\\n\",\"i\":1,\"l\":4294967301,\"b\":18446744073709551615,"
                        + "\"d\":2.50,\"e\":1e400,\"t\":true,\"f\":false,\"n\":null,"
                        + "\"o\":{\"a\":[1,[2],{}],\"a\":\"last\"},\"x\":[]}";
        try (JsonParser p = JSON.createParser(text)) {
            p.nextToken();
            JsonNode read = JsonValues.read(p);
            JsonNode expected = JSON.readTree(text);
            assertThat(read).isEqualTo(expected);
            expected.fields()
                    .forEachRemaining(
                            field ->
                                    assertThat(read.get(field.getKey()).getClass())
                                            .as(field.getKey())
                                            .isEqualTo(field.getValue().getClass()));
            assertThat(p.nextToken()).isNull();
        }
    }
}
