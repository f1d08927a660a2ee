package org.flinkx.connector.es.convert;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericMapData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.MapType;
import org.apache.flink.table.types.logical.RowType;

/**
 * Reads a document's {@code _source} into a Flink row of the declared columns. A missing field is
 * null. A {@code STRING} column takes any value: text as it is, numbers and booleans as their text,
 * objects and arrays (nested objects, {@code geo_point}s, {@code geo_shape}s) as their JSON. Dates
 * are ISO-8601 text (a zone-less one is UTC) or epoch milliseconds. An {@code ARRAY} column takes a
 * single value as an array of one (any field of a document may hold one value or many); a scalar
 * column takes an array of one value as that value and refuses longer ones. A value that does not
 * fit its column throws an {@link IllegalArgumentException} naming the field.
 *
 * <p>A search reads each hit's {@code _source} in its streaming pass ({@link #values}): only the
 * declared columns' values become nodes, the document itself never becomes a tree.
 */
@Internal
public final class DocumentReader {

    private final String[] names;
    private final Converter[] converters;
    private final Map<String, Integer> positions = new HashMap<>();
    // DECIMAL columns: their decimals are read from the text, not through a double
    private final boolean[] exact;

    public DocumentReader(RowType type) {
        List<RowType.RowField> fields = type.getFields();
        this.names = new String[fields.size()];
        this.converters = new Converter[fields.size()];
        this.exact = new boolean[fields.size()];
        for (int i = 0; i < fields.size(); i++) {
            names[i] = fields.get(i).getName();
            converters[i] = converter(fields.get(i).getType());
            positions.put(names[i], i);
            exact[i] = fields.get(i).getType().getTypeRoot() == LogicalTypeRoot.DECIMAL;
        }
    }

    /** The fields read, in the row's order. */
    public List<String> fieldNames() {
        return List.of(names);
    }

    /** The row of {@code source}'s fields, with {@code extra} more fields left null at the end. */
    public GenericRowData read(JsonNode source, int extra) {
        return read(values(names, source), extra);
    }

    /**
     * The row of a document's values as {@link #values(JsonParser)} read them, with {@code extra}
     * more fields left null at the end.
     */
    public GenericRowData read(JsonNode[] values, int extra) {
        GenericRowData row = new GenericRowData(names.length + extra);
        fill(names, converters, values, row, "");
        return row;
    }

    /**
     * Reads the document the parser is at (its first token) up to its last token: the values of the
     * declared columns, in the row's order (null where the document has none); a document that is
     * not an object has none.
     */
    public JsonNode[] values(JsonParser p) throws IOException {
        JsonNode[] values = new JsonNode[names.length];
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return values;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            Integer position = positions.get(p.currentName());
            p.nextToken();
            if (position == null) {
                p.skipChildren();
            } else {
                values[position] = exact[position] ? JsonValues.readExact(p) : JsonValues.read(p);
            }
        }
        return values;
    }

    private static JsonNode[] values(String[] names, JsonNode object) {
        JsonNode[] values = new JsonNode[names.length];
        for (int i = 0; i < names.length; i++) {
            values[i] = object.get(names[i]);
        }
        return values;
    }

    private static void fill(
            String[] names,
            Converter[] converters,
            JsonNode[] values,
            GenericRowData row,
            String path) {
        for (int i = 0; i < names.length; i++) {
            JsonNode value = values[i];
            if (value == null || value.isNull()) {
                continue;
            }
            try {
                row.setField(i, converters[i].convert(value));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        "Field '" + path + names[i] + "': " + e.getMessage(), e);
            }
        }
    }

    @FunctionalInterface
    private interface Converter {
        Object convert(JsonNode value);
    }

    private static Converter converter(LogicalType type) {
        Converter scalar = scalarConverter(type);
        if (type instanceof ArrayType) {
            return scalar;
        }
        return value -> {
            if (value.isArray()
                    && !type.is(
                            org.apache.flink.table.types.logical.LogicalTypeFamily
                                    .CHARACTER_STRING)) {
                if (value.size() != 1) {
                    throw new IllegalArgumentException(
                            "holds an array of "
                                    + value.size()
                                    + " values; declare the column as ARRAY<"
                                    + type.asSummaryString()
                                    + ">");
                }
                value = value.get(0);
            }
            return scalar.convert(value);
        };
    }

    private static Converter scalarConverter(LogicalType type) {
        return switch (type.getTypeRoot()) {
            case CHAR, VARCHAR ->
                    value -> string(value.isValueNode() ? value.asText() : value.toString());
            case BOOLEAN ->
                    value -> {
                        if (value.isBoolean()) {
                            return value.booleanValue();
                        }
                        String text = value.asText();
                        if (text.equals("true") || text.equals("false")) {
                            return Boolean.parseBoolean(text);
                        }
                        throw new IllegalArgumentException("'" + text + "' is not a boolean");
                    };
            case TINYINT -> value -> (byte) integral(value, Byte.MIN_VALUE, Byte.MAX_VALUE);
            case SMALLINT -> value -> (short) integral(value, Short.MIN_VALUE, Short.MAX_VALUE);
            case INTEGER -> value -> (int) integral(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case BIGINT -> value -> integral(value, Long.MIN_VALUE, Long.MAX_VALUE);
            case FLOAT -> value -> (float) floating(value);
            case DOUBLE -> DocumentReader::floating;
            case DECIMAL -> {
                DecimalType decimal = (DecimalType) type;
                yield value -> {
                    DecimalData data =
                            DecimalData.fromBigDecimal(
                                    number(value), decimal.getPrecision(), decimal.getScale());
                    if (data == null) {
                        throw new IllegalArgumentException(
                                value.asText() + " does not fit " + type.asSummaryString());
                    }
                    return data;
                };
            }
            case DATE -> value -> (int) dateTime(value).toLocalDate().toEpochDay();
            case TIME_WITHOUT_TIME_ZONE ->
                    value -> (int) (LocalTime.parse(value.asText()).toNanoOfDay() / 1_000_000L);
            case TIMESTAMP_WITHOUT_TIME_ZONE ->
                    value -> TimestampData.fromLocalDateTime(dateTime(value));
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE ->
                    value ->
                            TimestampData.fromInstant(
                                    dateTime(value).toInstant(java.time.ZoneOffset.UTC));
            case BINARY, VARBINARY -> value -> Base64.getDecoder().decode(value.asText());
            case ROW -> {
                RowType rowType = (RowType) type;
                String[] names = rowType.getFieldNames().toArray(new String[0]);
                Converter[] converters = new Converter[names.length];
                for (int i = 0; i < names.length; i++) {
                    converters[i] = converter(rowType.getTypeAt(i));
                }
                yield value -> {
                    if (!value.isObject()) {
                        throw new IllegalArgumentException("is not an object: " + value);
                    }
                    GenericRowData nested = new GenericRowData(names.length);
                    fill(names, converters, values(names, value), nested, "");
                    return nested;
                };
            }
            case ARRAY -> {
                Converter element = converter(((ArrayType) type).getElementType());
                yield value -> {
                    if (!value.isArray()) {
                        return new GenericArrayData(new Object[] {element.convert(value)});
                    }
                    Object[] elements = new Object[value.size()];
                    for (int i = 0; i < elements.length; i++) {
                        JsonNode e = value.get(i);
                        elements[i] = e.isNull() ? null : element.convert(e);
                    }
                    return new GenericArrayData(elements);
                };
            }
            case MAP -> {
                Converter valueConverter = converter(((MapType) type).getValueType());
                yield value -> {
                    if (!value.isObject()) {
                        throw new IllegalArgumentException("is not an object: " + value);
                    }
                    Map<Object, Object> map = new HashMap<>();
                    Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
                    while (fields.hasNext()) {
                        Map.Entry<String, JsonNode> field = fields.next();
                        map.put(
                                string(field.getKey()),
                                field.getValue().isNull()
                                        ? null
                                        : valueConverter.convert(field.getValue()));
                    }
                    return new GenericMapData(map);
                };
            }
            default ->
                    throw new IllegalArgumentException(
                            "Elasticsearch documents cannot be read into type " + type);
        };
    }

    /**
     * The text as Flink string data held as UTF-8 bytes: encoded here at once (the JDK's encoder),
     * not later, char by char, when Flink copies or serializes the row.
     */
    static StringData string(String text) {
        return StringData.fromBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private static long integral(JsonNode value, long min, long max) {
        long result;
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            result = value.longValue();
        } else {
            BigDecimal decimal = number(value);
            try {
                result = decimal.longValueExact();
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(value.asText() + " is not an integer");
            }
        }
        if (result < min || result > max) {
            throw new IllegalArgumentException(value.asText() + " is out of range");
        }
        return result;
    }

    /**
     * A number as a double: an int, long or finite double node's own value (what going through its
     * decimal would give, without printing and parsing it), anything else through {@link #number}
     * (which refuses an overflowed double, as before).
     */
    private static double floating(JsonNode value) {
        if (value.isInt() || value.isLong()) {
            return value.doubleValue();
        }
        if (value.isDouble() && Double.isFinite(value.doubleValue())) {
            return value.doubleValue();
        }
        return number(value).doubleValue();
    }

    private static BigDecimal number(JsonNode value) {
        if (value.isNumber()) {
            return value.decimalValue();
        }
        try {
            return new BigDecimal(value.asText().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value.asText() + "' is not a number");
        }
    }

    private static LocalDateTime dateTime(JsonNode value) {
        if (value.isNumber()) {
            return Temporal.fromEpochMillis(value.longValue());
        }
        return Temporal.parseDateTime(value.asText());
    }
}
