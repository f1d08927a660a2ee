package org.flinkx.connector.es.sink;

import java.util.List;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.flinkx.connector.common.options.DirtyDataConfig;
import org.flinkx.connector.common.options.ErrorLimit;
import org.flinkx.connector.common.options.RateLimit;
import org.flinkx.connector.common.options.SinkBufferConfig;
import org.flinkx.connector.es.config.EsConnection;
import org.flinkx.connector.es.config.EsOptions;
import org.flinkx.connector.es.convert.DocumentWriter;

/**
 * Builds an {@link EsSink} for a DataStream of {@code RowData}:
 *
 * <pre>{@code
 * EsSink sink = EsSink.builder()
 *         .connection(EsConnection.builder().hosts("http://es:9200").basicAuth("w", pw).build())
 *         .index("orders")
 *         .rowType(DataTypes.ROW(...))
 *         .keys(List.of("id"))
 *         .build();
 * }</pre>
 *
 * The defaults are the SQL options' defaults ({@code sink.bulk-flush.*}, {@code sink.max-retries},
 * at-least-once, no rate limit, the job fails on the first bad record after it went to the log).
 */
@PublicEvolving
public final class EsSinkBuilder {

    public static final SinkBufferConfig DEFAULT_BUFFER =
            new SinkBufferConfig(
                    EsOptions.BULK_MAX_ACTIONS.defaultValue(),
                    EsOptions.BULK_MAX_SIZE.defaultValue().getBytes(),
                    EsOptions.BULK_INTERVAL.defaultValue(),
                    EsOptions.MAX_RETRIES.defaultValue(),
                    EsOptions.RETRY_BACKOFF.defaultValue());

    private EsConnection connection;
    private String index;
    private RowType rowType;
    private List<String> keys = List.of();
    private String keyDelimiter = EsOptions.KEY_DELIMITER.defaultValue();
    private SinkBufferConfig buffer = DEFAULT_BUFFER;
    private DeliveryGuarantee guarantee = EsOptions.DELIVERY_GUARANTEE.defaultValue();
    private RateLimit rateLimit = RateLimit.UNLIMITED;
    private ErrorLimit errorLimit = ErrorLimit.FAIL_ON_FIRST;
    private DirtyDataConfig dirtyData = DirtyDataConfig.LOG;
    private String connector = "flinkx-es";

    EsSinkBuilder() {}

    public EsSinkBuilder connection(EsConnection connection) {
        this.connection = connection;
        return this;
    }

    /** The index, or a pattern with one placeholder: {@code logs-{ts|yyyy-MM-dd}}. */
    public EsSinkBuilder index(String index) {
        this.index = index;
        return this;
    }

    public EsSinkBuilder rowType(RowType rowType) {
        this.rowType = rowType;
        return this;
    }

    public EsSinkBuilder rowType(DataType rowType) {
        return rowType((RowType) rowType.getLogicalType());
    }

    /** The columns whose values make the document id; none (the default) for generated ids. */
    public EsSinkBuilder keys(List<String> keys) {
        this.keys = List.copyOf(keys);
        return this;
    }

    public EsSinkBuilder keyDelimiter(String keyDelimiter) {
        this.keyDelimiter = keyDelimiter;
        return this;
    }

    public EsSinkBuilder buffer(SinkBufferConfig buffer) {
        this.buffer = buffer;
        return this;
    }

    /** Bulk requests of at most this many actions and about this size, at least this often. */
    public EsSinkBuilder bulkFlush(
            int maxActions, MemorySize maxSize, java.time.Duration interval) {
        this.buffer =
                new SinkBufferConfig(
                        maxActions,
                        maxSize.getBytes(),
                        interval,
                        buffer.maxRetries(),
                        buffer.retryBackoff());
        return this;
    }

    public EsSinkBuilder deliveryGuarantee(DeliveryGuarantee guarantee) {
        this.guarantee = guarantee;
        return this;
    }

    public EsSinkBuilder rateLimit(RateLimit rateLimit) {
        this.rateLimit = rateLimit;
        return this;
    }

    public EsSinkBuilder errorLimit(ErrorLimit errorLimit) {
        this.errorLimit = errorLimit;
        return this;
    }

    public EsSinkBuilder dirtyData(DirtyDataConfig dirtyData) {
        this.dirtyData = dirtyData;
        return this;
    }

    /** The name in messages, metrics and dirty-record files (the SQL connector's identifier). */
    public EsSinkBuilder connectorName(String connector) {
        this.connector = connector;
        return this;
    }

    /** Checks the settings: an invalid one throws {@link IllegalArgumentException} naming it. */
    public EsSink build() {
        if (connection == null) {
            throw new IllegalArgumentException("The connection (hosts) is required");
        }
        if (index == null || index.isBlank()) {
            throw new IllegalArgumentException("'index' is required");
        }
        if (rowType == null) {
            throw new IllegalArgumentException("The row type is required");
        }
        for (RowType.RowField field : rowType.getFields()) {
            LogicalType type = field.getType();
            if (!DocumentWriter.supports(type)) {
                throw new IllegalArgumentException(
                        "Column '"
                                + field.getName()
                                + "' has type "
                                + type.asSummaryString()
                                + ", which Elasticsearch documents cannot hold");
            }
        }
        if (guarantee == DeliveryGuarantee.EXACTLY_ONCE) {
            throw new IllegalArgumentException(
                    "'sink.delivery-guarantee' = 'exactly-once' is not possible: Elasticsearch "
                            + "has no transactions. Use 'at-least-once' with a PRIMARY KEY: a "
                            + "replay overwrites the same documents.");
        }
        IndexName.parse(index, rowType); // fails on a bad pattern
        DocumentIds.of(rowType, keys, keyDelimiter);
        return new EsSink(
                new EsSinkConfig(
                        connector,
                        connection,
                        index,
                        rowType,
                        keys,
                        keyDelimiter,
                        buffer,
                        guarantee,
                        rateLimit,
                        errorLimit,
                        dirtyData));
    }
}
