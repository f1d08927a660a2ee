package org.flinkx.sync.ddl;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.catalog.Catalog;
import org.apache.flink.table.catalog.CatalogDatabaseImpl;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.catalog.ResolvedCatalogTable;
import org.apache.flink.table.catalog.exceptions.DatabaseAlreadyExistException;
import org.apache.flink.table.catalog.exceptions.DatabaseNotExistException;
import org.apache.flink.table.catalog.exceptions.TableAlreadyExistException;
import org.apache.flink.table.factories.FactoryUtil;
import org.flinkx.connector.jdbc.catalog.DatabaseColumn;
import org.flinkx.connector.jdbc.catalog.DatabaseTable;
import org.flinkx.connector.jdbc.catalog.JdbcCatalog;
import org.flinkx.sync.definition.SyncDefinition;
import org.flinkx.sync.plan.TargetTable;

/**
 * PostgreSQL and MariaDB target tables, stated and created by the target's FlinkX catalog (the
 * sink's type as catalog type, over the sink's {@code url}, {@code username} and {@code password}):
 * the types the catalog maps Flink's to, the key, every name quoted. A PostgreSQL target {@code
 * db.t} is {@code public.t} of database {@code db}, as in the catalog.
 */
@Internal
final class JdbcTargetTables implements TargetTables {

    private final JdbcCatalog catalog;

    JdbcTargetTables(SyncDefinition.Sink sink) {
        Map<String, String> options = new HashMap<>();
        options.put("type", sink.type());
        for (String key : new String[] {"url", "username", "password"}) {
            if (sink.options().containsKey(key)) {
                options.put(key, sink.options().get(key));
            }
        }
        Catalog created =
                FactoryUtil.createCatalog(
                        "sync-target",
                        options,
                        new Configuration(),
                        Thread.currentThread().getContextClassLoader());
        this.catalog = (JdbcCatalog) created;
        catalog.open();
    }

    @Override
    public String statement(TargetTable table) {
        return catalog.createTableStatement(table.path(), table.schema());
    }

    @Override
    public boolean create(TargetTable table) {
        String database = table.path().getDatabaseName();
        try {
            catalog.createDatabase(database, new CatalogDatabaseImpl(Map.of(), null), true);
            Optional<DatabaseTable> existing = catalog.databaseTable(table.path());
            if (existing.isPresent()) {
                addMissingColumns(table, existing.get());
                return false;
            }
            CatalogTable unresolved =
                    CatalogTable.newBuilder()
                            .schema(Schema.newBuilder().fromResolvedSchema(table.schema()).build())
                            .options(Map.of())
                            .build();
            catalog.createTable(
                    table.path(), new ResolvedCatalogTable(unresolved, table.schema()), true);
            return true;
        } catch (DatabaseAlreadyExistException
                | TableAlreadyExistException
                | DatabaseNotExistException e) {
            throw new IllegalStateException(e); // not thrown when told to ignore
        }
    }

    /**
     * A target that exists gets the columns the sync writes that it lacks (a column added to the
     * sources since it was created), nullable, before any row is written; its other columns stay.
     */
    private void addMissingColumns(TargetTable table, DatabaseTable existing) {
        List<String> there = existing.columns().stream().map(DatabaseColumn::name).toList();
        List<String> missing =
                table.schema().getColumnNames().stream()
                        .filter(name -> !there.contains(name))
                        .toList();
        if (!missing.isEmpty()) {
            catalog.addColumns(table.path(), table.schema(), missing);
        }
    }

    @Override
    public void close() {
        catalog.close();
    }
}
