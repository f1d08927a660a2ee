package org.flinkx.connector.es.convert;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.apache.flink.annotation.Internal;

/**
 * Reads the value a parser is at as a {@link JsonNode}, the nodes {@code ObjectMapper.readTree}
 * makes with the default features (ints as int, long or big-integer nodes by their size, decimals
 * as double nodes, a repeated key's last value kept), without a deserialization context for each
 * value: one value of a hit's {@code _source}, its {@code sort}, its metadata.
 */
@Internal
public final class JsonValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonValues() {}

    /** The value at the parser's current token; the parser is left on the value's last token. */
    public static JsonNode read(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        if (token == null) {
            throw new IOException("No JSON value to read");
        }
        return switch (token) {
            case START_OBJECT -> readObject(p);
            case START_ARRAY -> readArray(p);
            case VALUE_STRING -> NODES.textNode(p.getText());
            case VALUE_NUMBER_INT -> integral(p);
            case VALUE_NUMBER_FLOAT -> decimal(p);
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new IOException("Unexpected JSON token " + token);
        };
    }

    /**
     * {@link #read}, but a number with a fraction or exponent as the decimal its text says (for a
     * DECIMAL column: no round trip through a double and back to text).
     */
    public static JsonNode readExact(JsonParser p) throws IOException {
        return p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT
                ? NODES.numberNode(p.getDecimalValue())
                : read(p);
    }

    private static ObjectNode readObject(JsonParser p) throws IOException {
        ObjectNode object = NODES.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            object.replace(name, read(p));
        }
        return object;
    }

    private static ArrayNode readArray(JsonParser p) throws IOException {
        ArrayNode array = NODES.arrayNode();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            array.add(read(p));
        }
        return array;
    }

    private static JsonNode integral(JsonParser p) throws IOException {
        return switch (p.getNumberType()) {
            case INT -> NODES.numberNode(p.getIntValue());
            case LONG -> NODES.numberNode(p.getLongValue());
            default -> NODES.numberNode(p.getBigIntegerValue());
        };
    }

    private static JsonNode decimal(JsonParser p) throws IOException {
        return switch (p.getNumberTypeFP()) {
            case BIG_DECIMAL -> NODES.numberNode(p.getDecimalValue());
            case FLOAT32 -> NODES.numberNode(p.getFloatValue());
            default -> NODES.numberNode(p.getDoubleValue());
        };
    }
}
