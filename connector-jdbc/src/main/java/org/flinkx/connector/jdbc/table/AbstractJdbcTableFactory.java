package org.flinkx.connector.jdbc.table;

import static org.flinkx.connector.jdbc.table.JdbcConnectorOptions.*;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.catalog.UniqueConstraint;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.lookup.LookupOptions;
import org.apache.flink.table.connector.source.lookup.cache.DefaultLookupCache;
import org.apache.flink.table.connector.source.lookup.cache.LookupCache;
import org.apache.flink.table.factories.DynamicTableSinkFactory;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeFamily;
import org.apache.flink.table.types.logical.RowType;
import org.flinkx.connector.common.options.CommonOptions;
import org.flinkx.connector.common.security.Secrets;
import org.flinkx.connector.jdbc.config.JdbcReadConfig;
import org.flinkx.connector.jdbc.dialect.JdbcDialect;
import org.flinkx.connector.jdbc.dialect.TableNames;
import org.flinkx.connector.jdbc.sink.JdbcSink;
import org.flinkx.connector.jdbc.sink.JdbcSinkBuilder;
import org.flinkx.connector.jdbc.source.JdbcSource;
import org.flinkx.connector.jdbc.source.JdbcSourceBuilder;

/**
 * The shared factory of the JDBC connectors; each identifier only supplies its dialect. Options are
 * read into the source and sink builders, which hold every validation rule.
 */
@PublicEvolving
public abstract class AbstractJdbcTableFactory
        implements DynamicTableSourceFactory, DynamicTableSinkFactory {

    /**
     * The dialect for a URL; fails with the option name when the URL does not fit the connector.
     */
    protected abstract JdbcDialect dialect(String url);

    /** The dialect of a URL of this connector (for its catalog); fails as planning does. */
    public final JdbcDialect dialectOf(String url) {
        return dialect(url);
    }

    /** Fails unless the URL starts with one of the prefixes. */
    protected final void requireUrlPrefix(String url, String... prefixes) {
        for (String prefix : prefixes) {
            if (url.startsWith(prefix)) {
                return;
            }
        }
        throw new ValidationException(
                String.format(
                        "'%s' = '%s' does not fit the connector '%s': the URL must start with %s.",
                        URL.key(),
                        Secrets.maskUrl(url),
                        factoryIdentifier(),
                        String.join(" or ", prefixes)));
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of(URL);
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        Set<ConfigOption<?>> options = new HashSet<>();
        options.addAll(connectorOptions());
        options.addAll(CommonOptions.sourceOptions());
        options.addAll(CommonOptions.sinkOptions());
        return options;
    }

    /** The options specific to the JDBC connectors (for the generated docs). */
    public static Set<ConfigOption<?>> connectorOptions() {
        return Set.of(
                TABLE_NAME,
                USERNAME,
                PASSWORD,
                DRIVER,
                SCAN_QUERY,
                SCAN_WHERE,
                SCAN_SHARD_URLS,
                SCAN_PARTITION_COLUMN,
                SCAN_PARTITION_STRATEGY,
                SCAN_PARTITION_NUM,
                SCAN_PARTITION_LOWER_BOUND,
                SCAN_PARTITION_UPPER_BOUND,
                SCAN_FETCH_SIZE,
                SCAN_BULK_READ,
                SCAN_INCREMENTAL_COLUMN,
                SCAN_INCREMENTAL_START_VALUE,
                SCAN_INCREMENTAL_POLLING_INTERVAL,
                SINK_WRITE_MODE,
                SINK_PRE_SQL,
                SINK_POST_SQL,
                SINK_BULK_INSERT,
                FactoryUtil.SOURCE_PARALLELISM,
                FactoryUtil.SINK_PARALLELISM,
                LookupOptions.CACHE_TYPE,
                LookupOptions.PARTIAL_CACHE_MAX_ROWS,
                LookupOptions.PARTIAL_CACHE_EXPIRE_AFTER_WRITE,
                LookupOptions.PARTIAL_CACHE_EXPIRE_AFTER_ACCESS,
                LookupOptions.PARTIAL_CACHE_CACHE_MISSING_KEY,
                LookupOptions.MAX_RETRIES);
    }

    @Override
    public DynamicTableSource createDynamicTableSource(Context context) {
        ReadableConfig options = validatedOptions(context);
        String url = options.get(URL);
        JdbcDialect dialect = dialect(url);
        RowType physical = (RowType) context.getPhysicalRowDataType().getLogicalType();
        ResolvedSchema schema = context.getCatalogTable().getResolvedSchema();

        JdbcSourceBuilder builder =
                JdbcSource.builder()
                        .url(url)
                        .username(options.getOptional(USERNAME).orElse(null))
                        .password(options.getOptional(PASSWORD).orElse(null))
                        .driver(options.getOptional(DRIVER).orElse(null))
                        .properties(driverProperties(context))
                        .shardUrls(options.getOptional(SCAN_SHARD_URLS).orElse(List.of()))
                        .where(options.getOptional(SCAN_WHERE).orElse(null))
                        .rowType(physical)
                        .partitionStrategy(options.get(SCAN_PARTITION_STRATEGY))
                        .partitions(options.getOptional(SCAN_PARTITION_NUM).orElse(0))
                        .partitionBounds(
                                options.getOptional(SCAN_PARTITION_LOWER_BOUND).orElse(null),
                                options.getOptional(SCAN_PARTITION_UPPER_BOUND).orElse(null))
                        .fetchSize(options.get(SCAN_FETCH_SIZE))
                        .bulkRead(options.get(SCAN_BULK_READ))
                        .incrementalColumn(
                                options.getOptional(SCAN_INCREMENTAL_COLUMN).orElse(null))
                        .incrementalStart(
                                options.getOptional(SCAN_INCREMENTAL_START_VALUE).orElse(null))
                        .pollingInterval(
                                options.getOptional(SCAN_INCREMENTAL_POLLING_INTERVAL).orElse(null))
                        .rateLimit(CommonOptions.scanRateLimit(options))
                        .errorLimit(CommonOptions.errorLimit(options))
                        .dirtyData(CommonOptions.dirtyData(options))
                        .connectorName(factoryIdentifier());
        options.getOptional(SCAN_QUERY).ifPresent(builder::query);
        options.getOptional(TABLE_NAME)
                .map(AbstractJdbcTableFactory::tableList)
                .ifPresent(builder::tables);
        String partitionColumn =
                options.getOptional(SCAN_PARTITION_COLUMN)
                        .orElseGet(() -> defaultPartitionColumn(schema, physical));
        builder.partitionColumn(partitionColumn);
        JdbcReadConfig config = builder.buildWithDialect(dialect).config();

        LookupCache cache = null;
        if (options.get(LookupOptions.CACHE_TYPE) == LookupOptions.LookupCacheType.PARTIAL) {
            cache = DefaultLookupCache.fromConfig(options);
        } else if (options.get(LookupOptions.CACHE_TYPE) == LookupOptions.LookupCacheType.FULL) {
            throw new ValidationException(
                    "'lookup.cache' = 'FULL' is not supported by "
                            + factoryIdentifier()
                            + "; allowed: 'NONE', 'PARTIAL'.");
        }
        return new JdbcDynamicTableSource(
                factoryIdentifier(),
                dialect,
                config,
                options.getOptional(FactoryUtil.SOURCE_PARALLELISM).orElse(null),
                cache,
                options.get(LookupOptions.MAX_RETRIES));
    }

    @Override
    public DynamicTableSink createDynamicTableSink(Context context) {
        ReadableConfig options = validatedOptions(context);
        String url = options.get(URL);
        JdbcDialect dialect = dialect(url);
        String table =
                options.getOptional(TABLE_NAME)
                        .orElseThrow(
                                () ->
                                        new ValidationException(
                                                "'"
                                                        + TABLE_NAME.key()
                                                        + "' is required for a sink."));
        if (tableList(table).size() != 1) {
            throw new ValidationException(
                    "A sink writes exactly one table, but '"
                            + TABLE_NAME.key()
                            + "' = '"
                            + table
                            + "'.");
        }
        List<String> keys =
                context.getCatalogTable()
                        .getResolvedSchema()
                        .getPrimaryKey()
                        .map(UniqueConstraint::getColumns)
                        .orElse(List.of());
        JdbcSinkBuilder builder =
                JdbcSink.builder()
                        .url(url)
                        .username(options.getOptional(USERNAME).orElse(null))
                        .password(options.getOptional(PASSWORD).orElse(null))
                        .driver(options.getOptional(DRIVER).orElse(null))
                        .properties(driverProperties(context))
                        .table(table)
                        .rowType((RowType) context.getPhysicalRowDataType().getLogicalType())
                        .keys(keys)
                        .deliveryGuarantee(
                                options.get(
                                        org.flinkx.connector.common.options.FlinkxOptions
                                                .SINK_DELIVERY_GUARANTEE))
                        .buffer(CommonOptions.sinkBuffer(options))
                        .rateLimit(CommonOptions.sinkRateLimit(options))
                        .errorLimit(CommonOptions.errorLimit(options))
                        .dirtyData(CommonOptions.dirtyData(options))
                        .preSql(options.getOptional(SINK_PRE_SQL).orElse(List.of()))
                        .postSql(options.getOptional(SINK_POST_SQL).orElse(List.of()))
                        .bulkInsert(options.get(SINK_BULK_INSERT))
                        .connectorName(factoryIdentifier());
        options.getOptional(SINK_WRITE_MODE).ifPresent(builder::writeMode);
        options.getOptional(
                        org.flinkx.connector.common.options.FlinkxOptions.SINK_TRANSACTION_PREFIX)
                .ifPresent(builder::transactionPrefix);
        return new JdbcDynamicTableSink(
                factoryIdentifier(),
                builder.buildWithDialect(dialect),
                !keys.isEmpty(),
                options.getOptional(FactoryUtil.SINK_PARALLELISM).orElse(null));
    }

    /**
     * Rejects unknown keys (pass-through {@code properties.*} excepted) and values of the wrong
     * type.
     */
    private ReadableConfig validatedOptions(Context context) {
        FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
        return CommonOptions.validate(this, helper, PROPERTIES_PREFIX);
    }

    /** The names in {@code table-name}, each checked to parse (see {@link TableNames}). */
    private static List<String> tableList(String value) {
        try {
            List<String> names = TableNames.list(value);
            names.forEach(TableNames::parts);
            return names;
        } catch (IllegalArgumentException e) {
            throw new ValidationException(
                    "Invalid '" + TABLE_NAME.key() + "': " + e.getMessage(), e);
        }
    }

    private static Map<String, String> driverProperties(Context context) {
        return CommonOptions.withPrefix(context.getCatalogTable().getOptions(), PROPERTIES_PREFIX);
    }

    /** The primary key when it is a single integer column, else none. */
    private static String defaultPartitionColumn(ResolvedSchema schema, RowType physical) {
        return schema.getPrimaryKey()
                .map(UniqueConstraint::getColumns)
                .filter(columns -> columns.size() == 1)
                .map(columns -> columns.get(0))
                .filter(
                        column -> {
                            LogicalType type = physical.getTypeAt(physical.getFieldIndex(column));
                            return type.is(LogicalTypeFamily.INTEGER_NUMERIC);
                        })
                .orElse(null);
    }
}
