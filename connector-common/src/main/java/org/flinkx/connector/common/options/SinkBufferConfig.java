package org.flinkx.connector.common.options;

import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.annotation.PublicEvolving;

/** When a buffering sink flushes, and how it retries transient failures. */
@PublicEvolving
public record SinkBufferConfig(
        int maxRows, long maxBytes, Duration interval, int maxRetries, Duration retryBackoff)
        implements Serializable {

    public static final SinkBufferConfig DEFAULT =
            new SinkBufferConfig(5000, 16L << 20, Duration.ofSeconds(1), 3, Duration.ofSeconds(1));
}
