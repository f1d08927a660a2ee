package org.flinkx.launcher.json;

import static org.flinkx.launcher.json.EsConnectionSettings.CONNECTOR;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code eswriter} (the older FlinkX's, and ChunJun's Elasticsearch 6 plugin) and {@code
 * elasticsearch7writer} (ChunJun's) as a {@code flinkx-es} table: each row a document of {@code
 * index}. With id columns (the older FlinkX's {@code idColumn}, ChunJun's {@code ids}, else a
 * changelog reader's primary key) they are the table's PRIMARY KEY: a row upserts the document of
 * its id (a delete deletes it); without, each document gets a generated id. {@link EsReaderPlugin}
 * is the reader; {@link EsConnectionSettings} what both share.
 */
final class EsWriterPlugin {

    private static final List<String> WRITE_MODES = List.of("append", "insert", "update", "upsert");

    static final KeyTable WRITER_KEYS = keys();

    private EsWriterPlugin() {}

    private static KeyTable keys() {
        KeyTable.Builder keys = KeyTable.builder();
        EsConnectionSettings.nodeKeys(keys)
                .read(
                        "index",
                        "`index`: one index, or a pattern that names each row's index: `{column}`, "
                                + "`{column|yyyy-MM-dd}` (a date or timestamp column formatted), `{now()|yyyy-MM}`");
        EsConnectionSettings.clientKeys(keys)
                .read(
                        "column",
                        "names or `{name, type}` matched by position with the reader's columns; no type: "
                                + "the reader column's; types as esreader's (the object types fail); absent: the "
                                + "reader's columns; `a.b` writes the field named so, which Elasticsearch maps as "
                                + "field `b` of object `a` (the older FlinkX wrote the nested object)")
                .read(
                        "idColumn",
                        "the older FlinkX's id: `[{index, type}]` (positions in `column`, from 0) or names: "
                                + "the PRIMARY KEY, each row upserts the document of its id; several are joined "
                                + "with nothing between them, as it did (an empty `document-id.key-delimiter`, "
                                + "unless `keyDelimiter`); a constant part (`value`) fails")
                .read(
                        "ids",
                        "ChunJun's id columns (names): the PRIMARY KEY, joined with `keyDelimiter`; "
                                + "without `ids` and `idColumn`, a changelog reader's (binlogreader) primary key; "
                                + "none: generated ids")
                .option("keyDelimiter", "document-id.key-delimiter")
                .option("bulkAction", "sink.bulk-flush.max-actions")
                .option("batchSize", "sink.bulk-flush.max-actions")
                .option("flushIntervalMills", "sink.bulk-flush.interval")
                .read(
                        "writeMode",
                        "`append` (default; `insert`, `update`, `upsert` alike: with ids each row "
                                + "overwrites its document); `overwrite` fails: ChunJun deleted every document of "
                                + "the index first, FlinkX does not")
                .read(
                        "semantic",
                        "`sink.delivery-guarantee`: `at-least-once` (default), `none`; `exactly-once` fails "
                                + "(Elasticsearch has no transactions; with ids a replay overwrites the same "
                                + "documents); the writer's own `semantic` wins");
        return EsConnectionSettings.ignoredKeys(keys).build();
    }

    static Plugin writer(String name) {
        return Plugin.writer(name, CONNECTOR, WRITER_KEYS, EsWriterPlugin::writerTable);
    }

    private static TableDef writerTable(Parameters parameters, Plugin.Context context) {
        String plugin = parameters.plugin();
        TableDef table = new TableDef("writer", CONNECTOR);
        EsConnectionSettings.hosts(parameters, table);
        List<String> indices = parameters.texts("index");
        if (indices.isEmpty() || indices.get(0).isBlank()) {
            throw new IllegalArgumentException(plugin + ": parameter 'index' is required");
        }
        if (indices.size() > 1 || indices.get(0).contains(",")) {
            throw new IllegalArgumentException(
                    plugin
                            + ": FlinkX writes one index (or a pattern naming each row's, "
                            + "'orders-{created|yyyy-MM}'), not "
                            + indices);
        }
        table.options.put("index", indices.get(0).trim());
        EsConnectionSettings.client(parameters, table, context.warnings());
        columns(parameters, table, context.reader());
        key(parameters, table, context);
        writeMode(parameters);
        deliveryGuarantee(parameters, context, table);
        return table;
    }

    /** The reader's columns, named and typed by {@code column} where it says. */
    private static void columns(Parameters parameters, TableDef table, TableDef reader) {
        String plugin = parameters.plugin();
        List<Columns.Spec> specs = Columns.specs(parameters);
        List<TableDef.Column> read = reader.selected();
        if (specs.isEmpty()) {
            read.forEach(
                    column -> table.columns.add(TableDef.Column.of(column.name(), column.type())));
            return;
        }
        if (specs.size() != read.size()) {
            throw new IllegalArgumentException(
                    plugin
                            + ": the writer lists "
                            + specs.size()
                            + " columns, the reader "
                            + read.size()
                            + "; they are matched by position");
        }
        for (int i = 0; i < specs.size(); i++) {
            Columns.Spec spec = specs.get(i);
            String name = spec.name() != null ? spec.name() : read.get(i).name();
            String type =
                    spec.type() != null
                            ? EsColumnTypes.ofName(plugin, name, spec.type(), true)
                            : read.get(i).type();
            table.columns.add(TableDef.Column.of(name, type));
        }
    }

    /**
     * The PRIMARY KEY: {@code idColumn} (the older FlinkX's), {@code ids} (ChunJun's), else a
     * changelog reader's primary key under the writer's names.
     */
    private static void key(Parameters parameters, TableDef table, Plugin.Context context) {
        String plugin = parameters.plugin();
        List<String> names = table.columns.stream().map(TableDef.Column::name).toList();
        Optional<JsonNode> idColumn = parameters.node("idColumn");
        List<String> ids = parameters.texts("ids");
        if (idColumn.isPresent() && !ids.isEmpty()) {
            throw new IllegalArgumentException(
                    plugin + ": give the id columns as 'idColumn' or as 'ids', not both");
        }
        List<String> key = new ArrayList<>();
        if (idColumn.isPresent()) {
            JsonNode entries = idColumn.get();
            if (!entries.isArray()) {
                throw new IllegalArgumentException(
                        plugin + ": 'idColumn' must be a list of {index, type} or of names");
            }
            entries.forEach(entry -> key.add(idColumn(plugin, entry, names)));
            if (key.size() > 1 && parameters.text("keyDelimiter").isEmpty()) {
                // The older FlinkX appended the values without a delimiter.
                table.options.put("document-id.key-delimiter", "");
            }
        } else if (!ids.isEmpty()) {
            for (String id : ids) {
                key.add(column(plugin, "ids", id.trim(), names));
            }
        } else if (!context.reader().primaryKey.isEmpty()) {
            TableDef reader = context.reader();
            List<String> readNames = reader.selected().stream().map(TableDef.Column::name).toList();
            for (String column : reader.primaryKey) {
                int index = readNames.indexOf(column);
                if (index < 0 || index >= names.size()) {
                    throw new IllegalArgumentException(
                            plugin
                                    + ": the reader's key column '"
                                    + column
                                    + "' is not written, and a changelog's "
                                    + "updates and deletes need it: write it, or name the id columns with 'ids'");
                }
                key.add(names.get(index));
            }
        } else if (parameters.text("keyDelimiter").isPresent()) {
            context.warnings()
                    .add(
                            plugin
                                    + ": keyDelimiter is unused: without id columns ('ids', 'idColumn') "
                                    + "each document gets a generated id");
        }
        table.primaryKey.addAll(key);
    }

    /** One entry of {@code idColumn}: a position in the writer's columns or a name. */
    private static String idColumn(String plugin, JsonNode entry, List<String> names) {
        if (entry.isObject()) {
            if (entry.hasNonNull("value")) {
                throw new IllegalArgumentException(
                        plugin
                                + ": idColumn "
                                + entry
                                + " is a constant: FlinkX's document ids are made of the "
                                + "id columns' values only (add the constant as a column of the reader, and name it)");
            }
            if (entry.hasNonNull("index")) {
                return position(plugin, entry.get("index"), names);
            }
            if (entry.hasNonNull("name")) {
                return column(plugin, "idColumn", entry.get("name").asText(), names);
            }
            throw new IllegalArgumentException(
                    plugin + ": idColumn " + entry + " needs an 'index' (a position in 'column')");
        }
        if (entry.isIntegralNumber()) {
            return position(plugin, entry, names);
        }
        if (entry.isTextual()) {
            return column(plugin, "idColumn", entry.asText().trim(), names);
        }
        throw new IllegalArgumentException(
                plugin + ": idColumn must list {index, type} or names, not " + entry);
    }

    private static String position(String plugin, JsonNode index, List<String> names) {
        String text = index.asText().trim();
        if (!text.matches("\\d+") || Integer.parseInt(text) >= names.size()) {
            throw new IllegalArgumentException(
                    plugin
                            + ": idColumn index "
                            + text
                            + " is not a position in 'column': the writer has "
                            + names.size()
                            + " columns "
                            + names
                            + ", from 0");
        }
        return names.get(Integer.parseInt(text));
    }

    private static String column(String plugin, String key, String name, List<String> names) {
        if (!names.contains(name)) {
            throw new IllegalArgumentException(
                    plugin
                            + ": "
                            + key
                            + " names '"
                            + name
                            + "', which is not a column of the writer; its columns are "
                            + names);
        }
        return name;
    }

    /** ChunJun's {@code writeMode}: appends and upserts are what the id columns make them. */
    private static void writeMode(Parameters parameters) {
        String plugin = parameters.plugin();
        String mode = parameters.text("writeMode").orElse("append").toLowerCase(Locale.ROOT);
        if (mode.equals("overwrite")) {
            throw new IllegalArgumentException(
                    plugin
                            + ": writeMode 'overwrite' is not translated: ChunJun deleted every document "
                            + "of the index before writing, FlinkX does not delete; empty the index first "
                            + "(POST /<index>/_delete_by_query with a match_all query), or write a new index");
        }
        if (!WRITE_MODES.contains(mode)) {
            throw new IllegalArgumentException(
                    plugin
                            + ": writeMode '"
                            + mode
                            + "' is not one of "
                            + String.join(", ", WRITE_MODES));
        }
    }

    /** {@code semantic}: the writer's own (operator-level) wins over the parameter. */
    private static void deliveryGuarantee(
            Parameters parameters, Plugin.Context context, TableDef table) {
        String plugin = parameters.plugin();
        Optional<String> semantic =
                Optional.ofNullable(context.semantic()).or(() -> parameters.text("semantic"));
        if (semantic.isEmpty()) {
            return;
        }
        String guarantee = semantic.get().toLowerCase(Locale.ROOT);
        if (guarantee.equals("exactly-once")) {
            throw new IllegalArgumentException(
                    plugin
                            + ": semantic 'exactly-once' cannot be kept: Elasticsearch has no "
                            + "transactions. Use 'at-least-once' with id columns ('ids', 'idColumn'): a "
                            + "replay after a failure overwrites the same documents");
        }
        if (!guarantee.equals("at-least-once") && !guarantee.equals("none")) {
            throw new IllegalArgumentException(
                    plugin
                            + ": semantic '"
                            + semantic.get()
                            + "' is not one of at-least-once, none");
        }
        table.options.put("sink.delivery-guarantee", guarantee);
    }
}
