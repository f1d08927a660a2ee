package org.flinkx.connector.starrocks.sink;

import java.io.Serializable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.annotation.Nullable;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.table.types.logical.RowType;
import org.flinkx.connector.common.options.DirtyDataConfig;
import org.flinkx.connector.common.options.ErrorLimit;
import org.flinkx.connector.common.options.RateLimit;
import org.flinkx.connector.common.options.SinkBufferConfig;
import org.flinkx.connector.starrocks.config.StarRocksConnection;
import org.flinkx.connector.starrocks.load.LoadFormat;
import org.flinkx.connector.starrocks.load.RowEncoder;

/**
 * Everything a StarRocks sink needs, validated by {@link StarRocksSinkBuilder}.
 *
 * @param keys the primary key's columns: with a key, rows are changes (upserts and deletes through
 *     {@code __op}), without one appends
 * @param properties the Stream Load properties ({@code sink.properties.*}), sent as headers
 * @param checkpointInterval the job's checkpoint interval, from which the transaction timeouts of
 *     exactly-once are derived; null when unknown
 */
@PublicEvolving
public record StarRocksSinkConfig(
        String connector,
        StarRocksConnection connection,
        String database,
        String table,
        RowType rowType,
        List<String> keys,
        DeliveryGuarantee guarantee,
        String labelPrefix,
        Map<String, String> properties,
        SinkBufferConfig buffer,
        RateLimit rateLimit,
        ErrorLimit errorLimit,
        DirtyDataConfig dirtyData,
        @Nullable Duration checkpointInterval)
        implements Serializable {

    /** The shortest transaction timeouts, however short the checkpoint interval. */
    static final Duration MIN_TRANSACTION_TIMEOUT = Duration.ofMinutes(10);

    static final Duration MIN_PREPARED_TIMEOUT = Duration.ofHours(1);

    public StarRocksSinkConfig {
        keys = List.copyOf(keys);
        properties = Map.copyOf(properties);
    }

    public LoadFormat format() {
        return LoadFormat.of(properties);
    }

    public boolean changelog() {
        return !keys.isEmpty();
    }

    public boolean exactlyOnce() {
        return guarantee == DeliveryGuarantee.EXACTLY_ONCE;
    }

    /** {@code db.table at [fe1:8030, ...]}, for messages. */
    public String describe() {
        return database + "." + table + " at " + connection.feAddresses();
    }

    /**
     * The headers of every load: the user's properties, the {@code columns} in declared order (with
     * {@code __op} for changes) unless given, JSON's {@code strip_outer_array}, and {@code
     * max_filter_ratio} 1 unless given: the rows StarRocks filters come back as the load's ErrorURL
     * and FlinkX's error limit ({@code errors.*}) decides.
     */
    public Map<String, String> loadHeaders() {
        Map<String, String> headers = new LinkedHashMap<>(properties);
        if (!headers.containsKey("columns")) {
            String columns =
                    rowType.getFieldNames().stream()
                            .map(name -> "`" + name.replace("`", "``") + "`")
                            .collect(Collectors.joining(","));
            headers.put("columns", changelog() ? columns + "," + RowEncoder.OP_COLUMN : columns);
        }
        if (format().json()) {
            headers.put(LoadFormat.STRIP_OUTER_ARRAY, "true");
        }
        headers.putIfAbsent("max_filter_ratio", "1");
        return headers;
    }

    /**
     * The timeouts of an exactly-once transaction, sent with {@code begin} unless given as
     * properties: {@code timeout} and {@code idle_transaction_timeout} three checkpoint intervals,
     * at least 10 min (a transaction stays open from its first batch until the next checkpoint,
     * possibly idle all the while).
     */
    public Map<String, String> beginHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        long timeout = seconds(3, MIN_TRANSACTION_TIMEOUT);
        headers.put("timeout", properties.getOrDefault("timeout", Long.toString(timeout)));
        headers.put(
                "idle_transaction_timeout",
                properties.getOrDefault("idle_transaction_timeout", Long.toString(timeout)));
        return headers;
    }

    /**
     * {@code prepared_timeout}, sent with {@code prepare} unless given: ten checkpoint intervals,
     * at least 1 h, the time a restarted job has to commit what its last checkpoint prepared.
     */
    public Map<String, String> prepareHeaders() {
        return Map.of(
                "prepared_timeout",
                properties.getOrDefault(
                        "prepared_timeout", Long.toString(seconds(10, MIN_PREPARED_TIMEOUT))));
    }

    private long seconds(int intervals, Duration minimum) {
        Duration derived =
                checkpointInterval == null
                        ? Duration.ZERO
                        : checkpointInterval.multipliedBy(intervals);
        return Math.max(derived.toSeconds(), minimum.toSeconds());
    }
}
