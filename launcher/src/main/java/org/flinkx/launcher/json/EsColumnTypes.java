package org.flinkx.launcher.json;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Flink SQL types for the column types of the Elasticsearch plugins: Elasticsearch's field types
 * ({@code keyword}, {@code text}, {@code integer}, {@code long}, {@code date}, ...), as ChunJun's
 * plugins name them, and the SQL type names every other plugin takes ({@link ColumnTypes}), as the
 * older FlinkX's did ({@code string}, {@code int}, ...). {@code date} is a timestamp, as in
 * Elasticsearch. Objects ({@code object}, {@code nested}, {@code geo_point}, ...) are read as their
 * JSON text and cannot be written from one (ChunJun parsed such a string into an object).
 */
final class EsColumnTypes {

    private static final Map<String, String> NAMES =
            Map.ofEntries(
                    Map.entry("text", "STRING"),
                    Map.entry("keyword", "STRING"),
                    Map.entry("constant_keyword", "STRING"),
                    Map.entry("wildcard", "STRING"),
                    Map.entry("match_only_text", "STRING"),
                    Map.entry("ip", "STRING"),
                    Map.entry("version", "STRING"),
                    Map.entry("binary", "STRING"),
                    Map.entry("byte", "TINYINT"),
                    Map.entry("short", "SMALLINT"),
                    Map.entry("integer", "INT"),
                    Map.entry("long", "BIGINT"),
                    Map.entry("unsigned_long", "DECIMAL(20, 0)"),
                    Map.entry("half_float", "FLOAT"),
                    Map.entry("float", "FLOAT"),
                    Map.entry("scaled_float", "DOUBLE"),
                    Map.entry("double", "DOUBLE"),
                    Map.entry("boolean", "BOOLEAN"),
                    Map.entry("date", "TIMESTAMP(3)"),
                    Map.entry("date_nanos", "TIMESTAMP(9)"));

    /** Field types holding objects: read as their JSON text. */
    private static final Set<String> OBJECTS =
            Set.of(
                    "object",
                    "nested",
                    "flattened",
                    "geo_point",
                    "geo_shape",
                    "point",
                    "shape",
                    "join");

    private EsColumnTypes() {}

    /**
     * The Flink type of column {@code column}'s {@code typeName}; {@code writer} refuses the object
     * types.
     */
    static String ofName(String plugin, String column, String typeName, boolean writer) {
        String type = typeName.trim().toLowerCase(Locale.ROOT);
        String flink = NAMES.get(type);
        if (flink != null) {
            return flink;
        }
        if (OBJECTS.contains(type)) {
            if (writer) {
                throw new IllegalArgumentException(
                        plugin
                                + ": column '"
                                + column
                                + "' has type '"
                                + typeName
                                + "': FlinkX writes a column's value as it is, not a JSON string as an "
                                + "object; write objects from a flinkx-es SQL job with a ROW (or MAP, ARRAY) column");
            }
            return "STRING";
        }
        try {
            return ColumnTypes.ofName(column, typeName);
        } catch (IllegalArgumentException e) {
            Set<String> known = new TreeSet<>(NAMES.keySet());
            known.addAll(OBJECTS);
            throw new IllegalArgumentException(
                    plugin
                            + ": column '"
                            + column
                            + "': unknown type '"
                            + typeName
                            + "'; the Elasticsearch types are "
                            + String.join(", ", known)
                            + ", and the SQL types of the other plugins (int, bigint, varchar, decimal(p,s), "
                            + "timestamp, ...)",
                    e);
        }
    }
}
