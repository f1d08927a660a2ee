package org.flinkx.launcher.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code column} parameter of the original plugins: {@code ["*"]}, a list of names, or a list
 * of objects {@code {name, type, index, value, format}}. A column without a type takes it from the
 * database (readers and writers of databases), from the reader's column at the same position
 * (writers), or is an error (files).
 */
final class Columns {

    /** One entry of {@code column}. */
    record Spec(String name, String type, Integer index, String value) {}

    private Columns() {}

    /** The entries of {@code column}; empty for {@code ["*"]} or no {@code column}. */
    static List<Spec> specs(Parameters parameters) {
        Optional<JsonNode> node = parameters.node("column");
        if (node.isEmpty()) {
            return List.of();
        }
        if (!node.get().isArray()) {
            throw new IllegalArgumentException(parameters.plugin() + ": 'column' must be a list");
        }
        List<Spec> specs = new ArrayList<>();
        for (JsonNode entry : node.get()) {
            if (entry.isTextual()) {
                if (entry.asText().equals("*")) {
                    return List.of();
                }
                specs.add(new Spec(entry.asText(), null, null, null));
            } else if (entry.isObject()) {
                entry.fieldNames()
                        .forEachRemaining(
                                key -> {
                                    if (!List.of(
                                                    "name",
                                                    "type",
                                                    "index",
                                                    "value",
                                                    "format",
                                                    "key",
                                                    "splitter",
                                                    "isPart",
                                                    "parseFormat",
                                                    "notNull",
                                                    "length",
                                                    "customConverterClass",
                                                    "customConverterType")
                                            .contains(key)) {
                                        throw new IllegalArgumentException(
                                                parameters.plugin()
                                                        + ": unknown key '"
                                                        + key
                                                        + "' in a column; a column has name, type, index, value, format");
                                    }
                                });
                specs.add(
                        new Spec(
                                text(entry, "name"),
                                text(entry, "type"),
                                entry.has("index") ? entry.get("index").asInt() : null,
                                text(entry, "value")));
            } else {
                throw new IllegalArgumentException(
                        parameters.plugin()
                                + ": a column is a name or an "
                                + "object with name and type, not "
                                + entry);
            }
        }
        return specs;
    }

    /** Fills {@code table}'s columns for a database plugin; {@code reader} is null for a reader. */
    static void jdbc(
            Parameters parameters, TableDef table, JdbcSchema.Source source, TableDef reader) {
        List<Spec> specs = specs(parameters);
        if (reader != null) {
            fromReader(parameters, table, specs, reader);
            return;
        }
        Lookup lookup = new Lookup(source);
        if (specs.isEmpty()) {
            table.columns.addAll(lookup.result().columns());
            return;
        }
        for (Spec spec : specs) {
            if (spec.name() == null) {
                throw new IllegalArgumentException(
                        parameters.plugin() + ": every column needs a 'name'");
            }
            if (spec.value() != null) {
                String type =
                        spec.type() == null
                                ? "STRING"
                                : ColumnTypes.ofName(spec.name(), spec.type());
                table.columns.add(new TableDef.Column(spec.name(), type, spec.value()));
            } else if (spec.type() != null) {
                table.columns.add(
                        TableDef.Column.of(
                                spec.name(), ColumnTypes.ofName(spec.name(), spec.type())));
            } else {
                table.columns.add(lookup.column(parameters, spec.name()));
            }
        }
    }

    /**
     * A writer's columns: its names (all the reader's without a list), each with its own type or
     * the type of the reader's column at the same position.
     */
    static void fromReader(
            Parameters parameters, TableDef table, List<Spec> specs, TableDef reader) {
        if (specs.isEmpty()) {
            reader.selected()
                    .forEach(
                            column ->
                                    table.columns.add(
                                            TableDef.Column.of(column.name(), column.type())));
            return;
        }
        List<TableDef.Column> read = reader.selected();
        if (specs.size() != read.size()) {
            throw new IllegalArgumentException(
                    parameters.plugin()
                            + ": the writer lists "
                            + specs.size()
                            + " columns, the reader "
                            + read.size()
                            + "; they are matched by position");
        }
        for (int i = 0; i < specs.size(); i++) {
            Spec spec = specs.get(i);
            String name = spec.name() != null ? spec.name() : read.get(i).name();
            String type =
                    spec.type() != null
                            ? ColumnTypes.ofName(name, spec.type())
                            : read.get(i).type();
            table.columns.add(TableDef.Column.of(name, type));
        }
    }

    /** The table's primary key as the database reports it. */
    static List<String> primaryKey(JdbcSchema.Source source) {
        return new Lookup(source).result().primaryKey();
    }

    private static String text(JsonNode entry, String key) {
        JsonNode value = entry.get(key);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** The database's columns, asked for once and only when needed. */
    private static final class Lookup {
        private final JdbcSchema.Source source;
        private JdbcSchema.Result result;

        Lookup(JdbcSchema.Source source) {
            this.source = source;
        }

        JdbcSchema.Result result() {
            if (result == null) {
                result = JdbcSchema.lookup(source);
            }
            return result;
        }

        TableDef.Column column(Parameters parameters, String name) {
            return result().columns().stream()
                    .filter(column -> column.name().equalsIgnoreCase(name))
                    .findFirst()
                    .orElseThrow(
                            () ->
                                    new IllegalArgumentException(
                                            parameters.plugin()
                                                    + ": column '"
                                                    + name
                                                    + "' is not in "
                                                    + (source.query() != null
                                                            ? "the result of 'customSql'"
                                                            : source.table())
                                                    + "; it has "
                                                    + result().columns().stream()
                                                            .map(TableDef.Column::name)
                                                            .toList()));
        }
    }
}
