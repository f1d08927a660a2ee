package org.flinkx.connector.jdbc.catalog;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.ObjectIdentifier;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.factories.DynamicTableFactory;
import org.apache.flink.table.factories.DynamicTableSinkFactory;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.factories.FactoryUtil;

/**
 * The factory a catalog hands the planner for its tables ({@code Catalog#getFactory}): the
 * connector's own, given each table's options as the catalog makes them ({@link CatalogTables})
 * under the catalog's table defaults and the query's hints. So a catalog table declares no options
 * and shows no password, and {@code /*+ OPTIONS('scan.partition.column' = 'id') *}{@code /} works
 * on it as on a table declared with DDL.
 */
@Internal
public final class CatalogTableFactory
        implements DynamicTableSourceFactory, DynamicTableSinkFactory {

    private final CatalogTables tables;
    private final Map<String, String> defaults;

    public CatalogTableFactory(CatalogTables tables, Map<String, String> defaults) {
        this.tables = tables;
        this.defaults = Map.copyOf(defaults);
    }

    @Override
    public String factoryIdentifier() {
        return tables.factory().factoryIdentifier();
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return tables.factory().requiredOptions();
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return tables.factory().optionalOptions();
    }

    @Override
    public DynamicTableSource createDynamicTableSource(Context context) {
        if (!(tables.factory() instanceof DynamicTableSourceFactory source)) {
            throw new ValidationException(
                    "The tables of this catalog cannot be read ('"
                            + factoryIdentifier()
                            + "' has no source).");
        }
        return source.createDynamicTableSource(withOptions(context));
    }

    @Override
    public DynamicTableSink createDynamicTableSink(Context context) {
        if (!(tables.factory() instanceof DynamicTableSinkFactory sink)) {
            throw new ValidationException(
                    "The tables of this catalog cannot be written ('"
                            + factoryIdentifier()
                            + "' has no sink): write into a table of a JDBC catalog.");
        }
        return sink.createDynamicTableSink(withOptions(context));
    }

    private Context withOptions(Context context) {
        ObjectIdentifier id = context.getObjectIdentifier();
        Map<String, String> given = context.getCatalogTable().getOptions();
        Set<String> reserved = new java.util.HashSet<>(tables.reservedKeys());
        reserved.add(FactoryUtil.CONNECTOR.key());
        for (String key : reserved) {
            if (given.containsKey(key)) {
                throw new ValidationException(
                        String.format(
                                "Table %s comes from a catalog, which sets '%s' itself: leave "
                                        + "it out of the hints.",
                                id.asSummaryString(), key));
            }
        }
        Map<String, String> options = new HashMap<>(defaults);
        options.putAll(tables.options(id.getDatabaseName(), id.getObjectName()));
        options.putAll(given);
        return new FactoryUtil.DefaultDynamicTableContext(
                id,
                context.getCatalogTable().copy(options),
                context.getEnrichmentOptions(),
                context.getConfiguration(),
                context.getClassLoader(),
                context.isTemporary());
    }

    /** The connector's factory (for tests and for messages). */
    public DynamicTableFactory delegate() {
        return tables.factory();
    }
}
