package org.flinkx.launcher.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code mysqlreader}/{@code mysqlwriter} and {@code postgresqlreader}/{@code postgresqlwriter}
 * (older FlinkX and ChunJun key sets) as {@code flinkx-mysql} and {@code flinkx-postgresql} tables.
 */
final class JdbcPlugins {

    static final String COLUMNS =
            "`*`, names or `{name, type, value}`; a column without a type takes "
                    + "its type from the database (asked once when the job is translated); `value`: a constant";
    private static final String TIMEOUTS =
            "FlinkX uses the driver's timeouts: set them in the JDBC URL";

    static final KeyTable READER_KEYS =
            KeyTable.builder()
                    .option("username", "username")
                    .option("password", "password")
                    .option("where", "scan.where")
                    .option("splitPk", "scan.partition.column")
                    .option("splitStrategy", "scan.partition.strategy")
                    .option("fetchSize", "scan.fetch-size")
                    .option("increColumn", "scan.incremental.column")
                    .option("startLocation", "scan.incremental.start-value")
                    .option("customSql", "scan.query")
                    .read(
                            "connection",
                            "`jdbcUrl`: the first is `url`, the others `scan.shard.urls` (every table is "
                                    + "read on every URL); `table`: `table-name` (several: a sharded read of tables with the "
                                    + "same columns); `schema`: prefixed to each table")
                    .read("column", COLUMNS)
                    .read(
                            "polling",
                            "`true`: `scan.incremental.polling-interval` = `pollingInterval` (needs `increColumn`)")
                    .read("pollingInterval", "milliseconds, 5000 by default (see `polling`)")
                    .ignored("queryTimeOut", TIMEOUTS)
                    .ignored("connectTimeOut", TIMEOUTS)
                    .ignored("requestAccumulatorInterval", "FlinkX's splits need no accumulator")
                    .ignored(
                            "useMaxFunc",
                            "FlinkX reads every row above the start value; a restored job "
                                    + "resumes from its checkpointed high-water mark")
                    .ignored(
                            "pollingFromMax",
                            "polling starts at 'startLocation' (scan.incremental.start-value)")
                    .ignored(
                            "orderByColumn",
                            "each split is read in the order of its partition column")
                    .ignored("isOrderBy", "each split is read in the order of its partition column")
                    .ignored("properties", "put JDBC connection properties into the URL")
                    .ignored("withNoLock", "SQL Server only")
                    .ignored("check", "FlinkX checks every option when the job is planned")
                    .build();

    static final KeyTable WRITER_KEYS =
            KeyTable.builder()
                    .option("username", "username")
                    .option("password", "password")
                    .option("batchSize", "sink.buffer-flush.max-rows")
                    .option("flushIntervalMills", "sink.buffer-flush.interval")
                    .option("semantic", "sink.delivery-guarantee")
                    .read(
                            "connection",
                            "`jdbcUrl`: `url`; `table` (one): `table-name`; `schema`: prefixed to it")
                    .read(
                            "column",
                            "names or `{name, type}` matched by position with the reader's columns; no "
                                    + "type: the reader column's; absent or `*`: the reader's columns")
                    .read(
                            "writeMode",
                            "`sink.write-mode`: `insert`, `replace`, `update` (an upsert)")
                    .read("mode", "ChunJun's name of `writeMode`")
                    .read(
                            "updateKey",
                            "older releases' key columns (`{\"index\": [columns]}`): the PRIMARY KEY of an upsert "
                                    + "or replace; without it and `uniqueKey`, the table's primary key from the database")
                    .read(
                            "uniqueKey",
                            "ChunJun's key columns (a list): the PRIMARY KEY of an upsert or replace")
                    .read("preSql", "`sink.pre-sql` (statements joined by `;`)")
                    .read("postSql", "`sink.post-sql` (statements joined by `;`)")
                    .ignored("fullColumn", "FlinkX writes the columns of 'column'")
                    .ignored(
                            "insertSqlMode",
                            "appends use COPY on PostgreSQL anyway (sink.bulk-insert)")
                    .ignored("allReplace", "an upsert writes every column of 'column'")
                    .ignored("properties", "put JDBC connection properties into the URL")
                    .build();

    private JdbcPlugins() {}

    static Plugin reader(String name, String connector) {
        return Plugin.reader(
                name,
                connector,
                READER_KEYS,
                (parameters, context) -> readerTable(parameters, connector, context));
    }

    static Plugin writer(String name, String connector) {
        return Plugin.writer(
                name,
                connector,
                WRITER_KEYS,
                (parameters, context) -> writerTable(parameters, connector, context));
    }

    private static TableDef readerTable(
            Parameters parameters, String connector, Plugin.Context context) {
        TableDef table = new TableDef("reader", connector);
        List<String> urls = new ArrayList<>();
        List<String> tables = null;
        for (JsonNode connection : connections(parameters)) {
            urls.addAll(
                    Parameters.texts(
                            parameters.plugin() + ": connection[].jdbcUrl",
                            required(parameters, connection, "jdbcUrl")));
            List<String> these = qualified(parameters, connection);
            if (tables != null && !tables.equals(these)) {
                throw new IllegalArgumentException(
                        parameters.plugin()
                                + ": every connection must "
                                + "list the same tables (FlinkX reads each table on every URL), not "
                                + tables
                                + " and "
                                + these);
            }
            tables = these;
        }
        table.options.put("url", urls.get(0));
        if (urls.size() > 1) {
            table.options.put("scan.shard.urls", String.join(";", urls.subList(1, urls.size())));
        }
        table.options.put("table-name", String.join(",", tables));
        parameters.copyOptions(table.options);
        if (parameters.flag("polling")) {
            if (!table.options.containsKey("scan.incremental.column")) {
                throw new IllegalArgumentException(
                        parameters.plugin() + ": 'polling' needs 'increColumn'");
            }
            table.options.put(
                    "scan.incremental.polling-interval",
                    parameters.text("pollingInterval").orElse("5000") + " ms");
        }
        JdbcSchema.Source schemaSource =
                new JdbcSchema.Source(
                        urls.get(0),
                        parameters.text("username").orElse(null),
                        parameters.text("password").orElse(null),
                        tables.get(0),
                        parameters.text("customSql").orElse(null));
        Columns.jdbc(parameters, table, schemaSource, null);
        return table;
    }

    private static TableDef writerTable(
            Parameters parameters, String connector, Plugin.Context context) {
        TableDef table = new TableDef("writer", connector);
        List<JsonNode> connections = connections(parameters);
        if (connections.size() != 1) {
            throw new IllegalArgumentException(
                    parameters.plugin() + ": a writer takes one connection");
        }
        JsonNode connection = connections.get(0);
        List<String> urls =
                Parameters.texts(
                        parameters.plugin() + ": connection[].jdbcUrl",
                        required(parameters, connection, "jdbcUrl"));
        List<String> tables = qualified(parameters, connection);
        if (tables.size() != 1) {
            throw new IllegalArgumentException(
                    parameters.plugin() + ": a writer writes one table, not " + tables);
        }
        table.options.put("url", urls.get(0));
        table.options.put("table-name", tables.get(0));
        parameters.copyOptions(table.options);
        String mode =
                parameters
                        .text("mode")
                        .or(() -> parameters.text("writeMode"))
                        .orElse("insert")
                        .toLowerCase(Locale.ROOT);
        String writeMode =
                switch (mode) {
                    case "insert" -> "insert";
                    case "replace" -> "replace";
                    case "update", "upsert" -> "upsert";
                    default ->
                            throw new IllegalArgumentException(
                                    parameters.plugin()
                                            + ": writeMode '"
                                            + mode
                                            + "' is not one of insert, replace, update");
                };
        table.options.put("sink.write-mode", writeMode);
        List<String> preSql = parameters.texts("preSql");
        if (!preSql.isEmpty()) {
            table.options.put("sink.pre-sql", statements(preSql));
        }
        List<String> postSql = parameters.texts("postSql");
        if (!postSql.isEmpty()) {
            table.options.put("sink.post-sql", statements(postSql));
        }
        List<String> key = uniqueKey(parameters);
        JdbcSchema.Source schemaSource =
                new JdbcSchema.Source(
                        urls.get(0),
                        parameters.text("username").orElse(null),
                        parameters.text("password").orElse(null),
                        tables.get(0),
                        null);
        Columns.jdbc(parameters, table, schemaSource, context.reader());
        if (!writeMode.equals("insert")) {
            table.primaryKey.addAll(key.isEmpty() ? Columns.primaryKey(schemaSource) : key);
            if (table.primaryKey.isEmpty()) {
                throw new IllegalArgumentException(
                        parameters.plugin()
                                + ": writeMode '"
                                + mode
                                + "' needs 'uniqueKey' (or the table's primary key)");
            }
        }
        return table;
    }

    /**
     * ChunJun's {@code uniqueKey} (a list) or the older {@code updateKey} (index name to columns).
     */
    private static List<String> uniqueKey(Parameters parameters) {
        List<String> key = new ArrayList<>(parameters.texts("uniqueKey"));
        parameters
                .node("updateKey")
                .ifPresent(
                        updateKey -> {
                            if (updateKey.isObject()) {
                                updateKey
                                        .fields()
                                        .forEachRemaining(
                                                index -> {
                                                    if (key.isEmpty()) {
                                                        key.addAll(
                                                                Parameters.texts(
                                                                        parameters.plugin()
                                                                                + ": updateKey",
                                                                        index.getValue()));
                                                    }
                                                });
                            } else if (key.isEmpty()) {
                                key.addAll(
                                        Parameters.texts(
                                                parameters.plugin() + ": updateKey", updateKey));
                            }
                        });
        return key;
    }

    /**
     * Statements for {@code sink.pre-sql}/{@code post-sql}: separated by ';', without a trailing
     * one.
     */
    private static String statements(List<String> statements) {
        return String.join(
                ";",
                statements.stream()
                        .map(String::trim)
                        .map(sql -> sql.endsWith(";") ? sql.substring(0, sql.length() - 1) : sql)
                        .filter(sql -> !sql.isEmpty())
                        .toList());
    }

    private static List<JsonNode> connections(Parameters parameters) {
        JsonNode node =
                parameters
                        .node("connection")
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                parameters.plugin()
                                                        + ": parameter 'connection' is required"));
        List<JsonNode> connections = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(connections::add);
        } else {
            connections.add(node);
        }
        if (connections.isEmpty()) {
            throw new IllegalArgumentException(parameters.plugin() + ": 'connection' is empty");
        }
        return connections;
    }

    /** The connection's tables, as {@code schema.table} when it names a {@code schema}. */
    private static List<String> qualified(Parameters parameters, JsonNode connection) {
        List<String> tables =
                Parameters.texts(
                        parameters.plugin() + ": connection[].table",
                        required(parameters, connection, "table"));
        JsonNode schema = connection.get("schema");
        if (schema == null || schema.asText().isEmpty()) {
            return tables;
        }
        return tables.stream().map(t -> t.contains(".") ? t : schema.asText() + "." + t).toList();
    }

    private static JsonNode required(Parameters parameters, JsonNode connection, String key) {
        JsonNode value = connection.get(key);
        if (value == null || value.isNull() || (value.isArray() && value.isEmpty())) {
            throw new IllegalArgumentException(
                    parameters.plugin() + ": connection[]." + key + " is required");
        }
        for (var it = connection.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!java.util.Set.of("jdbcUrl", "table", "schema").contains(field)) {
                throw new IllegalArgumentException(
                        parameters.plugin()
                                + ": unknown key connection[]."
                                + field
                                + "; a connection has jdbcUrl, table, schema");
            }
        }
        return value;
    }
}
