package org.flinkx.connector.starrocks.sink;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.annotation.Nullable;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.table.types.logical.RowType;
import org.flinkx.connector.common.options.DirtyDataConfig;
import org.flinkx.connector.common.options.ErrorLimit;
import org.flinkx.connector.common.options.RateLimit;
import org.flinkx.connector.common.options.SinkBufferConfig;
import org.flinkx.connector.common.sink.RowKeys;
import org.flinkx.connector.starrocks.config.StarRocksConnection;
import org.flinkx.connector.starrocks.config.StarRocksOptions;
import org.flinkx.connector.starrocks.load.LoadFormat;
import org.flinkx.connector.starrocks.load.RowEncoder;

/**
 * Builds a {@link StarRocksSink} for the DataStream API:
 *
 * <pre>{@code
 * StarRocksSink sink = StarRocksSink.builder()
 *         .loadUrl("fe1:8030;fe2:8030")
 *         .database("shop").table("orders")
 *         .username("loader").password(secret)
 *         .rowType(rowType).keys(List.of("id"))
 *         .deliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
 *         .checkpointInterval(Duration.ofSeconds(30))
 *         .build();
 * }</pre>
 */
@PublicEvolving
public final class StarRocksSinkBuilder {

    /** The buffer defaults of the {@code flinkx-starrocks} options. */
    public static final SinkBufferConfig DEFAULT_BUFFER =
            new SinkBufferConfig(
                    StarRocksOptions.BUFFER_MAX_ROWS.defaultValue(),
                    StarRocksOptions.BUFFER_MAX_BYTES.defaultValue().getBytes(),
                    StarRocksOptions.BUFFER_INTERVAL.defaultValue(),
                    3,
                    Duration.ofSeconds(1));

    private List<String> feAddresses;
    private String database;
    private String table;
    private String username;
    private String password = "";
    private Duration connectTimeout = StarRocksOptions.CONNECT_TIMEOUT.defaultValue();
    private Duration socketTimeout = StarRocksOptions.SOCKET_TIMEOUT.defaultValue();
    private RowType rowType;
    private List<String> keys = List.of();
    private DeliveryGuarantee guarantee = DeliveryGuarantee.AT_LEAST_ONCE;
    private String labelPrefix = StarRocksOptions.LABEL_PREFIX.defaultValue();
    private final Map<String, String> properties = new LinkedHashMap<>();
    private SinkBufferConfig buffer = DEFAULT_BUFFER;
    private RateLimit rateLimit = RateLimit.UNLIMITED;
    private ErrorLimit errorLimit = ErrorLimit.FAIL_ON_FIRST;
    private DirtyDataConfig dirtyData = DirtyDataConfig.LOG;
    @Nullable private Duration checkpointInterval;
    private String connector = "flinkx-starrocks";

    StarRocksSinkBuilder() {}

    /** The FEs' HTTP addresses, {@code host:http_port}, separated by ';'. */
    public StarRocksSinkBuilder loadUrl(String loadUrl) {
        this.feAddresses = StarRocksConnection.parseLoadUrl(loadUrl);
        return this;
    }

    public StarRocksSinkBuilder database(String database) {
        this.database = database;
        return this;
    }

    public StarRocksSinkBuilder table(String table) {
        this.table = table;
        return this;
    }

    public StarRocksSinkBuilder username(String username) {
        this.username = username;
        return this;
    }

    public StarRocksSinkBuilder password(String password) {
        this.password = password;
        return this;
    }

    public StarRocksSinkBuilder timeouts(Duration connect, Duration socket) {
        this.connectTimeout = connect;
        this.socketTimeout = socket;
        return this;
    }

    /** The columns of the rows, in the order they are loaded (a subset of the table's). */
    public StarRocksSinkBuilder rowType(RowType rowType) {
        this.rowType = rowType;
        return this;
    }

    /** The primary key: rows become upserts and deletes ({@code __op}) of a primary-key table. */
    public StarRocksSinkBuilder keys(List<String> keys) {
        this.keys = List.copyOf(keys);
        return this;
    }

    public StarRocksSinkBuilder deliveryGuarantee(DeliveryGuarantee guarantee) {
        this.guarantee = guarantee;
        return this;
    }

    public StarRocksSinkBuilder labelPrefix(String labelPrefix) {
        this.labelPrefix = labelPrefix;
        return this;
    }

    /** A Stream Load property, sent as a header: {@code format}, {@code partial_update}, ... */
    public StarRocksSinkBuilder property(String key, String value) {
        this.properties.put(key, value);
        return this;
    }

    public StarRocksSinkBuilder buffer(SinkBufferConfig buffer) {
        this.buffer = buffer;
        return this;
    }

    public StarRocksSinkBuilder rateLimit(RateLimit rateLimit) {
        this.rateLimit = rateLimit;
        return this;
    }

    public StarRocksSinkBuilder errorLimit(ErrorLimit errorLimit) {
        this.errorLimit = errorLimit;
        return this;
    }

    public StarRocksSinkBuilder dirtyData(DirtyDataConfig dirtyData) {
        this.dirtyData = dirtyData;
        return this;
    }

    /** The job's checkpoint interval: exactly-once derives its transaction timeouts from it. */
    public StarRocksSinkBuilder checkpointInterval(@Nullable Duration checkpointInterval) {
        this.checkpointInterval = checkpointInterval;
        return this;
    }

    public StarRocksSinkBuilder connectorName(String connector) {
        this.connector = connector;
        return this;
    }

    /** Throws IllegalArgumentException naming what is missing or wrong. */
    public StarRocksSink build() {
        Objects.requireNonNull(feAddresses, "loadUrl (the FEs' host:http_port) is required");
        Objects.requireNonNull(database, "database is required");
        Objects.requireNonNull(table, "table is required");
        Objects.requireNonNull(username, "username is required");
        Objects.requireNonNull(rowType, "rowType is required");
        StarRocksConnection connection =
                new StarRocksConnection(
                        feAddresses, username, password, connectTimeout, socketTimeout);
        RowKeys.of(rowType, keys); // fails naming a key column that is not a column
        RowEncoder.checkSupported(rowType);
        LoadFormat.of(properties);
        if (!Labels.isValidPrefix(labelPrefix)) {
            throw new IllegalArgumentException(
                    "'"
                            + StarRocksOptions.LABEL_PREFIX.key()
                            + "' = '"
                            + labelPrefix
                            + "': use 1 to 64 letters, digits, '_' and '-'.");
        }
        return new StarRocksSink(
                new StarRocksSinkConfig(
                        connector,
                        connection,
                        database,
                        table,
                        rowType,
                        keys,
                        guarantee,
                        labelPrefix,
                        properties,
                        buffer,
                        rateLimit,
                        errorLimit,
                        dirtyData,
                        checkpointInterval));
    }
}
