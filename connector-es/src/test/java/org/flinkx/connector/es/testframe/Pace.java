package org.flinkx.connector.es.testframe;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.table.data.RowData;

/**
 * Slows a job down while its test needs it in the middle of a bounded read (to take a savepoint or
 * kill a TaskManager there): chained behind the source, it holds each record {@value #PAUSE_MS} ms
 * while its switch is on, and passes records straight through once the test released it. The switch
 * lives in this JVM, which runs the MiniCluster's tasks, so restarted tasks see it too. Holding a
 * record does not hold checkpoints back: the task takes them between records.
 */
final class Pace implements MapFunction<RowData, RowData> {

    private static final long serialVersionUID = 1L;

    static final long PAUSE_MS = 150;

    private static final Map<String, Boolean> SLOW = new ConcurrentHashMap<>();
    private static final Map<String, AtomicLong> PASSED_AFTER_RELEASE = new ConcurrentHashMap<>();

    private final String id;

    Pace(String id) {
        this.id = id;
    }

    /** A new switch, on. */
    static String slow() {
        String id = UUID.randomUUID().toString();
        SLOW.put(id, true);
        PASSED_AFTER_RELEASE.put(id, new AtomicLong());
        return id;
    }

    /** Turns the switch off: records pass at full speed from now on. */
    static void release(String id) {
        SLOW.remove(id);
    }

    /** The records passed since {@link #release}. */
    static long passedAfterRelease(String id) {
        AtomicLong passed = PASSED_AFTER_RELEASE.get(id);
        return passed == null ? 0 : passed.get();
    }

    /** Forgets the switch and its count. */
    static void forget(String id) {
        SLOW.remove(id);
        PASSED_AFTER_RELEASE.remove(id);
    }

    @Override
    public RowData map(RowData row) throws InterruptedException {
        if (SLOW.containsKey(id)) {
            Thread.sleep(PAUSE_MS);
        } else {
            AtomicLong passed = PASSED_AFTER_RELEASE.get(id);
            if (passed != null) {
                passed.incrementAndGet();
            }
        }
        return row;
    }
}
