package org.flinkx.launcher.json;

import static org.flinkx.launcher.json.EsConnectionSettings.CONNECTOR;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/**
 * {@code esreader} (the older FlinkX's, and ChunJun's Elasticsearch 6 plugin) and {@code
 * elasticsearch7reader} (ChunJun's) as a {@code flinkx-es} table: the documents of {@code index}
 * that {@code query} matches, each a row of the {@code _source} fields {@code column} names. The
 * read is bounded and cut into slices (one per reader subtask), as the originals' scrolls were.
 * {@link EsWriterPlugin} is the writer; {@link EsConnectionSettings} what both share.
 */
final class EsReaderPlugin {

    /** The hit's metadata a column of these names reads, and its type. */
    private static final Map<String, String> METADATA =
            Map.of("_id", "STRING", "_index", "STRING", "_score", "DOUBLE");

    /** The most documents one search request returns (index.max_result_window's default). */
    private static final int MAX_FETCH_SIZE = 10_000;

    static final KeyTable READER_KEYS = keys();

    private EsReaderPlugin() {}

    private static KeyTable keys() {
        KeyTable.Builder keys = KeyTable.builder();
        EsConnectionSettings.nodeKeys(keys)
                .read(
                        "index",
                        "`index`: an index, an alias or a pattern with `*`; several (a list, or `a,b`) "
                                + "joined with `,`");
        EsConnectionSettings.clientKeys(keys)
                .read(
                        "query",
                        "a query of the query DSL, an object or its JSON text: `scan.query` (absent or "
                                + "`{}`: every document)")
                .read(
                        "batchSize",
                        "documents per search request: `scan.fetch-size` (absent, or 0 as in the older "
                                + "FlinkX's example: 1000; above 10000, Elasticsearch's page limit: 10000, warned)")
                .read(
                        "column",
                        "`{name, type}`: each the `_source` field of that name (a missing field is NULL; "
                                + "`a.b` is the field named so, as ChunJun read it, not field `b` of object `a` "
                                + "as the older FlinkX did: warned); no `type`: STRING; types as Elasticsearch "
                                + "names them (`keyword`, `text`, `integer`, `long`, `double`, `boolean`, `date` "
                                + "as TIMESTAMP(3), `object` and `nested` as their JSON text, ...) or as the SQL "
                                + "plugins do; `_id`, `_index`, `_score`: the hit's metadata; without `name`, "
                                + "`value` is a constant (beside a `name` it is unused, as in the originals: "
                                + "warned); `*` fails");
        return EsConnectionSettings.ignoredKeys(keys).build();
    }

    static Plugin reader(String name) {
        return Plugin.reader(name, CONNECTOR, READER_KEYS, EsReaderPlugin::readerTable);
    }

    private static TableDef readerTable(Parameters parameters, Plugin.Context context) {
        String plugin = parameters.plugin();
        List<String> warnings = context.warnings();
        TableDef table = new TableDef("reader", CONNECTOR);
        EsConnectionSettings.hosts(parameters, table);
        List<String> indices =
                parameters.texts("index").stream()
                        .flatMap(entry -> java.util.Arrays.stream(entry.split(",")))
                        .map(String::trim)
                        .filter(index -> !index.isEmpty())
                        .toList();
        if (indices.isEmpty()) {
            throw new IllegalArgumentException(plugin + ": parameter 'index' is required");
        }
        table.options.put("index", String.join(",", indices));
        EsConnectionSettings.client(parameters, table, warnings);
        fetchSize(parameters, table, warnings);
        parameters
                .node("query")
                .map(query -> query(plugin, query))
                .filter(query -> !query.isEmpty())
                .ifPresent(query -> table.options.put("scan.query", query.toString()));
        columns(parameters, table, warnings);
        return table;
    }

    /** {@code batchSize}: the page size, within what a search request may ask for. */
    private static void fetchSize(Parameters parameters, TableDef table, List<String> warnings) {
        String plugin = parameters.plugin();
        parameters
                .text("batchSize")
                .map(String::trim)
                .ifPresent(
                        text -> {
                            if (!text.matches("-?[0-9]{1,9}")) {
                                throw new IllegalArgumentException(
                                        plugin
                                                + ": batchSize '"
                                                + text
                                                + "' is not a whole number");
                            }
                            int size = Integer.parseInt(text);
                            if (size > MAX_FETCH_SIZE) {
                                warnings.add(
                                        plugin
                                                + ": batchSize "
                                                + size
                                                + " is more than a search request returns "
                                                + "(index.max_result_window, 10000 by default): FlinkX asks for "
                                                + MAX_FETCH_SIZE);
                                size = MAX_FETCH_SIZE;
                            }
                            if (size > 0) {
                                table.options.put("scan.fetch-size", String.valueOf(size));
                            }
                        });
    }

    /** {@code query}: an object, or its JSON text. */
    private static JsonNode query(String plugin, JsonNode query) {
        JsonNode parsed = query;
        if (query.isTextual()) {
            try {
                parsed = new ObjectMapper().readTree(query.asText());
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(
                        plugin + ": query is not JSON: " + e.getOriginalMessage());
            }
        }
        if (parsed == null || !parsed.isObject()) {
            throw new IllegalArgumentException(
                    plugin
                            + ": query must be a query of the query DSL, a JSON object such as "
                            + "{\"term\": {\"status\": \"paid\"}}, not "
                            + query);
        }
        return parsed;
    }

    /** The fields {@code column} names, the metadata columns and the constants. */
    private static void columns(Parameters parameters, TableDef table, List<String> warnings) {
        String plugin = parameters.plugin();
        List<Columns.Spec> specs = Columns.specs(parameters);
        if (specs.isEmpty()) {
            throw new IllegalArgumentException(
                    plugin
                            + ": 'column' must list the fields to read, [{\"name\": ..., \"type\": ...}] "
                            + "(an index has no columns to read for \"*\")");
        }
        for (int i = 0; i < specs.size(); i++) {
            Columns.Spec spec = specs.get(i);
            String name = spec.name();
            if (name == null || name.isEmpty()) {
                if (spec.value() == null) {
                    throw new IllegalArgumentException(
                            plugin
                                    + ": column "
                                    + i
                                    + " needs a 'name' (the field it reads) or a 'value' (a constant)");
                }
                String type =
                        spec.type() == null
                                ? "STRING"
                                : EsColumnTypes.ofName(plugin, "col" + i, spec.type(), false);
                table.columns.add(new TableDef.Column("col" + i, type, spec.value()));
                continue;
            }
            if (spec.value() != null) {
                warnings.add(
                        plugin
                                + ": column '"
                                + name
                                + "' reads the field; its 'value' is unused, as in the "
                                + "original (a column without a name is a constant)");
            }
            String metadata = METADATA.get(name);
            if (metadata != null) {
                table.columns.add(TableDef.Column.of(name, metadata));
                table.metadata.put(name, name);
                continue;
            }
            if (name.contains(".")) {
                warnings.add(
                        plugin
                                + ": column '"
                                + name
                                + "' reads the top-level field named '"
                                + name
                                + "', as ChunJun did; the older FlinkX read the field '"
                                + name.substring(name.lastIndexOf('.') + 1)
                                + "' of object '"
                                + name.substring(0, name.lastIndexOf('.'))
                                + "': for that, read the object as its JSON text (type object), or "
                                + "declare a ROW column in a flinkx-es SQL job");
            }
            String type =
                    spec.type() == null
                            ? "STRING"
                            : EsColumnTypes.ofName(plugin, name, spec.type(), false);
            table.columns.add(TableDef.Column.of(name, type));
        }
    }
}
