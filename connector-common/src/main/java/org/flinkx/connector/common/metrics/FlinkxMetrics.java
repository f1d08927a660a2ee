package org.flinkx.connector.common.metrics;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;

/**
 * FlinkX's own metrics, registered in the group {@code flinkx} beside Flink's standard connector
 * metrics: bytes read/written, dirty records (in all and by error kind), and the time the last
 * record was handled. Visible in the web UI and the REST API.
 */
@Internal
public final class FlinkxMetrics {

    public static final String GROUP = "flinkx";

    private final MetricGroup group;
    private final Counter bytes;
    private final Counter records;
    private final Counter dirty;
    private final Map<String, Counter> dirtyByKind = new HashMap<>();

    private FlinkxMetrics(MetricGroup parent, String direction) {
        this.group = parent.addGroup(GROUP);
        this.records = group.counter("numRecords" + direction);
        this.bytes = group.counter("numBytes" + direction);
        this.dirty = group.counter("numDirtyRecords");
    }

    public static FlinkxMetrics forSource(MetricGroup parent) {
        return new FlinkxMetrics(parent, "Read");
    }

    public static FlinkxMetrics forSink(MetricGroup parent) {
        return new FlinkxMetrics(parent, "Written");
    }

    /** For unit tests and tools that run without a metric group. */
    public static FlinkxMetrics unregistered() {
        return new FlinkxMetrics(
                new org.apache.flink.metrics.groups.UnregisteredMetricsGroup(), "");
    }

    public void records(long count, long byteCount) {
        records.inc(count);
        bytes.inc(byteCount);
    }

    public void dirtyRecord(String kind) {
        dirty.inc();
        dirtyByKind
                .computeIfAbsent(kind, k -> group.addGroup("dirty").counter(k, new SimpleCounter()))
                .inc();
    }

    public long dirtyRecords() {
        return dirty.getCount();
    }
}
