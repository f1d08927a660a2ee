package org.flinkx.connector.jdbc.catalog;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.FallbackKey;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.factories.DynamicTableFactory;
import org.flinkx.connector.jdbc.table.JdbcConnectorOptions;

/**
 * The options of {@code CREATE CATALOG ... WITH (...)}: the server's connection ({@code url},
 * {@code username}, {@code password}, {@code driver}, {@code properties.*}), {@code
 * default-database}, and any option of the catalog's connector as a default of every table ({@code
 * 'scan.fetch-size' = '10000'}), which a query's hints override.
 */
@PublicEvolving
public final class JdbcCatalogOptions {

    public static final ConfigOption<String> DEFAULT_DATABASE =
            ConfigOptions.key("default-database")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "The database of unqualified table names (USE CATALOG). Defaults to "
                                    + "the database the URL names, else (PostgreSQL) postgres.");

    /** The catalog's own keys besides those of the connection. */
    private static final Set<String> CATALOG_KEYS = Set.of("type", "property-version");

    private JdbcCatalogOptions() {}

    /** The catalog options as given, split into the connection's and the tables' defaults. */
    public record Split(Map<String, String> catalog, Map<String, String> tableDefaults) {}

    /**
     * Splits the options; fails naming each key that is neither the catalog's nor its connector's,
     * and each key the catalog sets on its tables itself ({@code reserved}). Keys under {@code
     * properties.} are the catalog's (driver properties, passed to its tables too); keys under one
     * of {@code tablePrefixes} (the connector's pass-through prefixes) are table defaults.
     */
    public static Split split(
            String catalog,
            Map<String, String> options,
            Set<ConfigOption<?>> catalogOptions,
            DynamicTableFactory connector,
            Set<String> reserved,
            Set<String> tablePrefixes) {
        Set<String> own = keys(catalogOptions);
        own.addAll(CATALOG_KEYS);
        Set<String> connectorKeys = keys(connector.optionalOptions());
        connectorKeys.addAll(keys(connector.requiredOptions()));
        connectorKeys.removeAll(reserved);
        Map<String, String> mine = new HashMap<>();
        Map<String, String> defaults = new HashMap<>();
        Set<String> unknown = new TreeSet<>();
        for (Map.Entry<String, String> option : options.entrySet()) {
            String key = option.getKey();
            if (own.contains(key) || key.startsWith(JdbcConnectorOptions.PROPERTIES_PREFIX)) {
                mine.put(key, option.getValue());
            } else if (connectorKeys.contains(key)
                    || tablePrefixes.stream().anyMatch(key::startsWith)) {
                defaults.put(key, option.getValue());
            } else {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw new ValidationException(
                    String.format(
                            "Catalog '%s' does not know the option(s) %s. It takes %s, and any "
                                    + "option of the connector '%s' as a default of its tables: "
                                    + "%s.",
                            catalog,
                            unknown,
                            new TreeSet<>(own),
                            connector.factoryIdentifier(),
                            new TreeSet<>(connectorKeys)));
        }
        return new Split(mine, defaults);
    }

    private static Set<String> keys(Set<ConfigOption<?>> options) {
        Set<String> keys = new TreeSet<>();
        for (ConfigOption<?> option : options) {
            keys.add(option.key());
            for (FallbackKey fallback : option.fallbackKeys()) {
                keys.add(fallback.getKey());
            }
        }
        return keys;
    }
}
