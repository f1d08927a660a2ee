package org.flinkx.connector.jdbc.catalog;

import org.apache.flink.annotation.PublicEvolving;
import org.flinkx.connector.jdbc.table.AbstractJdbcTableFactory;
import org.flinkx.connector.jdbc.table.PostgresTableFactory;

/**
 * The {@code flinkx-postgresql} catalog: {@code CREATE CATALOG c WITH ('type' =
 * 'flinkx-postgresql', ...)}.
 */
@PublicEvolving
public final class PostgresCatalogFactory extends AbstractJdbcCatalogFactory {

    @Override
    protected AbstractJdbcTableFactory connector() {
        return new PostgresTableFactory();
    }

    @Override
    protected DatabaseSchemas schemas() {
        return new PostgresSchemas();
    }
}
