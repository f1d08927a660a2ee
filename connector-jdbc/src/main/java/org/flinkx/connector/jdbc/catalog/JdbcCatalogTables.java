package org.flinkx.connector.jdbc.catalog;

import static org.flinkx.connector.jdbc.table.JdbcConnectorOptions.DRIVER;
import static org.flinkx.connector.jdbc.table.JdbcConnectorOptions.PASSWORD;
import static org.flinkx.connector.jdbc.table.JdbcConnectorOptions.TABLE_NAME;
import static org.flinkx.connector.jdbc.table.JdbcConnectorOptions.URL;
import static org.flinkx.connector.jdbc.table.JdbcConnectorOptions.USERNAME;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.factories.DynamicTableFactory;
import org.flinkx.connector.jdbc.config.JdbcConnectionConfig;
import org.flinkx.connector.jdbc.table.AbstractJdbcTableFactory;
import org.flinkx.connector.jdbc.table.JdbcConnectorOptions;

/**
 * A JDBC catalog's tables are tables of its connector ({@code flinkx-mysql}, ...): the URL of their
 * database, the quoted {@code table-name}, the catalog's credentials, driver and driver properties.
 */
@Internal
public final class JdbcCatalogTables implements CatalogTables {

    private final AbstractJdbcTableFactory factory;
    private final DatabaseUrl url;
    private final JdbcConnectionConfig connection;
    private final DatabaseSchemas schemas;

    public JdbcCatalogTables(
            AbstractJdbcTableFactory factory,
            JdbcConnectionConfig connection,
            DatabaseSchemas schemas) {
        this.factory = factory;
        this.url = DatabaseUrl.parse(connection.url());
        this.connection = connection;
        this.schemas = schemas;
    }

    @Override
    public DynamicTableFactory factory() {
        return factory;
    }

    @Override
    public Map<String, String> options(String database, String table) {
        Map<String, String> options = new HashMap<>();
        options.put(URL.key(), url.of(database));
        options.put(TABLE_NAME.key(), schemas.tableName(database, table));
        if (connection.username() != null) {
            options.put(USERNAME.key(), connection.username());
        }
        if (connection.password() != null) {
            options.put(PASSWORD.key(), connection.password());
        }
        if (connection.driverClass() != null) {
            options.put(DRIVER.key(), connection.driverClass());
        }
        connection
                .properties()
                .forEach((k, v) -> options.put(JdbcConnectorOptions.PROPERTIES_PREFIX + k, v));
        return options;
    }

    @Override
    public Set<String> reservedKeys() {
        return Set.of(URL.key(), TABLE_NAME.key(), USERNAME.key(), PASSWORD.key());
    }
}
