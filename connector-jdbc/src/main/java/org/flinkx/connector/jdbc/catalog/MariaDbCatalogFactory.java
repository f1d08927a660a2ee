package org.flinkx.connector.jdbc.catalog;

import org.apache.flink.annotation.PublicEvolving;
import org.flinkx.connector.jdbc.table.AbstractJdbcTableFactory;
import org.flinkx.connector.jdbc.table.MariaDbTableFactory;

/**
 * The {@code flinkx-mariadb} catalog: {@code CREATE CATALOG c WITH ('type' = 'flinkx-mariadb',
 * ...)}.
 */
@PublicEvolving
public final class MariaDbCatalogFactory extends AbstractJdbcCatalogFactory {

    @Override
    protected AbstractJdbcTableFactory connector() {
        return new MariaDbTableFactory();
    }

    @Override
    protected DatabaseSchemas schemas() {
        return new MySqlSchemas();
    }
}
