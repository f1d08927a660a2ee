package org.flinkx.connector.jdbc.catalog;

import org.apache.flink.annotation.PublicEvolving;
import org.flinkx.connector.jdbc.table.AbstractJdbcTableFactory;
import org.flinkx.connector.jdbc.table.MySqlTableFactory;

/**
 * The {@code flinkx-mysql} catalog: {@code CREATE CATALOG c WITH ('type' = 'flinkx-mysql', ...)}.
 */
@PublicEvolving
public final class MySqlCatalogFactory extends AbstractJdbcCatalogFactory {

    @Override
    protected AbstractJdbcTableFactory connector() {
        return new MySqlTableFactory();
    }

    @Override
    protected DatabaseSchemas schemas() {
        return new MySqlSchemas();
    }
}
