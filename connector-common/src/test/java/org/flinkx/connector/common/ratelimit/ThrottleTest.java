package org.flinkx.connector.common.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.flinkx.connector.common.options.RateLimit;
import org.junit.jupiter.api.Test;

/** The throttle's arithmetic on a simulated clock: what it asks to sleep, never wall time. */
class ThrottleTest {

    /** A clock that only moves when the throttle sleeps (or the test advances it). */
    private static final class SimulatedTime {
        long now = TimeUnit.HOURS.toNanos(1);
        long slept;

        void sleep(long nanos) {
            now += nanos;
            slept += nanos;
        }
    }

    @Test
    void recordsPerSecondSpreadsRecordsOverTime() throws Exception {
        SimulatedTime time = new SimulatedTime();
        Throttle throttle = new Throttle(new RateLimit(100, 0), () -> time.now, time::sleep);
        for (int i = 0; i < 1000; i++) {
            throttle.acquire(1, 0);
        }
        // 1000 records at 100/s take 10 s; the first second's quota may be used at once.
        assertThat(time.slept).isBetween(TimeUnit.SECONDS.toNanos(9), TimeUnit.SECONDS.toNanos(10));
    }

    @Test
    void theSlowerOfRecordsAndBytesWins() throws Exception {
        SimulatedTime time = new SimulatedTime();
        Throttle throttle = new Throttle(new RateLimit(1000, 1000), () -> time.now, time::sleep);
        for (int i = 0; i < 100; i++) {
            throttle.acquire(1, 100); // 100 records but 10,000 bytes: 10 s by bytes
        }
        assertThat(time.slept).isBetween(TimeUnit.SECONDS.toNanos(9), TimeUnit.SECONDS.toNanos(10));
    }

    @Test
    void idleTimeIsNotSavedUpBeyondOneSecondOfBurst() throws Exception {
        SimulatedTime time = new SimulatedTime();
        Throttle throttle = new Throttle(new RateLimit(10, 0), () -> time.now, time::sleep);
        time.now += TimeUnit.MINUTES.toNanos(5); // a long pause
        for (int i = 0; i < 30; i++) {
            throttle.acquire(1, 0);
        }
        // 30 records at 10/s: at most 1 s of them come from the burst, so at least 2 s of sleep.
        assertThat(time.slept)
                .isBetween(TimeUnit.SECONDS.toNanos(2) - 1, TimeUnit.SECONDS.toNanos(3));
    }

    @Test
    void unlimitedNeedsNoThrottle() {
        assertThat(Throttle.of(RateLimit.UNLIMITED)).isNull();
        assertThat(Throttle.of(new RateLimit(5, 0))).isNotNull();
    }
}
