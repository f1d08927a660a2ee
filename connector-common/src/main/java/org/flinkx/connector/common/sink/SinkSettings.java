package org.flinkx.connector.common.sink;

import java.io.Serializable;
import java.util.UUID;
import javax.annotation.Nullable;
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
 * @param errorCounts links the writers to the {@link ErrorCountOperator} in front of them, which
 *     counts their bad records over the whole job (see {@link #withJobWideErrorLimit()}); null when
 *     only each subtask counts its own
 */
@PublicEvolving
public record SinkSettings(
        String connector,
        SinkBufferConfig buffer,
        DeliveryGuarantee guarantee,
        RateLimit rateLimit,
        ErrorLimit errorLimit,
        DirtyDataConfig dirtyData,
        @Nullable String errorCounts)
        implements Serializable {

    /** Settings whose error limit each subtask checks alone. */
    public SinkSettings(
            String connector,
            SinkBufferConfig buffer,
            DeliveryGuarantee guarantee,
            RateLimit rateLimit,
            ErrorLimit errorLimit,
            DirtyDataConfig dirtyData) {
        this(connector, buffer, guarantee, rateLimit, errorLimit, dirtyData, null);
    }

    /**
     * These settings with the error limit checked over all subtasks of the sink: build them once,
     * where the sink is built (the link they carry must be the same in the sink's pre-write
     * topology, {@link ErrorCountOperator#addInFrontOfTheWriters}, and in every writer). The same
     * settings when counting over all subtasks cannot fail a job that no subtask fails alone.
     */
    public SinkSettings withJobWideErrorLimit() {
        if (!errorLimit.dependsOnAllSubtasks()) {
            return this;
        }
        return new SinkSettings(
                connector,
                buffer,
                guarantee,
                rateLimit,
                errorLimit,
                dirtyData,
                UUID.randomUUID().toString());
    }
}
