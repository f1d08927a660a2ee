package org.flinkx.sync.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.catalog.UniqueConstraint;
import org.apache.flink.table.catalog.exceptions.DatabaseNotExistException;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.types.DataType;
import org.flinkx.connector.jdbc.catalog.DatabaseColumn;
import org.flinkx.connector.jdbc.catalog.DatabaseTable;
import org.flinkx.connector.jdbc.catalog.JdbcCatalog;
import org.flinkx.sync.definition.SyncDefinition;
import org.flinkx.sync.route.TableRoutes;

/**
 * Plans the target tables of a sync from the source server's schemas: every captured table is
 * routed ({@link TableRoutes}); the tables routed to one target (shards) must have the same columns
 * of the same types, or planning fails naming both tables and the column; the target takes the
 * first shard's columns (nullable where any shard's is), its rule's origin columns before them, and
 * as key the origin columns and then the rule's {@code primary-key} or else the source's.
 */
@Internal
public final class SyncPlanner {

    /** Database and table names of MySQL, MariaDB and PostgreSQL are at most 64 characters. */
    private static final int NAME_CHARS = 64;

    private SyncPlanner() {}

    /**
     * The source server's catalog, opened: of the source's type, over its url and credentials, with
     * its further options.
     */
    public static JdbcCatalog openSource(SyncDefinition definition) {
        SyncDefinition.Source source = definition.source();
        Map<String, String> options = new HashMap<>(source.options());
        options.put("type", source.type());
        options.put("url", source.url());
        options.put("username", source.username());
        if (source.password() != null) {
            options.put("password", source.password());
        }
        JdbcCatalog catalog =
                (JdbcCatalog)
                        FactoryUtil.createCatalog(
                                "sync-source",
                                options,
                                new Configuration(),
                                Thread.currentThread().getContextClassLoader());
        catalog.open();
        return catalog;
    }

    /** The target tables, sorted by name; fails when the sync captures no table. */
    public static List<TargetTable> plan(SyncDefinition definition, JdbcCatalog source) {
        TableRoutes routes = new TableRoutes(definition.source().tables(), definition.routes());
        Map<ObjectPath, List<Captured>> byTarget = new TreeMap<>(SyncPlanner::compare);
        for (String database : source.listDatabases()) {
            for (String table : tables(source, database)) {
                Optional<TableRoutes.Routed> routed = routes.route(database, table);
                if (routed.isEmpty()) {
                    continue;
                }
                ObjectPath path = new ObjectPath(database, table);
                DatabaseTable described =
                        source.databaseTable(path)
                                .orElseThrow(
                                        () ->
                                                new ValidationException(
                                                        "Table '"
                                                                + path.getFullName()
                                                                + "' went away while the sync "
                                                                + "was planned."));
                byTarget.computeIfAbsent(routed.get().target(), t -> new ArrayList<>())
                        .add(new Captured(path, described, routed.get().rule()));
            }
        }
        if (byTarget.isEmpty()) {
            throw new ValidationException(
                    String.format(
                            "'source.tables' ('%s') matches no table of the source server "
                                    + "(database.table, all of it).",
                            definition.source().tables()));
        }
        List<TargetTable> targets = new ArrayList<>();
        byTarget.forEach(
                (target, sources) -> targets.add(target(definition, source, target, sources)));
        return targets;
    }

    private static TargetTable target(
            SyncDefinition definition,
            JdbcCatalog catalog,
            ObjectPath target,
            List<Captured> sources) {
        sources.sort((a, b) -> compare(a.path(), b.path()));
        Captured first = sources.get(0);
        SyncDefinition.Route rule = first.rule();
        for (Captured other : sources.subList(1, sources.size())) {
            sameColumns(catalog, target, first, other);
        }
        Map<String, String> origins = new LinkedHashMap<>();
        List<DatabaseColumn> columns = new ArrayList<>();
        List<Column> schema = new ArrayList<>();
        if (rule != null) {
            rule.originColumns()
                    .forEach(
                            (name, origin) -> {
                                origins.put(name, origin.name().toLowerCase(java.util.Locale.ROOT));
                                columns.add(originColumn(name));
                                schema.add(
                                        Column.physical(
                                                name, DataTypes.VARCHAR(NAME_CHARS).notNull()));
                            });
        }
        List<String> key = new ArrayList<>(origins.keySet());
        List<String> sourceKey =
                rule != null && !rule.primaryKey().isEmpty()
                        ? rule.primaryKey()
                        : first.table().primaryKey();
        key.addAll(sourceKey);
        for (DatabaseColumn column : first.table().columns()) {
            if (origins.containsKey(column.name())) {
                throw new ValidationException(
                        String.format(
                                "The origin column '%s' of target '%s' is also a column of "
                                        + "'%s': give the origin column another name.",
                                column.name(), target.getFullName(), first.path().getFullName()));
            }
            boolean nullable =
                    sources.stream().anyMatch(s -> column(s, column.name()).nullable())
                            && !key.contains(column.name());
            DataType type = catalog.flinkType(first.path().getFullName(), column);
            columns.add(withNullable(column, nullable));
            schema.add(Column.physical(column.name(), nullable ? type : type.notNull()));
        }
        for (String name : sourceKey) {
            if (columns.stream().noneMatch(c -> c.name().equals(name))) {
                throw new ValidationException(
                        String.format(
                                "The primary-key of the route of '%s' names '%s', which '%s' "
                                        + "does not have.",
                                target.getFullName(), name, first.path().getFullName()));
            }
        }
        Map<String, String> options = new HashMap<>(definition.sink().options());
        if (rule != null) {
            options.putAll(rule.options());
        }
        ResolvedSchema resolved =
                new ResolvedSchema(
                        schema,
                        List.of(),
                        key.isEmpty()
                                ? null
                                : UniqueConstraint.primaryKey("pk_" + target.getObjectName(), key),
                        List.of());
        return new TargetTable(
                target,
                sources.stream().map(Captured::path).toList(),
                columns,
                resolved,
                origins,
                options,
                rule == null ? Map.of() : rule.options());
    }

    /** Shards must match: the same columns, each of the same Flink type. */
    private static void sameColumns(
            JdbcCatalog catalog, ObjectPath target, Captured first, Captured other) {
        List<String> names = first.table().columns().stream().map(DatabaseColumn::name).toList();
        List<String> otherNames =
                other.table().columns().stream().map(DatabaseColumn::name).toList();
        for (String name : names) {
            if (!otherNames.contains(name)) {
                throw differ(
                        target,
                        first,
                        other,
                        "'" + name + "' is missing in " + other.path().getFullName());
            }
        }
        for (String name : otherNames) {
            if (!names.contains(name)) {
                throw differ(
                        target,
                        first,
                        other,
                        "'" + name + "' is missing in " + first.path().getFullName());
            }
        }
        for (String name : names) {
            DataType a = catalog.flinkType(first.path().getFullName(), column(first, name));
            DataType b = catalog.flinkType(other.path().getFullName(), column(other, name));
            if (!a.equals(b)) {
                throw differ(
                        target,
                        first,
                        other,
                        String.format(
                                "'%s' is %s in %s and %s in %s",
                                name,
                                column(first, name).columnType(),
                                first.path().getFullName(),
                                column(other, name).columnType(),
                                other.path().getFullName()));
            }
        }
    }

    private static ValidationException differ(
            ObjectPath target, Captured first, Captured other, String difference) {
        return new ValidationException(
                String.format(
                        "Tables '%s' and '%s' both go to '%s' but their columns differ: %s. "
                                + "Route them to different targets, or align their schemas.",
                        first.path().getFullName(),
                        other.path().getFullName(),
                        target.getFullName(),
                        difference));
    }

    private static DatabaseColumn column(Captured captured, String name) {
        return captured.table().columns().stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static DatabaseColumn originColumn(String name) {
        return new DatabaseColumn(
                name,
                "varchar",
                "varchar(" + NAME_CHARS + ")",
                (long) NAME_CHARS,
                NAME_CHARS * 4L,
                null,
                null,
                null,
                false);
    }

    private static DatabaseColumn withNullable(DatabaseColumn c, boolean nullable) {
        return new DatabaseColumn(
                c.name(),
                c.dataType(),
                c.columnType(),
                c.length(),
                c.octets(),
                c.precision(),
                c.scale(),
                c.fraction(),
                nullable);
    }

    private static List<String> tables(JdbcCatalog source, String database) {
        try {
            return source.listTables(database);
        } catch (DatabaseNotExistException e) {
            return List.of(); // dropped while the sync was planned
        }
    }

    private static int compare(ObjectPath a, ObjectPath b) {
        return a.getFullName().compareTo(b.getFullName());
    }

    private record Captured(
            ObjectPath path,
            DatabaseTable table,
            @javax.annotation.Nullable SyncDefinition.Route rule) {}
}
