package org.flinkx.connector.jdbc.catalog;

import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.factories.DynamicTableFactory;

/**
 * Which connector reads and writes a catalog's tables, and the options that make one of its tables
 * (connection and table name); the catalog's table defaults and a query's hints come on top.
 */
@Internal
public interface CatalogTables {

    /** The connector's factory (a source factory, a sink factory or both). */
    DynamicTableFactory factory();

    /** The options of the table {@code table} of the database {@code database}. */
    Map<String, String> options(String database, String table);

    /** Option keys a catalog's table defaults may not set (the ones {@link #options} sets). */
    java.util.Set<String> reservedKeys();
}
