package org.flinkx.connector.common.options;

import java.io.Serializable;
import org.apache.flink.annotation.PublicEvolving;

/** Records and bytes per second allowed to one subtask; {@code 0} means unlimited. */
@PublicEvolving
public record RateLimit(double recordsPerSecond, long bytesPerSecond) implements Serializable {

    public static final RateLimit UNLIMITED = new RateLimit(0, 0);

    public boolean isUnlimited() {
        return recordsPerSecond <= 0 && bytesPerSecond <= 0;
    }
}
