package org.flinkx.launcher.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code binlogreader} as a {@code flinkx-binlog} table of one captured table: its columns and key
 * from the server, its changes as a changelog (inserts, updates as before/after pairs, deletes)
 * that the JDBC writers apply as upserts and deletes. Without {@code start} it begins at the
 * server's current position, as the original did (no snapshot).
 */
final class BinlogPlugin {

    private static final String CHANGELOG =
            "FlinkX emits a changelog with the table's own columns "
                    + "(updates as before/after rows), which the writers apply";
    private static final String CONNECTOR =
            "FlinkX reads the binlog through Debezium with its own settings";
    private static final Pattern DATABASE =
            Pattern.compile("jdbc:(?:mysql|mariadb)://[^/]+/([^?;]+).*");

    static final KeyTable KEYS =
            KeyTable.builder()
                    .option("host", "hostname")
                    .option("port", "port")
                    .option("username", "username")
                    .option("password", "password")
                    .option("slaveId", "server-id")
                    .read(
                            "jdbcUrl",
                            "where the table's columns and key are read (default jdbc:mariadb://host:port/); "
                                    + "its database qualifies a `table` without one")
                    .read("table", "the one captured table (`db.table` or `table`): `tables`")
                    .read("filter", "a Canal filter naming one table (`db\\.table`): `tables`")
                    .read(
                            "start",
                            "`timestamp`: `scan.startup.mode` = `timestamp`; `journalName` (ChunJun: `journal-name`) "
                                    + "and `position`: `specific-offset`; absent: `latest` (the current position, no snapshot, "
                                    + "as the original)")
                    .read(
                            "cat",
                            "FlinkX emits every change; a `cat` without one of insert, update, delete is warned about")
                    .ignored("pavingData", CHANGELOG)
                    .ignored("splitUpdate", CHANGELOG)
                    .ignored("split", CHANGELOG)
                    .ignored("schema", "the database comes from 'table' or 'jdbcUrl'")
                    .ignored("database", "the database comes from 'table' or 'jdbcUrl'")
                    .ignored("period", CONNECTOR)
                    .ignored("bufferSize", CONNECTOR)
                    .ignored("connectionCharset", CONNECTOR)
                    .ignored("detectingEnable", CONNECTOR)
                    .ignored("detectingSQL", CONNECTOR)
                    .ignored("enableTsdb", CONNECTOR)
                    .ignored("parallel", CONNECTOR)
                    .ignored("parallelThreadSize", CONNECTOR)
                    .ignored(
                            "isGTIDMode",
                            "GTIDs are used when the server has them; 'scan.startup.mode' = 'gtid' starts at one")
                    .ignored("timestampFormat", "times are Flink TIMESTAMP values")
                    .ignored("queryTimeOut", CONNECTOR)
                    .ignored("connectTimeOut", CONNECTOR)
                    .ignored("ddlSkip", "schema changes are not emitted")
                    .ignored(
                            "initialTableStructure",
                            "the columns are read when the job is translated")
                    .ignored("offsetLength", CONNECTOR)
                    .ignored("transactionSize", CONNECTOR)
                    .build();

    private BinlogPlugin() {}

    static Plugin reader() {
        return Plugin.reader("binlogreader", "flinkx-binlog", KEYS, BinlogPlugin::table);
    }

    private static TableDef table(Parameters parameters, Plugin.Context context) {
        List<String> warnings = context.warnings();
        TableDef table = new TableDef("reader", "flinkx-binlog");
        parameters.copyOptions(table.options);
        String host = parameters.required("host");
        String port = parameters.text("port").orElse("3306");
        String url = parameters.text("jdbcUrl").orElse("jdbc:mariadb://" + host + ":" + port + "/");
        String captured = capturedTable(parameters, url);
        table.options.put("tables", captured.replace(".", "\\."));
        start(parameters, table);
        parameters
                .text("cat")
                .ifPresent(
                        cat -> {
                            Set<String> kinds =
                                    new java.util.HashSet<>(
                                            List.of(
                                                    cat.toLowerCase(Locale.ROOT)
                                                            .split("\\s*,\\s*")));
                            if (!kinds.containsAll(Set.of("insert", "update", "delete"))) {
                                warnings.add(
                                        parameters.plugin()
                                                + ": cat '"
                                                + cat
                                                + "' is ignored: FlinkX emits every "
                                                + "insert, update and delete, so that the target stays equal to the source");
                            }
                        });
        JdbcSchema.Result schema =
                JdbcSchema.lookup(
                        new JdbcSchema.Source(
                                url,
                                parameters.text("username").orElse(null),
                                parameters.text("password").orElse(null),
                                captured,
                                null));
        table.columns.addAll(schema.columns());
        table.primaryKey.addAll(schema.primaryKey());
        return table;
    }

    /** The one captured table, {@code database.table}. */
    private static String capturedTable(Parameters parameters, String url) {
        List<String> tables = new ArrayList<>(parameters.texts("table"));
        if (tables.isEmpty() && parameters.text("filter").isPresent()) {
            for (String filter : parameters.text("filter").get().split(",")) {
                tables.add(filter.trim().replace("\\.", "."));
            }
        }
        if (tables.size() != 1 || tables.get(0).matches(".*[*+?\\[\\]()|^$].*")) {
            throw new IllegalArgumentException(
                    parameters.plugin()
                            + ": FlinkX translates a binlog job of "
                            + "exactly one table ('table' or a 'filter' naming one), not "
                            + tables
                            + "; capture several tables with a flinkx-binlog SQL job");
        }
        String table = tables.get(0);
        if (table.contains(".")) {
            return table;
        }
        var database = DATABASE.matcher(url);
        if (!database.matches()) {
            throw new IllegalArgumentException(
                    parameters.plugin()
                            + ": table '"
                            + table
                            + "' needs its "
                            + "database: write it as database.table or give 'jdbcUrl' with the database");
        }
        return database.group(1) + "." + table;
    }

    /** {@code start}: a timestamp (first), a binlog file and position, or the current position. */
    private static void start(Parameters parameters, TableDef table) {
        JsonNode start = parameters.node("start").orElse(null);
        if (start == null || start.isEmpty()) {
            table.options.put("scan.startup.mode", "latest");
            return;
        }
        start.fieldNames()
                .forEachRemaining(
                        key -> {
                            if (!Set.of("journalName", "journal-name", "position", "timestamp")
                                    .contains(key)) {
                                throw new IllegalArgumentException(
                                        parameters.plugin()
                                                + ": unknown key start."
                                                + key
                                                + "; start has journalName (journal-name), position, timestamp");
                            }
                        });
        if (start.hasNonNull("timestamp")) {
            table.options.put("scan.startup.mode", "timestamp");
            table.options.put("scan.startup.timestamp-millis", start.get("timestamp").asText());
            return;
        }
        JsonNode file =
                start.hasNonNull("journalName")
                        ? start.get("journalName")
                        : start.get("journal-name");
        if (file == null) {
            throw new IllegalArgumentException(
                    parameters.plugin() + ": start needs 'timestamp' or 'journalName'");
        }
        table.options.put("scan.startup.mode", "specific-offset");
        table.options.put("scan.startup.specific-offset.file", file.asText());
        table.options.put(
                "scan.startup.specific-offset.pos",
                start.hasNonNull("position") ? start.get("position").asText() : "4");
    }
}
