package org.flinkx.connector.starrocks.testserver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a JSON body into records as StarRocks 3.x does: one object, or with {@code
 * strip_outer_array: true} an array of objects. Without {@code jsonpaths} fields are taken by name;
 * with it, the i-th path gives the i-th column of {@code columns} (or of the table). Strings are
 * their text, other scalars their JSON text, objects and arrays their JSON (for JSON columns),
 * {@code null} NULL.
 */
final class JsonRecords {

    private JsonRecords() {}

    static List<SourceRecord> parse(String body, LoadSpec spec, List<String> targetColumns) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            return List.of(SourceRecord.bad(body, "invalid JSON: " + e.getOriginalMessage()));
        }
        List<String> paths = paths(spec.jsonPaths());
        List<SourceRecord> records = new ArrayList<>();
        if (root == null) {
            return records;
        }
        if (root.isArray() && !spec.stripOuterArray()) {
            records.add(
                    SourceRecord.bad(
                            body, "JSON data is an array, strip_outer_array must be set true"));
            return records;
        }
        for (JsonNode node : root.isArray() ? root : List.of(root)) {
            if (!node.isObject()) {
                records.add(SourceRecord.bad(node.toString(), "a JSON record must be an object"));
                continue;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            if (paths == null) {
                node.fields().forEachRemaining(e -> fields.put(e.getKey(), text(e.getValue())));
            } else {
                for (int i = 0; i < paths.size() && i < targetColumns.size(); i++) {
                    JsonNode value = node.at(pointer(paths.get(i)));
                    if (!value.isMissingNode()) {
                        fields.put(targetColumns.get(i), text(value));
                    }
                }
            }
            records.add(SourceRecord.json(node.toString(), fields));
        }
        return records;
    }

    private static List<String> paths(String jsonPaths) {
        if (jsonPaths == null || jsonPaths.isBlank()) {
            return null;
        }
        try {
            List<String> paths = new ArrayList<>();
            for (JsonNode path : Json.MAPPER.readTree(jsonPaths)) {
                paths.add(path.asText());
            }
            return paths;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid jsonpaths: " + jsonPaths);
        }
    }

    /** {@code $.a.b} (or {@code a.b}) as the JSON pointer {@code /a/b}. */
    private static String pointer(String path) {
        String p = path.startsWith("$") ? path.substring(1) : path;
        p = p.startsWith(".") ? p.substring(1) : p;
        return "/" + p.replace(".", "/");
    }

    private static String text(JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }
}
