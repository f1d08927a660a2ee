package org.flinkx.connector.jdbc.catalog;

import static org.flinkx.connector.jdbc.table.JdbcConnectorOptions.DRIVER;
import static org.flinkx.connector.jdbc.table.JdbcConnectorOptions.PASSWORD;
import static org.flinkx.connector.jdbc.table.JdbcConnectorOptions.URL;
import static org.flinkx.connector.jdbc.table.JdbcConnectorOptions.USERNAME;

import java.util.Map;
import java.util.Set;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.Catalog;
import org.apache.flink.table.factories.CatalogFactory;
import org.flinkx.connector.common.options.CommonOptions;
import org.flinkx.connector.jdbc.config.JdbcConnectionConfig;
import org.flinkx.connector.jdbc.dialect.JdbcDialect;
import org.flinkx.connector.jdbc.table.AbstractJdbcTableFactory;
import org.flinkx.connector.jdbc.table.JdbcConnectorOptions;

/**
 * {@code CREATE CATALOG c WITH ('type' = 'flinkx-mariadb', 'url' = ..., ...)}: the catalog types of
 * the JDBC connectors, each named as its connector. docs/catalogs.md.
 */
@PublicEvolving
public abstract class AbstractJdbcCatalogFactory implements CatalogFactory {

    /** The connector that reads and writes the catalog's tables. */
    protected abstract AbstractJdbcTableFactory connector();

    /** How the catalog reads the server's schemas. */
    protected abstract DatabaseSchemas schemas();

    @Override
    public String factoryIdentifier() {
        return connector().factoryIdentifier();
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of(URL);
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of(USERNAME, PASSWORD, DRIVER, JdbcCatalogOptions.DEFAULT_DATABASE);
    }

    private Set<ConfigOption<?>> catalogOptions() {
        Set<ConfigOption<?>> options = new java.util.HashSet<>(requiredOptions());
        options.addAll(optionalOptions());
        return options;
    }

    @Override
    public Catalog createCatalog(Context context) {
        AbstractJdbcTableFactory connector = connector();
        DatabaseSchemas schemas = schemas();
        JdbcCatalogOptions.Split options =
                JdbcCatalogOptions.split(
                        context.getName(),
                        context.getOptions(),
                        catalogOptions(),
                        connector,
                        Set.of(
                                JdbcConnectorOptions.TABLE_NAME.key(),
                                URL.key(),
                                USERNAME.key(),
                                PASSWORD.key(),
                                DRIVER.key()),
                        Set.of());
        Configuration config = Configuration.fromMap(options.catalog());
        String url =
                config.getOptional(URL)
                        .orElseThrow(
                                () ->
                                        new ValidationException(
                                                "Catalog '"
                                                        + context.getName()
                                                        + "' needs 'url' (jdbc:...://host:port)."));
        JdbcDialect dialect = connector.dialectOf(url);
        DatabaseUrl parsed = DatabaseUrl.parse(url);
        String defaultDatabase =
                config.getOptional(JdbcCatalogOptions.DEFAULT_DATABASE).orElse(parsed.database());
        if (defaultDatabase == null) {
            defaultDatabase = schemas.serverDatabase();
        }
        if (defaultDatabase.isEmpty()) {
            throw new ValidationException(
                    "Catalog '"
                            + context.getName()
                            + "' needs a database: name one in 'url' or in 'default-database'.");
        }
        Map<String, String> properties =
                CommonOptions.withPrefix(options.catalog(), JdbcConnectorOptions.PROPERTIES_PREFIX);
        JdbcConnectionConfig connection =
                new JdbcConnectionConfig(
                        url,
                        config.getOptional(USERNAME).orElse(null),
                        config.getOptional(PASSWORD).orElse(null),
                        config.getOptional(DRIVER).orElse(null),
                        properties);
        return new JdbcCatalog(
                context.getName(),
                defaultDatabase,
                connection,
                dialect,
                schemas,
                new JdbcCatalogTables(connector, connection, schemas),
                options.tableDefaults());
    }
}
