package org.flinkx.connector.jdbc.catalog;

import java.util.Set;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.Catalog;
import org.apache.flink.table.factories.CatalogFactory;
import org.apache.flink.table.factories.DynamicTableFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.flinkx.connector.common.options.CommonOptions;
import org.flinkx.connector.common.security.Secrets;
import org.flinkx.connector.jdbc.config.JdbcConnectionConfig;
import org.flinkx.connector.jdbc.dialect.JdbcDialect;
import org.flinkx.connector.jdbc.dialect.MariaDbDialect;
import org.flinkx.connector.jdbc.dialect.MySqlDialect;
import org.flinkx.connector.jdbc.table.JdbcConnectorOptions;

/**
 * {@code CREATE CATALOG cdc WITH ('type' = 'flinkx-binlog', 'url' =
 * 'jdbc:mariadb://host:3306/shop', ...)}: the tables of a MySQL or MariaDB server as {@code
 * flinkx-binlog} tables, so that a captured table needs no DDL either ({@code SELECT * FROM
 * cdc.shop.orders} streams its changelog). Options of {@code flinkx-binlog} given to the catalog
 * ({@code server-id}, {@code scan.startup.mode}, ...) are defaults of every table; hints override
 * them. docs/catalogs.md.
 */
@PublicEvolving
public final class BinlogCatalogFactory implements CatalogFactory {

    public static final String IDENTIFIER = "flinkx-binlog";

    /** The binlog connector's pass-through prefixes (Debezium's and the snapshot's JDBC keys). */
    private static final String DEBEZIUM_PREFIX = "debezium.";

    private static final String JDBC_PREFIX = "jdbc.";

    private static final int DEFAULT_PORT = 3306;

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of(JdbcConnectorOptions.URL);
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of(
                JdbcConnectorOptions.USERNAME,
                JdbcConnectorOptions.PASSWORD,
                JdbcCatalogOptions.DEFAULT_DATABASE);
    }

    @Override
    public Catalog createCatalog(Context context) {
        Set<ConfigOption<?>> own = new java.util.HashSet<>(requiredOptions());
        own.addAll(optionalOptions());
        DynamicTableFactory connector = connector(context);
        JdbcCatalogOptions.Split options =
                JdbcCatalogOptions.split(
                        context.getName(),
                        context.getOptions(),
                        own,
                        connector,
                        BinlogCatalogTables.RESERVED,
                        Set.of(DEBEZIUM_PREFIX, JDBC_PREFIX));
        Configuration config = Configuration.fromMap(options.catalog());
        String url =
                config.getOptional(JdbcConnectorOptions.URL)
                        .orElseThrow(
                                () ->
                                        new ValidationException(
                                                "Catalog '"
                                                        + context.getName()
                                                        + "' needs 'url' (jdbc:mariadb://host:port/database)."));
        DatabaseUrl parsed = DatabaseUrl.parse(url);
        String database =
                config.getOptional(JdbcCatalogOptions.DEFAULT_DATABASE).orElse(parsed.database());
        if (database == null) {
            throw new ValidationException(
                    "Catalog '"
                            + context.getName()
                            + "' needs a database: name one in 'url' or in 'default-database'.");
        }
        JdbcConnectionConfig connection =
                new JdbcConnectionConfig(
                        url,
                        config.getOptional(JdbcConnectorOptions.USERNAME).orElse(null),
                        config.getOptional(JdbcConnectorOptions.PASSWORD).orElse(null),
                        null,
                        CommonOptions.withPrefix(options.tableDefaults(), JDBC_PREFIX));
        String[] hostAndPort = hostAndPort(context.getName(), parsed);
        return new JdbcCatalog(
                context.getName(),
                database,
                connection,
                dialect(url),
                new MySqlSchemas(),
                new BinlogCatalogTables(
                        connector, hostAndPort[0], Integer.parseInt(hostAndPort[1]), connection),
                options.tableDefaults());
    }

    /** The flinkx-binlog connector, found on the class path by its identifier. */
    private static DynamicTableFactory connector(Context context) {
        try {
            return FactoryUtil.discoverFactory(
                    context.getClassLoader(), DynamicTableFactory.class, IDENTIFIER);
        } catch (ValidationException e) {
            throw new ValidationException(
                    "Catalog '"
                            + context.getName()
                            + "' of type 'flinkx-binlog' reads through the flinkx-binlog connector,"
                            + " which is not on the class path: put its flink-lib jar beside this one"
                            + " in flink/lib.",
                    e);
        }
    }

    private static JdbcDialect dialect(String url) {
        if (url.startsWith("jdbc:mariadb:")) {
            return new MariaDbDialect();
        }
        if (url.startsWith("jdbc:mysql:")) {
            return new MySqlDialect();
        }
        throw new ValidationException(
                "'url' = '"
                        + Secrets.maskUrl(url)
                        + "' does not fit the catalog 'flinkx-binlog': the URL must start with "
                        + "jdbc:mysql: or jdbc:mariadb:.");
    }

    /** The one host and its port (3306 unless given) of the URL. */
    private static String[] hostAndPort(String catalog, DatabaseUrl url) {
        String server = url.server();
        String hosts = server.substring(server.indexOf("://") + 3);
        if (hosts.contains(",") || hosts.contains("@") || hosts.isEmpty()) {
            throw new ValidationException(
                    "Catalog '"
                            + catalog
                            + "' reads one server's binlog: 'url' must name one host[:port], not "
                            + Secrets.maskUrl(server));
        }
        int colon = hosts.lastIndexOf(':');
        return colon < 0
                ? new String[] {hosts, String.valueOf(DEFAULT_PORT)}
                : new String[] {hosts.substring(0, colon), hosts.substring(colon + 1)};
    }
}
