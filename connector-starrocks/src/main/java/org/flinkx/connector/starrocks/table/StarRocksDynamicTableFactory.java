package org.flinkx.connector.starrocks.table;

import static org.flinkx.connector.starrocks.config.StarRocksOptions.BUFFER_INTERVAL;
import static org.flinkx.connector.starrocks.config.StarRocksOptions.BUFFER_MAX_BYTES;
import static org.flinkx.connector.starrocks.config.StarRocksOptions.BUFFER_MAX_ROWS;
import static org.flinkx.connector.starrocks.config.StarRocksOptions.CONNECT_TIMEOUT;
import static org.flinkx.connector.starrocks.config.StarRocksOptions.DATABASE_NAME;
import static org.flinkx.connector.starrocks.config.StarRocksOptions.DELIVERY_GUARANTEE;
import static org.flinkx.connector.starrocks.config.StarRocksOptions.JDBC_URL;
import static org.flinkx.connector.starrocks.config.StarRocksOptions.LABEL_PREFIX;
import static org.flinkx.connector.starrocks.config.StarRocksOptions.LOAD_URL;
import static org.flinkx.connector.starrocks.config.StarRocksOptions.PASSWORD;
import static org.flinkx.connector.starrocks.config.StarRocksOptions.PROPERTIES_PREFIX;
import static org.flinkx.connector.starrocks.config.StarRocksOptions.SOCKET_TIMEOUT;
import static org.flinkx.connector.starrocks.config.StarRocksOptions.TABLE_NAME;
import static org.flinkx.connector.starrocks.config.StarRocksOptions.USERNAME;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.UniqueConstraint;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.factories.DynamicTableSinkFactory;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.types.logical.RowType;
import org.flinkx.connector.common.options.CommonOptions;
import org.flinkx.connector.common.options.FlinkxOptions;
import org.flinkx.connector.starrocks.config.StarRocksSourceOptions;
import org.flinkx.connector.starrocks.sink.StarRocksSinkBuilder;

/**
 * {@code 'connector' = 'flinkx-starrocks'}: a Stream Load sink into a StarRocks table, and a scan
 * source and lookup table read through the FE's MySQL port ({@link StarRocksJdbcSource}). The
 * options are the StarRocks connector's ({@code load-url}, {@code jdbc-url}, {@code database-name},
 * {@code table-name}, {@code sink.properties.*} ...) plus FlinkX's shared ones and, to read, the
 * JDBC connector's {@code scan.*} and {@code lookup.*}. A table with a {@code PRIMARY KEY} takes
 * changelog input (upserts and deletes of a primary-key table through {@code __op}); one without
 * takes inserts only.
 */
@PublicEvolving
public final class StarRocksDynamicTableFactory
        implements DynamicTableSinkFactory, DynamicTableSourceFactory {

    public static final String IDENTIFIER = "flinkx-starrocks";

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of(DATABASE_NAME, TABLE_NAME, USERNAME);
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        Set<ConfigOption<?>> options = new HashSet<>(connectorOptions());
        options.add(FlinkxOptions.SINK_RATE_LIMIT_RECORDS);
        options.add(FlinkxOptions.SINK_RATE_LIMIT_BYTES);
        options.add(FlinkxOptions.ERRORS_MAX_COUNT);
        options.add(FlinkxOptions.ERRORS_MAX_PERCENTAGE);
        options.add(FlinkxOptions.DIRTY_SINK);
        options.add(FlinkxOptions.DIRTY_PATH);
        options.add(FlinkxOptions.SINK_MAX_RETRIES);
        options.add(FlinkxOptions.SINK_RETRY_BACKOFF);
        options.addAll(CommonOptions.sourceOptions());
        options.addAll(StarRocksSourceOptions.options());
        options.addAll(StarRocksJdbcSource.jdbcOptions());
        return options;
    }

    /** The options specific to this connector (for the generated docs). */
    public static Set<ConfigOption<?>> connectorOptions() {
        return Set.of(
                LOAD_URL,
                JDBC_URL,
                PASSWORD,
                LABEL_PREFIX,
                DELIVERY_GUARANTEE,
                BUFFER_MAX_ROWS,
                BUFFER_MAX_BYTES,
                BUFFER_INTERVAL,
                CONNECT_TIMEOUT,
                SOCKET_TIMEOUT,
                FactoryUtil.SINK_PARALLELISM);
    }

    @Override
    public DynamicTableSource createDynamicTableSource(Context context) {
        return StarRocksJdbcSource.create(IDENTIFIER, context, validatedOptions(context));
    }

    @Override
    public DynamicTableSink createDynamicTableSink(Context context) {
        ReadableConfig options = validatedOptions(context);
        if (options.getOptional(LOAD_URL).isEmpty()) {
            throw new ValidationException(
                    "'"
                            + LOAD_URL.key()
                            + "' is required to write into StarRocks: the FEs' HTTP addresses, "
                            + "host:http_port separated by ';'.");
        }
        RowType rowType = (RowType) context.getPhysicalRowDataType().getLogicalType();
        List<String> keys =
                context.getCatalogTable()
                        .getResolvedSchema()
                        .getPrimaryKey()
                        .map(UniqueConstraint::getColumns)
                        .orElse(List.of());
        Duration checkpointInterval =
                context.getConfiguration()
                        .getOptional(CheckpointingOptions.CHECKPOINTING_INTERVAL)
                        .orElse(null);
        StarRocksSinkBuilder builder =
                org.flinkx.connector.starrocks.sink.StarRocksSink.builder()
                        .loadUrl(options.get(LOAD_URL))
                        .database(options.get(DATABASE_NAME))
                        .table(options.get(TABLE_NAME))
                        .username(options.get(USERNAME))
                        .password(options.get(PASSWORD))
                        .timeouts(
                                positive(options, CONNECT_TIMEOUT),
                                positive(options, SOCKET_TIMEOUT))
                        .rowType(rowType)
                        .keys(keys)
                        .deliveryGuarantee(options.get(DELIVERY_GUARANTEE))
                        .labelPrefix(options.get(LABEL_PREFIX))
                        .buffer(
                                CommonOptions.sinkBuffer(
                                        options,
                                        BUFFER_MAX_ROWS,
                                        BUFFER_MAX_BYTES,
                                        BUFFER_INTERVAL))
                        .rateLimit(CommonOptions.sinkRateLimit(options))
                        .errorLimit(CommonOptions.errorLimit(options))
                        .dirtyData(CommonOptions.dirtyData(options))
                        .checkpointInterval(checkpointInterval)
                        .connectorName(IDENTIFIER);
        CommonOptions.withPrefix(context.getCatalogTable().getOptions(), PROPERTIES_PREFIX)
                .forEach(builder::property);
        try {
            return new StarRocksDynamicTableSink(
                    builder.build(),
                    !keys.isEmpty(),
                    options.getOptional(FactoryUtil.SINK_PARALLELISM).orElse(null));
        } catch (IllegalArgumentException e) {
            throw new ValidationException(e.getMessage(), e);
        }
    }

    /**
     * Rejects unknown keys ({@code sink.properties.*} headers and {@code properties.*} driver
     * settings excepted) and values of the wrong type.
     */
    private ReadableConfig validatedOptions(Context context) {
        FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
        return CommonOptions.validate(
                this, helper, PROPERTIES_PREFIX, StarRocksJdbcSource.DRIVER_PROPERTIES);
    }

    private static Duration positive(ReadableConfig options, ConfigOption<Duration> option) {
        Duration value = options.get(option);
        if (value.isNegative() || value.isZero()) {
            throw new ValidationException(
                    String.format("'%s' must be positive, but is %s.", option.key(), value));
        }
        return value;
    }
}
