package org.flinkx.connector.es.table;

import static org.flinkx.connector.es.config.EsOptions.API_KEY;
import static org.flinkx.connector.es.config.EsOptions.BULK_INTERVAL;
import static org.flinkx.connector.es.config.EsOptions.BULK_MAX_ACTIONS;
import static org.flinkx.connector.es.config.EsOptions.BULK_MAX_SIZE;
import static org.flinkx.connector.es.config.EsOptions.CONNECT_TIMEOUT;
import static org.flinkx.connector.es.config.EsOptions.DELIVERY_GUARANTEE;
import static org.flinkx.connector.es.config.EsOptions.HOSTS;
import static org.flinkx.connector.es.config.EsOptions.INDEX;
import static org.flinkx.connector.es.config.EsOptions.KEY_DELIMITER;
import static org.flinkx.connector.es.config.EsOptions.MAX_RETRIES;
import static org.flinkx.connector.es.config.EsOptions.PASSWORD;
import static org.flinkx.connector.es.config.EsOptions.PATH_PREFIX;
import static org.flinkx.connector.es.config.EsOptions.RETRY_BACKOFF;
import static org.flinkx.connector.es.config.EsOptions.SCAN_FETCH_SIZE;
import static org.flinkx.connector.es.config.EsOptions.SCAN_KEEP_ALIVE;
import static org.flinkx.connector.es.config.EsOptions.SCAN_MODE;
import static org.flinkx.connector.es.config.EsOptions.SCAN_QUERY;
import static org.flinkx.connector.es.config.EsOptions.SCAN_SLICES;
import static org.flinkx.connector.es.config.EsOptions.SOCKET_TIMEOUT;
import static org.flinkx.connector.es.config.EsOptions.TLS_CA_CERTIFICATE;
import static org.flinkx.connector.es.config.EsOptions.TLS_VERIFY_HOSTNAME;
import static org.flinkx.connector.es.config.EsOptions.USERNAME;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.UniqueConstraint;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.lookup.LookupOptions;
import org.apache.flink.table.factories.DynamicTableSinkFactory;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.types.logical.RowType;
import org.flinkx.connector.common.options.CommonOptions;
import org.flinkx.connector.common.options.FlinkxOptions;
import org.flinkx.connector.common.options.SinkBufferConfig;
import org.flinkx.connector.es.config.EsConnection;
import org.flinkx.connector.es.sink.EsSink;

/**
 * {@code 'connector' = 'flinkx-es'}: a bulk sink into an Elasticsearch or OpenSearch index, a scan
 * source over an index (pattern) read in resumable slices, and a lookup table. One connector for
 * Elasticsearch 7 and 8 and OpenSearch 1 and 2: it talks to the REST API, and asks {@code GET /}
 * what the server can do.
 */
@PublicEvolving
public final class EsDynamicTableFactory
        implements DynamicTableSinkFactory, DynamicTableSourceFactory {

    public static final String IDENTIFIER = "flinkx-es";

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of(HOSTS, INDEX);
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        Set<ConfigOption<?>> options = new HashSet<>(connectorOptions());
        options.add(FlinkxOptions.SINK_RATE_LIMIT_RECORDS);
        options.add(FlinkxOptions.SINK_RATE_LIMIT_BYTES);
        options.addAll(CommonOptions.sourceOptions());
        options.add(LookupOptions.CACHE_TYPE);
        options.add(LookupOptions.PARTIAL_CACHE_MAX_ROWS);
        options.add(LookupOptions.PARTIAL_CACHE_EXPIRE_AFTER_WRITE);
        options.add(LookupOptions.PARTIAL_CACHE_EXPIRE_AFTER_ACCESS);
        options.add(LookupOptions.PARTIAL_CACHE_CACHE_MISSING_KEY);
        options.add(LookupOptions.MAX_RETRIES);
        return options;
    }

    /** The options specific to this connector (for the generated docs). */
    public static Set<ConfigOption<?>> connectorOptions() {
        return Set.of(
                USERNAME,
                PASSWORD,
                API_KEY,
                TLS_CA_CERTIFICATE,
                TLS_VERIFY_HOSTNAME,
                PATH_PREFIX,
                CONNECT_TIMEOUT,
                SOCKET_TIMEOUT,
                KEY_DELIMITER,
                BULK_MAX_ACTIONS,
                BULK_MAX_SIZE,
                BULK_INTERVAL,
                MAX_RETRIES,
                RETRY_BACKOFF,
                DELIVERY_GUARANTEE,
                SCAN_QUERY,
                SCAN_SLICES,
                SCAN_FETCH_SIZE,
                SCAN_MODE,
                SCAN_KEEP_ALIVE,
                FactoryUtil.SINK_PARALLELISM,
                FactoryUtil.SOURCE_PARALLELISM);
    }

    @Override
    public DynamicTableSink createDynamicTableSink(Context context) {
        ReadableConfig options = validatedOptions(context);
        RowType rowType = (RowType) context.getPhysicalRowDataType().getLogicalType();
        List<String> keys =
                context.getCatalogTable()
                        .getResolvedSchema()
                        .getPrimaryKey()
                        .map(UniqueConstraint::getColumns)
                        .orElse(List.of());
        try {
            EsSink sink =
                    EsSink.builder()
                            .connection(connection(options))
                            .index(options.get(INDEX))
                            .rowType(rowType)
                            .keys(keys)
                            .keyDelimiter(options.get(KEY_DELIMITER))
                            .buffer(buffer(options))
                            .deliveryGuarantee(options.get(DELIVERY_GUARANTEE))
                            .rateLimit(CommonOptions.sinkRateLimit(options))
                            .errorLimit(CommonOptions.errorLimit(options))
                            .dirtyData(CommonOptions.dirtyData(options))
                            .connectorName(IDENTIFIER)
                            .build();
            return new EsDynamicTableSink(
                    sink,
                    !keys.isEmpty(),
                    options.getOptional(FactoryUtil.SINK_PARALLELISM).orElse(null));
        } catch (IllegalArgumentException e) {
            throw new ValidationException(e.getMessage(), e);
        }
    }

    @Override
    public DynamicTableSource createDynamicTableSource(Context context) {
        ReadableConfig options = validatedOptions(context);
        try {
            return EsDynamicTableSource.create(context, options, connection(options));
        } catch (IllegalArgumentException e) {
            throw new ValidationException(e.getMessage(), e);
        }
    }

    /** The bulk triggers and the retries, under this connector's keys and fallback keys. */
    private static SinkBufferConfig buffer(ReadableConfig options) {
        SinkBufferConfig triggers =
                CommonOptions.sinkBuffer(options, BULK_MAX_ACTIONS, BULK_MAX_SIZE, BULK_INTERVAL);
        int retries = options.get(MAX_RETRIES);
        if (retries < 0) {
            throw new ValidationException(
                    String.format(
                            "'%s' must be 0 or more, but is %d.", MAX_RETRIES.key(), retries));
        }
        return new SinkBufferConfig(
                triggers.maxRows(),
                triggers.maxBytes(),
                triggers.interval(),
                retries,
                options.get(RETRY_BACKOFF));
    }

    static EsConnection connection(ReadableConfig options) {
        return EsConnection.builder()
                .hosts(options.get(HOSTS))
                .pathPrefix(options.get(PATH_PREFIX))
                .basicAuth(
                        options.getOptional(USERNAME).orElse(null),
                        options.getOptional(PASSWORD).orElse(null))
                .apiKey(options.getOptional(API_KEY).orElse(null))
                .caCertificate(options.getOptional(TLS_CA_CERTIFICATE).orElse(null))
                .verifyHostname(options.get(TLS_VERIFY_HOSTNAME))
                .timeouts(options.get(CONNECT_TIMEOUT), options.get(SOCKET_TIMEOUT))
                .build();
    }

    private ReadableConfig validatedOptions(Context context) {
        FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
        return CommonOptions.validate(this, helper);
    }
}
