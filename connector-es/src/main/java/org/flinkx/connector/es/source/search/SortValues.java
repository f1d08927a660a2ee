package org.flinkx.connector.es.source.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.flink.annotation.Internal;

/**
 * A hit's {@code sort} values, the read position of a split: as Java values for state ({@code
 * String}, {@code Long}, {@code Double}, {@code BigDecimal}: what {@code ValueCodec} writes), back
 * to JSON for {@code search_after}, and compared the way Lucene orders them.
 */
@Internal
public final class SortValues {

    private SortValues() {}

    /** The values of a hit's {@code sort} array. */
    public static List<Object> fromJson(JsonNode sort) {
        if (sort == null || !sort.isArray()) {
            throw new IllegalArgumentException("A hit without sort values: " + sort);
        }
        List<Object> values = new ArrayList<>(sort.size());
        for (JsonNode value : sort) {
            if (value.isNull()) {
                values.add(null);
            } else if (value.isTextual()) {
                values.add(value.textValue());
            } else if (value.isIntegralNumber()) {
                values.add(
                        value.canConvertToLong()
                                ? (Object) value.longValue()
                                : new BigDecimal(value.bigIntegerValue()));
            } else if (value.isBigDecimal()) {
                values.add(value.decimalValue());
            } else if (value.isNumber()) {
                values.add(value.doubleValue());
            } else {
                throw new IllegalArgumentException("Unsupported sort value " + value);
            }
        }
        return Collections.unmodifiableList(values);
    }

    /** The {@code search_after} array of the values. */
    public static ArrayNode toJson(List<Object> values) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode(values.size());
        for (Object value : values) {
            if (value == null) {
                array.addNull();
            } else if (value instanceof String s) {
                array.add(s);
            } else if (value instanceof Long l) {
                array.add(l);
            } else if (value instanceof Double d) {
                array.add(d);
            } else if (value instanceof BigDecimal d) {
                array.add(d);
            } else {
                throw new IllegalArgumentException("Unsupported sort value " + value);
            }
        }
        return array;
    }

    /**
     * Compares two positions of the same sort, value by value: strings by their UTF-8 bytes
     * (Lucene's order of {@code _index} and {@code _id}, which differs from {@link
     * String#compareTo} beyond the BMP), numbers by value, null first.
     */
    public static int compare(List<Object> a, List<Object> b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            int c = compareValues(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static int compareValues(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a instanceof String x && b instanceof String y) {
            return compareUtf8(x, y);
        }
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y); // _shard_doc, _doc: as by value, without decimals
        }
        if (a instanceof Number x && b instanceof Number y) {
            return decimal(x).compareTo(decimal(y));
        }
        throw new IllegalArgumentException(
                "Sort values of different kinds cannot be compared: " + a + " and " + b);
    }

    private static BigDecimal decimal(Number number) {
        if (number instanceof BigDecimal d) {
            return d;
        }
        if (number instanceof Long l) {
            return BigDecimal.valueOf(l);
        }
        return BigDecimal.valueOf(number.doubleValue());
    }

    private static int compareUtf8(String a, String b) {
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        return java.util.Arrays.compareUnsigned(x, y);
    }
}
