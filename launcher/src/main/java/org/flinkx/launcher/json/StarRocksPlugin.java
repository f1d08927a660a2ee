package org.flinkx.launcher.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * {@code starrockswriter} as a {@code flinkx-starrocks} table, with the parameter keys of the
 * original plugins: StarRocks' own DataX writer ({@code loadUrl}, {@code jdbcUrl}, {@code
 * loadProps}, {@code maxBatchRows} ...) and ChunJun's ({@code feNodes}, {@code url}, {@code
 * loadConf}).
 */
final class StarRocksPlugin {

    private static final String LOAD_URL =
            "`load-url`: the FEs' `host:http_port`, a list (joined with `;`) or one string";
    private static final String JDBC_URL = "`jdbc-url` (accepted; the sink needs only `load-url`)";
    private static final String LOAD_PROPS =
            "each entry as `sink.properties.<key>` (Stream Load headers)";
    private static final String LOAD_CONF =
            "`batchMaxRows` as `sink.buffer-flush.max-rows`, `batchMaxSize` as "
                    + "`sink.buffer-flush.max-bytes`, `headProperties` as `sink.properties.*`";
    private static final String NO_SQL =
            "must be empty: SQL before or after the load is not run by flinkx-starrocks (run it "
                    + "through a flinkx-mysql table on the FE's MySQL port)";

    static final KeyTable WRITER_KEYS =
            KeyTable.builder()
                    .option("username", "username")
                    .option("password", "password")
                    .option("maxRetries", "sink.max-retries")
                    .option("maxBatchRows", "sink.buffer-flush.max-rows")
                    .option("maxBatchSize", "sink.buffer-flush.max-bytes")
                    .option("flushInterval", "sink.buffer-flush.interval-ms")
                    .option("labelPrefix", "sink.label-prefix")
                    .read("database", "`database-name`")
                    .read("table", "`table-name`")
                    .read(
                            "connection",
                            "`[{jdbcUrl, table: [t], selectedDatabase}]`: the first entry's table and "
                                    + "database (or the database of its `jdbcUrl`)")
                    .read("jdbcUrl", JDBC_URL)
                    .read("url", JDBC_URL)
                    .read("loadUrl", LOAD_URL)
                    .read("feNodes", LOAD_URL)
                    .read("loadProps", LOAD_PROPS)
                    .read("loadConf", LOAD_CONF)
                    .read("loadConfig", LOAD_CONF)
                    .read(
                            "column",
                            "names (or `{name, type}`) matched by position with the reader's columns; "
                                    + "`[\"*\"]` or absent: the reader's")
                    .read("preSql", NO_SQL)
                    .read("postSql", NO_SQL)
                    .ignored("writeMode", "Stream Load inserts; a primary-key table upserts")
                    .build();

    private StarRocksPlugin() {}

    static Plugin writer() {
        return Plugin.writer(
                "starrockswriter", "flinkx-starrocks", WRITER_KEYS, StarRocksPlugin::writerTable);
    }

    private static TableDef writerTable(Parameters parameters, Plugin.Context context) {
        TableDef table = new TableDef("writer", "flinkx-starrocks");
        String plugin = parameters.plugin();
        Optional<JsonNode> connection =
                parameters.node("connection").map(node -> node.isArray() ? node.get(0) : node);
        String database =
                parameters
                        .text("database")
                        .or(() -> connection.map(c -> text(c, "selectedDatabase")))
                        .or(() -> connection.map(c -> databaseOf(text(c, "jdbcUrl"))))
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                plugin + ": parameter 'database' is required"));
        String tableName =
                parameters
                        .text("table")
                        .or(() -> connection.map(c -> first(c.get("table"))))
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                plugin + ": parameter 'table' is required"));
        List<String> feNodes =
                parameters.texts("loadUrl").isEmpty()
                        ? parameters.texts("feNodes")
                        : parameters.texts("loadUrl");
        if (feNodes.isEmpty()) {
            throw new IllegalArgumentException(
                    plugin + ": parameter 'loadUrl' (the FEs' host:http_port) is required");
        }
        Optional<String> jdbcUrl =
                parameters
                        .text("jdbcUrl")
                        .or(() -> parameters.text("url"))
                        .or(() -> connection.map(c -> text(c, "jdbcUrl")));
        table.options.put("load-url", String.join(";", feNodes));
        jdbcUrl.ifPresent(url -> table.options.put("jdbc-url", url));
        table.options.put("database-name", database);
        table.options.put("table-name", tableName);
        for (String sql : List.of("preSql", "postSql")) {
            if (!parameters.texts(sql).isEmpty()) {
                throw new IllegalArgumentException(plugin + ": '" + sql + "' " + NO_SQL);
            }
        }
        parameters.copyOptions(table.options);
        headers(parameters.node("loadProps"), table);
        for (String key : List.of("loadConf", "loadConfig")) {
            parameters
                    .node(key)
                    .ifPresent(
                            conf -> {
                                putText(conf, "batchMaxRows", "sink.buffer-flush.max-rows", table);
                                putText(conf, "batchMaxSize", "sink.buffer-flush.max-bytes", table);
                                headers(Optional.ofNullable(conf.get("headProperties")), table);
                            });
        }
        Columns.fromReader(parameters, table, Columns.specs(parameters), context.reader());
        return table;
    }

    private static void headers(Optional<JsonNode> properties, TableDef table) {
        properties.ifPresent(
                props ->
                        props.fields()
                                .forEachRemaining(
                                        e ->
                                                table.options.put(
                                                        "sink.properties." + e.getKey(),
                                                        e.getValue().asText())));
    }

    private static void putText(JsonNode node, String key, String option, TableDef table) {
        JsonNode value = node.get(key);
        if (value != null && value.isValueNode()) {
            table.options.put(option, value.asText());
        }
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value == null ? null : first(value);
    }

    private static String first(JsonNode value) {
        if (value == null) {
            return null;
        }
        return value.isArray() ? (value.isEmpty() ? null : value.get(0).asText()) : value.asText();
    }

    /** The database in {@code jdbc:mysql://fe:9030/db?...}, or null. */
    private static String databaseOf(String jdbcUrl) {
        if (jdbcUrl == null) {
            return null;
        }
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("^jdbc:mysql://[^/]+/([^/?;]+)").matcher(jdbcUrl);
        return m.find() ? m.group(1) : null;
    }
}
