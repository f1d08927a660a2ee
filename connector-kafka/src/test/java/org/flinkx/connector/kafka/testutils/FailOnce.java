package org.flinkx.connector.kafka.testutils;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.table.functions.ScalarFunction;

/**
 * {@code FAIL_ONCE(id, at)}: returns {@code id}, but throws the first time it sees {@code at} in
 * this JVM (after {@link #arm}), so a job fails once mid-run and restarts from its checkpoint.
 */
public final class FailOnce extends ScalarFunction {

    private static final AtomicBoolean ARMED = new AtomicBoolean();

    public static void arm() {
        ARMED.set(true);
    }

    /** Whether the failure happened since the last {@link #arm}. */
    public static boolean fired() {
        return !ARMED.get();
    }

    public Long eval(Long id, Long at) {
        if (id != null && id.equals(at) && ARMED.compareAndSet(true, false)) {
            throw new IllegalStateException("Failure injected at row " + at);
        }
        return id;
    }
}
