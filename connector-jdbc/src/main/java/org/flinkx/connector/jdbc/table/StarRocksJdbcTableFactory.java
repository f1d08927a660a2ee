package org.flinkx.connector.jdbc.table;

import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.table.factories.FactoryUtil;
import org.flinkx.connector.common.options.CommonOptions;
import org.flinkx.connector.jdbc.dialect.JdbcDialect;
import org.flinkx.connector.jdbc.dialect.StarRocksDialect;

/**
 * The JDBC side of {@code flinkx-starrocks}: its scan source and lookup read StarRocks through the
 * frontend's MySQL protocol port with the {@link StarRocksDialect}. Not registered as a factory of
 * its own: {@code flinkx-starrocks} (module connector-starrocks) turns its table's options into
 * this connector's ({@code url}, {@code table-name}, {@code scan.*}, {@code lookup.*}) and hands
 * the table to {@link #createDynamicTableSource}. Only Flink's types cross between the two, so the
 * two flink-lib jars, each with its own copy of the shared core, work together.
 */
@PublicEvolving
public final class StarRocksJdbcTableFactory extends AbstractJdbcTableFactory {

    private final String identifier;

    /**
     * @param identifier the connector the user named, for messages and operator names
     */
    public StarRocksJdbcTableFactory(String identifier) {
        this.identifier = identifier;
    }

    @Override
    public String factoryIdentifier() {
        return identifier;
    }

    @Override
    protected JdbcDialect dialect(String url) {
        requireUrlPrefix(url, "jdbc:mysql:", "jdbc:mariadb:");
        return new StarRocksDialect();
    }

    /** The driver-property prefix ({@code properties.}) a source passes to the driver. */
    public static String driverPropertiesPrefix() {
        return JdbcConnectorOptions.PROPERTIES_PREFIX;
    }

    /**
     * The options of a JDBC source that a StarRocks table may carry: the scan, lookup and shared
     * source options. Not {@code url}, {@code table-name}, {@code username}, {@code password} or
     * the sink's; not shards or PostgreSQL's COPY.
     */
    public static Set<ConfigOption<?>> sourceOptions() {
        Set<ConfigOption<?>> options =
                connectorOptions().stream()
                        .filter(o -> o.key().startsWith("scan.") || o.key().startsWith("lookup."))
                        // shards and COPY (PostgreSQL's) do not apply to StarRocks
                        .filter(o -> !o.key().equals(JdbcConnectorOptions.SCAN_SHARD_URLS.key()))
                        .filter(o -> !o.key().equals(JdbcConnectorOptions.SCAN_BULK_READ.key()))
                        .collect(Collectors.toSet());
        options.addAll(CommonOptions.sourceOptions());
        options.add(FactoryUtil.SOURCE_PARALLELISM);
        return options;
    }
}
