package org.flinkx.sync.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ObjectPath;
import org.flinkx.connector.common.security.Secrets;
import org.flinkx.sync.definition.SyncDefinition;
import org.flinkx.sync.plan.TargetTable;

/**
 * The Flink SQL of a bounded whole-database sync (a source of type {@code flinkx-mysql}, {@code
 * flinkx-mariadb} or {@code flinkx-postgresql}): the source server as a catalog, the targets as a
 * catalog (PostgreSQL, MariaDB) or as temporary {@code flinkx-starrocks} tables, and one statement
 * set with an {@code INSERT} per target, whose shards are read as a {@code UNION ALL} with their
 * origin columns as literals. Rule options are hints of the target. One job; each source table is
 * read in parallel by its own bounded source, as {@code flinkx-mysql} etc. read a table.
 *
 * <p>The sync of a {@code flinkx-binlog} source (one reader for every captured table) is not this
 * script: it is refused here, naming the batch types.
 */
@PublicEvolving
public final class SyncScript {

    private static final String SOURCE = "flinkx_sync_source";
    private static final String TARGET = "flinkx_sync_target";

    private SyncScript() {}

    /**
     * The script.
     *
     * @param masked whether passwords are masked (for {@code --explain}: not runnable)
     */
    public static String of(SyncDefinition definition, List<TargetTable> targets, boolean masked) {
        if (definition.source().type().equals("flinkx-binlog")) {
            throw new ValidationException(
                    "The sync job of a flinkx-binlog source (one binlog reader for every captured "
                            + "table) is not available yet: 'ddl.mode' print or files give the "
                            + "target tables; a bounded sync takes 'source.type' flinkx-mysql, "
                            + "flinkx-mariadb or flinkx-postgresql.");
        }
        StringBuilder sql = new StringBuilder();
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
            inserts.add(insert(name, target, starRocks));
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

    private static String insert(String name, TargetTable target, boolean starRocks) {
        Map<String, String> hints = starRocks ? Map.of() : new TreeMap<>(target.ruleOptions());
        List<String> selects = new ArrayList<>();
        for (ObjectPath source : target.sources()) {
            List<String> values = new ArrayList<>();
            for (Column column : target.schema().getColumns()) {
                String origin = target.originColumns().get(column.getName());
                if (origin == null) {
                    values.add(quote(column.getName()));
                } else {
                    String value =
                            origin.equals("database")
                                    ? source.getDatabaseName()
                                    : source.getObjectName();
                    values.add(literal(value) + " AS " + quote(column.getName()));
                }
            }
            selects.add(
                    "SELECT "
                            + String.join(", ", values)
                            + " FROM "
                            + quote(SOURCE)
                            + "."
                            + path(source));
        }
        return "INSERT INTO "
                + name
                + (hints.isEmpty() ? "" : " /*+ OPTIONS" + with(hints, false) + " */")
                + "\n"
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
