package org.flinkx.connector.common.sink;

import java.io.Serializable;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.flinkx.connector.common.options.DirtyDataConfig;
import org.flinkx.connector.common.options.ErrorLimit;
import org.flinkx.connector.common.options.RateLimit;
import org.flinkx.connector.common.options.SinkBufferConfig;

/**
 * The settings every FlinkX sink shares, from the shared sink options ({@code sink.buffer-flush.*},
 * {@code sink.max-retries}, {@code sink.retry.backoff}, {@code sink.delivery-guarantee}, {@code
 * sink.rate-limit.*}, {@code errors.*}, {@code dirty.*}).
 *
 * @param connector the connector's identifier, for messages, metrics and dirty-record files
 */
@PublicEvolving
public record SinkSettings(
        String connector,
        SinkBufferConfig buffer,
        DeliveryGuarantee guarantee,
        RateLimit rateLimit,
        ErrorLimit errorLimit,
        DirtyDataConfig dirtyData)
        implements Serializable {}
