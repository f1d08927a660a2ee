package org.flinkx.connector.common.ratelimit;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.flink.annotation.Internal;
import org.flinkx.connector.common.options.RateLimit;

/**
 * Blocking rate limiter for records and bytes per second (FlinkX's speed control). Each dimension
 * is a smooth token bucket that allows a burst of at most one second of quota; the caller sleeps
 * until both buckets have room. One instance belongs to one subtask.
 */
@Internal
public final class Throttle {

    private static final long BURST_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** Sleeps for a number of nanoseconds. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final double nanosPerRecord;
    private final double nanosPerByte;
    private final LongSupplier clock;
    private final Sleeper sleeper;
    private double recordsFreeAt;
    private double bytesFreeAt;

    Throttle(RateLimit limit, LongSupplier clock, Sleeper sleeper) {
        this.nanosPerRecord = limit.recordsPerSecond() > 0 ? 1e9 / limit.recordsPerSecond() : 0;
        this.nanosPerByte = limit.bytesPerSecond() > 0 ? 1e9 / limit.bytesPerSecond() : 0;
        this.clock = clock;
        this.sleeper = sleeper;
        long now = clock.getAsLong();
        this.recordsFreeAt = now;
        this.bytesFreeAt = now;
    }

    /** Returns a throttle for the limit, or null when the limit is unlimited. */
    public static Throttle of(RateLimit limit) {
        return limit == null || limit.isUnlimited()
                ? null
                : new Throttle(limit, System::nanoTime, TimeUnit.NANOSECONDS::sleep);
    }

    /**
     * Takes quota for {@code records} records of {@code bytes} bytes, sleeping until it is there.
     */
    public void acquire(int records, long bytes) throws InterruptedException {
        long now = clock.getAsLong();
        long waitNanos = 0;
        if (nanosPerRecord > 0) {
            recordsFreeAt = Math.max(recordsFreeAt, now - BURST_NANOS) + records * nanosPerRecord;
            waitNanos = Math.max(waitNanos, (long) (recordsFreeAt - now));
        }
        if (nanosPerByte > 0) {
            bytesFreeAt = Math.max(bytesFreeAt, now - BURST_NANOS) + bytes * nanosPerByte;
            waitNanos = Math.max(waitNanos, (long) (bytesFreeAt - now));
        }
        if (waitNanos > 0) {
            sleeper.sleep(waitNanos);
        }
    }
}
