package org.flinkx.sync.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.annotation.Nullable;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ObjectPath;
import org.flinkx.connector.common.security.Secrets;
import org.flinkx.connector.jdbc.catalog.JdbcCatalog;
import org.flinkx.sync.definition.SyncDefinition;
import org.flinkx.sync.plan.TargetTable;

/**
 * The Flink SQL of a whole-database sync: the targets as a catalog (PostgreSQL, MariaDB) or as
 * temporary {@code flinkx-starrocks} tables, and one statement set with an {@code INSERT} per
 * target, whose shards are a {@code UNION ALL} with their origin columns as literals. Rule options
 * are hints of the target.
 *
 * <ul>
 *   <li>A bounded sync (a source of type {@code flinkx-mysql}, {@code flinkx-mariadb} or {@code
 *       flinkx-postgresql}) reads the source server as a catalog: each source table in parallel by
 *       its own bounded source, as those connectors read a table.
 *   <li>A continuous sync ({@code flinkx-binlog}) declares one {@code flinkx-binlog} table with a
 *       row per captured table ({@code 'scan.rows' = 'per-table'}): every INSERT reads its tables'
 *       columns of it, and the planner reuses that one source, so one binlog reader (one chunked
 *       snapshot, one stream) serves every target. The sinks take the changelog keyed by their
 *       primary key ({@code table.exec.sink.keyed-shuffle} FORCE: a key's changes stay in order in
 *       one subtask) without upsert materialization (the binlog gives each key's changes in order;
 *       materializing would keep every row in state).
 * </ul>
 */
@PublicEvolving
public final class SyncScript {

    private static final String SOURCE = "flinkx_sync_source";
    private static final String TARGET = "flinkx_sync_target";
    private static final String CHANGES = "flinkx_sync_changes";
    private static final String SOURCE_UID = "flinkx-sync-binlog";

    private SyncScript() {}

    /** Whether the definition's sync runs continuously (a {@code flinkx-binlog} source). */
    public static boolean continuous(SyncDefinition definition) {
        return definition.source().type().equals("flinkx-binlog");
    }

    /**
     * Refuses a continuous sync into a target without a primary key, naming it: the binlog's
     * updates and deletes are written by key.
     */
    public static void requireKeys(List<TargetTable> targets) {
        for (TargetTable target : targets) {
            if (target.primaryKey().isEmpty()) {
                throw new ValidationException(
                        String.format(
                                "Target '%s' (from %s) has no primary key: a continuous sync writes "
                                        + "the binlog's updates and deletes by key. Give its route rule "
                                        + "a 'primary-key', or leave its tables out of 'source.tables'.",
                                target.path().getFullName(),
                                target.sources().stream().map(ObjectPath::getFullName).toList()));
            }
        }
    }

    /**
     * The options of a continuous sync's {@code flinkx-binlog} table: the source catalog's (its
     * server, credentials and table defaults), with a row per table instead of 'tables'.
     */
    public static Map<String, String> changesOptions(
            JdbcCatalog source, List<TargetTable> targets) {
        Map<String, String> options =
                new TreeMap<>(source.tableOptions(targets.get(0).sources().get(0)));
        options.remove("tables");
        options.put("scan.rows", "per-table");
        // the stream's state restores into a job with more tables (SyncSupervisor)
        options.put("scan.operator-uid", SOURCE_UID);
        return options;
    }

    /**
     * The script.
     *
     * @param changes the options of the continuous sync's binlog table ({@link #changesOptions});
     *     null for a bounded sync
     * @param masked whether passwords are masked (for {@code --explain}: not runnable)
     */
    public static String of(
            SyncDefinition definition,
            List<TargetTable> targets,
            @Nullable Map<String, String> changes,
            boolean masked) {
        StringBuilder sql = new StringBuilder();
        boolean continuous = continuous(definition);
        if (continuous) {
            sql.append("SET 'table.exec.sink.keyed-shuffle' = 'FORCE';\n")
                    .append("SET 'table.exec.sink.upsert-materialize' = 'NONE';\n")
                    .append(changesTable(targets, changes, masked));
        } else {
            SyncDefinition.Source source = definition.source();
            Map<String, String> sourceOptions = new TreeMap<>(source.options());
            sourceOptions.put("type", source.type());
            sourceOptions.put("url", source.url());
            sourceOptions.put("username", source.username());
            if (source.password() != null) {
                sourceOptions.put("password", source.password());
            }
            sql.append("CREATE CATALOG ")
                    .append(quote(SOURCE))
                    .append(" WITH ")
                    .append(with(sourceOptions, masked))
                    .append(";\n");
        }
        boolean starRocks = definition.sink().type().equals("flinkx-starrocks");
        if (!starRocks) {
            Map<String, String> sinkOptions = new TreeMap<>(definition.sink().options());
            sinkOptions.put("type", definition.sink().type());
            sql.append("CREATE CATALOG ")
                    .append(quote(TARGET))
                    .append(" WITH ")
                    .append(with(sinkOptions, masked))
                    .append(";\n");
        }
        List<String> inserts = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            TargetTable target = targets.get(i);
            String name;
            if (starRocks) {
                name = quote("flinkx_sync_" + i);
                sql.append(starRocksTable(name, target, masked));
            } else {
                name = quote(TARGET) + "." + path(target.path());
            }
            inserts.add(insert(name, target, starRocks, continuous));
        }
        sql.append("EXECUTE STATEMENT SET BEGIN\n");
        inserts.forEach(insert -> sql.append(insert).append(";\n"));
        sql.append("END;\n");
        return sql.toString();
    }

    private static String starRocksTable(String name, TargetTable target, boolean masked) {
        List<String> columns = new ArrayList<>();
        for (Column column : target.schema().getColumns()) {
            columns.add(quote(column.getName()) + " " + column.getDataType());
        }
        if (!target.primaryKey().isEmpty()) {
            columns.add(
                    "PRIMARY KEY ("
                            + String.join(
                                    ", ",
                                    target.primaryKey().stream().map(SyncScript::quote).toList())
                            + ") NOT ENFORCED");
        }
        Map<String, String> options = new TreeMap<>(target.options());
        options.put("connector", "flinkx-starrocks");
        options.put("database-name", target.path().getDatabaseName());
        options.put("table-name", target.path().getObjectName());
        return "CREATE TEMPORARY TABLE "
                + name
                + " (\n  "
                + String.join(",\n  ", columns)
                + "\n) WITH "
                + with(options, masked)
                + ";\n";
    }

    /** The binlog table: a ROW column per source table, of the source's columns. */
    private static String changesTable(
            List<TargetTable> targets, @Nullable Map<String, String> options, boolean masked) {
        if (options == null) {
            throw new IllegalArgumentException(
                    "A continuous sync needs its binlog table's options");
        }
        List<String> tables = new ArrayList<>();
        for (TargetTable target : targets) {
            List<String> columns = new ArrayList<>();
            for (Column column : target.schema().getColumns()) {
                if (!target.originColumns().containsKey(column.getName())) {
                    columns.add(quote(column.getName()) + " " + column.getDataType());
                }
            }
            String row = "ROW<" + String.join(", ", columns) + ">";
            for (ObjectPath source : target.sources()) {
                tables.add(quote(source.getFullName()) + " " + row);
            }
        }
        return "CREATE TEMPORARY TABLE "
                + quote(CHANGES)
                + " (\n  "
                + String.join(",\n  ", tables)
                + "\n) WITH "
                + with(options, masked)
                + ";\n";
    }

    private static String insert(
            String name, TargetTable target, boolean starRocks, boolean continuous) {
        Map<String, String> hints = starRocks ? Map.of() : new TreeMap<>(target.ruleOptions());
        List<String> selects = new ArrayList<>();
        for (ObjectPath source : target.sources()) {
            List<String> values = new ArrayList<>();
            for (Column column : target.schema().getColumns()) {
                String origin = target.originColumns().get(column.getName());
                if (origin == null) {
                    values.add(
                            continuous
                                    ? "c."
                                            + quote(source.getFullName())
                                            + "."
                                            + quote(column.getName())
                                            + " AS "
                                            + quote(column.getName())
                                    : quote(column.getName()));
                } else {
                    String value =
                            origin.equals("database")
                                    ? source.getDatabaseName()
                                    : source.getObjectName();
                    values.add(literal(value) + " AS " + quote(column.getName()));
                }
            }
            String from =
                    continuous
                            ? quote(CHANGES)
                                    + " AS c WHERE c."
                                    + quote(source.getFullName())
                                    + " IS NOT NULL"
                            : quote(SOURCE) + "." + path(source);
            selects.add("SELECT " + String.join(", ", values) + " FROM " + from);
        }
        // the columns named: an existing target may order its columns otherwise, or have more
        List<String> columns =
                target.schema().getColumnNames().stream().map(SyncScript::quote).toList();
        return "INSERT INTO "
                + name
                + (hints.isEmpty() ? "" : " /*+ OPTIONS" + with(hints, false) + " */")
                + " ("
                + String.join(", ", columns)
                + ")\n"
                + String.join("\nUNION ALL\n", selects);
    }

    private static String with(Map<String, String> options, boolean masked) {
        List<String> pairs = new ArrayList<>();
        options.forEach(
                (key, value) ->
                        pairs.add(
                                literal(key)
                                        + " = "
                                        + literal(
                                                masked && Secrets.isSecretKey(key)
                                                        ? Secrets.MASK
                                                        : value)));
        return "(" + String.join(", ", pairs) + ")";
    }

    private static String path(ObjectPath path) {
        return quote(path.getDatabaseName()) + "." + quote(path.getObjectName());
    }

    static String quote(String identifier) {
        return '`' + identifier.replace("`", "``") + '`';
    }

    static String literal(String text) {
        return '\'' + text.replace("'", "''") + '\'';
    }
}
