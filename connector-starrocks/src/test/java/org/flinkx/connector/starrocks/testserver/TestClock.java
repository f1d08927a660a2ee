package org.flinkx.connector.starrocks.testserver;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The test server's clock: it moves only when a test calls {@link #advance}, so transaction
 * timeouts and publishing are driven by the test and no test sleeps.
 */
public final class TestClock {

    private final AtomicLong nowMillis = new AtomicLong(1_700_000_000_000L);

    public long millis() {
        return nowMillis.get();
    }

    /** Moves the clock forward; expiry and publishing happen at the server's next look at it. */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("The clock only moves forward: " + duration);
        }
        nowMillis.addAndGet(duration.toMillis());
    }
}
