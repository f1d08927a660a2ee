package org.flinkx.connector.binlog.source.reader;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.flinkx.connector.common.metrics.FlinkxMetrics;

/**
 * The binlog source's own metrics in the group {@code flinkx}: changes by kind, fetch and emit lag
 * (now minus the change's commit time, when the engine handed it over and when the task emitted
 * it), and the current binlog position.
 */
final class BinlogMetrics {

    final Counter snapshotRecords;
    final Counter inserts;
    final Counter updates;
    final Counter deletes;
    volatile long fetchLag = -1;
    volatile long emitLag = -1;
    volatile String binlogFile = "";
    volatile long binlogPosition = -1;
    volatile String gtids = "";

    BinlogMetrics(MetricGroup parent) {
        MetricGroup group = parent.addGroup(FlinkxMetrics.GROUP);
        snapshotRecords = group.counter("numSnapshotRecords");
        inserts = group.counter("numInserts");
        updates = group.counter("numUpdates");
        deletes = group.counter("numDeletes");
        group.gauge("fetchLagMillis", (Gauge<Long>) () -> fetchLag);
        group.gauge("emitLagMillis", (Gauge<Long>) () -> emitLag);
        group.gauge("binlogFile", (Gauge<String>) () -> binlogFile);
        group.gauge("binlogPosition", (Gauge<Long>) () -> binlogPosition);
        group.gauge("gtids", (Gauge<String>) () -> gtids);
    }
}
