package org.flinkx.launcher.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.annotation.Internal;

/**
 * Translates a job of the original FlinkX/ChunJun ({@code job.content[0].reader|writer} and {@code
 * job.setting}) into a FlinkX SQL script: {@code SET}s, a {@code CREATE TABLE} for the reader and
 * the writer, and one {@code INSERT}. The plugins are in {@link Plugins}; every key is mapped,
 * reported as ignored (into {@code warnings}), or rejected.
 */
@Internal
public final class JsonJobTranslator {

    private JsonJobTranslator() {}

    /**
     * The SQL of {@code json}; passwords in clear (see {@link #translate(String, List, boolean)}).
     */
    public static String translate(String json, List<String> warnings) {
        return translate(json, warnings, false);
    }

    /** The SQL of {@code json}; with {@code masked}, password options read {@code ******}. */
    public static String translate(String json, List<String> warnings, boolean masked) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "not a JSON job: "
                            + e.getOriginalMessage()
                            + " (line "
                            + e.getLocation().getLineNr()
                            + ")");
        }
        JsonNode job = root == null ? null : root.get("job");
        if (job == null || !job.isObject()) {
            throw new IllegalArgumentException(
                    "a JSON job is {\"job\": {\"content\": [...], \"setting\": {...}}}");
        }
        job.fieldNames()
                .forEachRemaining(
                        key -> {
                            if (!key.equals("content") && !key.equals("setting")) {
                                throw new IllegalArgumentException(
                                        "unknown key job." + key + "; job has content, setting");
                            }
                        });
        JsonNode content = job.get("content");
        if (content == null || !content.isArray() || content.size() != 1) {
            throw new IllegalArgumentException(
                    "job.content must hold exactly one {reader, writer} pair"
                            + " (as the original FlinkX runs only the first)");
        }
        JsonNode pair = content.get(0);
        pair.fieldNames()
                .forEachRemaining(
                        key -> {
                            if (!key.equals("reader") && !key.equals("writer")) {
                                throw new IllegalArgumentException(
                                        "job.content[0]."
                                                + key
                                                + " is not supported; "
                                                + "a content entry has reader, writer (write transformations as a SQL job)");
                            }
                        });
        JobSettings settings = new JobSettings(job.get("setting"), warnings);
        TableDef reader = table(pair, "reader", true, null, settings, warnings);
        settings.applyToReader(reader);
        TableDef writer = table(pair, "writer", false, reader, settings, warnings);
        settings.applyToWriter(writer);
        return script(pair, settings.flinkSettings(), reader, writer, masked);
    }

    private static TableDef table(
            JsonNode pair,
            String role,
            boolean isReader,
            TableDef reader,
            JobSettings settings,
            List<String> warnings) {
        JsonNode node = pair.get(role);
        if (node == null || !node.isObject() || !node.hasNonNull("name")) {
            throw new IllegalArgumentException(
                    "job.content[0]." + role + " needs a 'name' and a 'parameter'");
        }
        node.fieldNames()
                .forEachRemaining(
                        key -> {
                            if (!List.of("name", "parameter", "table", "semantic").contains(key)) {
                                throw new IllegalArgumentException(
                                        "unknown key job.content[0]."
                                                + role
                                                + "."
                                                + key
                                                + "; a "
                                                + role
                                                + " has name, parameter");
                            }
                        });
        Plugin plugin = Plugins.get(node.get("name").asText(), isReader);
        JsonNode parameter =
                node.has("parameter")
                        ? node.get("parameter")
                        : new ObjectMapper().createObjectNode();
        Parameters parameters = new Parameters(plugin.name(), parameter, plugin.keys(), warnings);
        String semantic = node.hasNonNull("semantic") ? node.get("semantic").asText() : null;
        TableDef table =
                plugin.table(
                        parameters,
                        new Plugin.Context(
                                reader,
                                settings.channels(),
                                settings.writerChannels(),
                                semantic,
                                warnings));
        if (semantic != null) { // ChunJun's operator-level semantic wins over the parameter
            table.options.put("sink.delivery-guarantee", semantic);
        }
        return table;
    }

    private static String script(
            JsonNode pair,
            Map<String, String> settings,
            TableDef reader,
            TableDef writer,
            boolean masked) {
        List<String> statements = new ArrayList<>();
        statements.add(
                "-- Translated by bin/flinkx from a FlinkX JSON job: "
                        + pair.get("reader").get("name").asText()
                        + " -> "
                        + pair.get("writer").get("name").asText());
        settings.forEach(
                (key, value) ->
                        statements.add(
                                "SET " + Sql.literal(key) + " = " + Sql.literal(value) + ";"));
        statements.add(reader.createTable(masked));
        statements.add(writer.createTable(masked));
        statements.add(insert(reader, writer));
        return String.join("\n\n", statements) + "\n";
    }

    /**
     * Writer columns by name, filled from the reader's columns by position (cast where types
     * differ).
     */
    private static String insert(TableDef reader, TableDef writer) {
        List<TableDef.Column> from = reader.selected();
        List<TableDef.Column> to = writer.columns;
        List<String> targets = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < to.size(); i++) {
            TableDef.Column source = from.get(i);
            TableDef.Column target = to.get(i);
            targets.add(Sql.identifier(target.name()));
            String value =
                    source.isConstant()
                            ? "CAST("
                                    + Sql.literal(source.constant())
                                    + " AS "
                                    + source.type()
                                    + ")"
                            : Sql.identifier(source.name());
            if (!source.type().equals(target.type())) {
                value = "CAST(" + value + " AS " + target.type() + ")";
            }
            values.add(value);
        }
        return "INSERT INTO "
                + Sql.identifier(writer.name)
                + " ("
                + String.join(", ", targets)
                + ")\nSELECT "
                + String.join(", ", values)
                + "\nFROM "
                + Sql.identifier(reader.name)
                + ";";
    }
}
