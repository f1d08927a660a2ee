package org.flinkx.connector.starrocks.table;

import static org.flinkx.connector.starrocks.config.StarRocksSourceOptions.LOOKUP_CACHE_MAX_ROWS;
import static org.flinkx.connector.starrocks.config.StarRocksSourceOptions.LOOKUP_CACHE_TTL;
import static org.flinkx.connector.starrocks.config.StarRocksSourceOptions.SCAN_CONNECT_TIMEOUT;
import static org.flinkx.connector.starrocks.config.StarRocksSourceOptions.SCAN_FILTER;
import static org.flinkx.connector.starrocks.config.StarRocksSourceOptions.SCAN_QUERY_TIMEOUT;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.factories.DynamicTableFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.flinkx.connector.starrocks.config.StarRocksOptions;
import org.flinkx.connector.starrocks.config.StarRocksSourceOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scan source and lookup of {@code flinkx-starrocks}: the table's options turned into the JDBC
 * connector's, read through the FE's MySQL port with its StarRocks dialect ({@code
 * org.flinkx.connector.jdbc.table.StarRocksJdbcTableFactory}). Splits, resume by key, projection,
 * filter and limit push-down and the lookup cache are the JDBC source's. Only Flink's types are
 * handed over, so this also works between the two flink-lib jars; without the JDBC connector's jar
 * in {@code flink/lib} a read fails at planning saying so.
 */
final class StarRocksJdbcSource {

    private static final Logger LOG = LoggerFactory.getLogger(StarRocksJdbcSource.class);
    static final String JDBC_FACTORY = "org.flinkx.connector.jdbc.table.StarRocksJdbcTableFactory";
    static final String DRIVER_PROPERTIES = "properties.";

    /** The JDBC connector's source options, or none when its classes are absent. */
    static Set<ConfigOption<?>> jdbcOptions() {
        if (!jdbcPresent()) {
            return Set.of();
        }
        return org.flinkx.connector.jdbc.table.StarRocksJdbcTableFactory.sourceOptions();
    }

    static DynamicTableSource create(
            String identifier, DynamicTableFactory.Context context, ReadableConfig options) {
        if (!jdbcPresent()) {
            throw new ValidationException(
                    "Reading from StarRocks ('"
                            + identifier
                            + "' as a source or lookup table) goes through FlinkX's JDBC "
                            + "connector: put flinkx-connector-jdbc-*-flink-lib.jar into flink/lib "
                            + "beside flinkx-connector-starrocks-*-flink-lib.jar (the "
                            + "distribution has both), or depend on flinkx-connector-jdbc.");
        }
        Map<String, String> jdbc =
                translate(
                        context.getCatalogTable().getOptions(),
                        options,
                        jdbcOptions().stream().map(ConfigOption::key).collect(Collectors.toSet()));
        FactoryUtil.DefaultDynamicTableContext translated =
                new FactoryUtil.DefaultDynamicTableContext(
                        context.getObjectIdentifier(),
                        context.getCatalogTable().copy(jdbc),
                        context.getEnrichmentOptions(),
                        context.getConfiguration(),
                        context.getClassLoader(),
                        context.isTemporary());
        return new org.flinkx.connector.jdbc.table.StarRocksJdbcTableFactory(identifier)
                .createDynamicTableSource(translated);
    }

    /**
     * The JDBC connector's options for a StarRocks table's: {@code url} from {@code jdbc-url} with
     * {@code database-name} as its database (the connection's database is what the {@code
     * database_name} metadata column shows), the table in it, the JDBC source keys as they are, the
     * StarRocks connector's read keys translated.
     */
    static Map<String, String> translate(
            Map<String, String> table, ReadableConfig options, Set<String> jdbcKeys) {
        String url =
                options.getOptional(StarRocksOptions.JDBC_URL)
                        .orElseThrow(
                                () ->
                                        new ValidationException(
                                                "'"
                                                        + StarRocksOptions.JDBC_URL.key()
                                                        + "' is required to read from StarRocks: "
                                                        + "the FE's MySQL port, e.g. "
                                                        + "jdbc:mysql://fe:9030."));
        if (!url.startsWith("jdbc:mysql:") && !url.startsWith("jdbc:mariadb:")) {
            throw new ValidationException(
                    "'"
                            + StarRocksOptions.JDBC_URL.key()
                            + "' must start with jdbc:mysql: (the FE's MySQL port), but is '"
                            + org.flinkx.connector.common.security.Secrets.maskUrl(url)
                            + "'.");
        }
        Map<String, String> jdbc = new HashMap<>();
        table.forEach(
                (key, value) -> {
                    if (jdbcKeys.contains(key) || key.startsWith(DRIVER_PROPERTIES)) {
                        jdbc.put(key, value);
                    }
                });
        jdbc.put(FactoryUtil.CONNECTOR.key(), table.get(FactoryUtil.CONNECTOR.key()));
        jdbc.put("url", withDatabase(url, options.get(StarRocksOptions.DATABASE_NAME)));
        jdbc.put("table-name", tableName(options.get(StarRocksOptions.TABLE_NAME)));
        jdbc.put("username", options.get(StarRocksOptions.USERNAME));
        jdbc.put("password", options.get(StarRocksOptions.PASSWORD));
        options.getOptional(SCAN_FILTER).ifPresent(f -> jdbc.putIfAbsent("scan.where", f));
        options.getOptional(SCAN_CONNECT_TIMEOUT)
                .ifPresent(
                        t ->
                                jdbc.putIfAbsent(
                                        DRIVER_PROPERTIES + "connectTimeout",
                                        String.valueOf(t.toMillis())));
        options.getOptional(SCAN_QUERY_TIMEOUT)
                .ifPresent(
                        seconds ->
                                jdbc.merge(
                                        DRIVER_PROPERTIES + "sessionVariables",
                                        "query_timeout=" + seconds,
                                        (given, timeout) -> given + "," + timeout));
        options.getOptional(LOOKUP_CACHE_MAX_ROWS)
                .ifPresent(
                        rows -> {
                            jdbc.putIfAbsent("lookup.cache", "PARTIAL");
                            jdbc.putIfAbsent("lookup.partial-cache.max-rows", rows.toString());
                        });
        options.getOptional(LOOKUP_CACHE_TTL)
                .ifPresent(
                        ttl ->
                                jdbc.putIfAbsent(
                                        "lookup.partial-cache.expire-after-write",
                                        ttl.toMillis() + " ms"));
        List<String> unused =
                StarRocksSourceOptions.BE_SCAN_OPTIONS.stream()
                        .map(ConfigOption::key)
                        .filter(table::containsKey)
                        .sorted()
                        .toList();
        if (!unused.isEmpty()) {
            LOG.warn(
                    "Options {} tune the StarRocks connector's BE scan; flinkx-starrocks reads "
                            + "through 'jdbc-url' and ignores them.",
                    unused);
        }
        return jdbc;
    }

    /** The URL with {@code database} as its path, replacing one it has. */
    static String withDatabase(String url, String database) {
        int hosts = url.indexOf("//");
        int query = url.indexOf('?');
        int end = query < 0 ? url.length() : query;
        int path = hosts < 0 ? -1 : url.indexOf('/', hosts + 2);
        String prefix = path < 0 || path > end ? url.substring(0, end) : url.substring(0, path);
        return prefix + "/" + database + url.substring(end);
    }

    /**
     * The table as the JDBC connector's {@code table-name} reads it: as it is when it is a plain
     * identifier, else quoted (backticks doubled), so dots and commas belong to the name.
     */
    private static String tableName(String table) {
        return table.matches("[A-Za-z0-9_$]+") ? table : "`" + table.replace("`", "``") + "`";
    }

    /** Whether the JDBC connector's classes are beside these (its jar in flink/lib). */
    private static boolean jdbcPresent() {
        try {
            Class.forName(JDBC_FACTORY, false, StarRocksJdbcSource.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private StarRocksJdbcSource() {}
}
