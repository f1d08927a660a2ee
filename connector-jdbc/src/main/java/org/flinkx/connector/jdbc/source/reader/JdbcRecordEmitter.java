package org.flinkx.connector.jdbc.source.reader;

import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.table.data.RowData;
import org.flinkx.connector.common.metrics.FlinkxMetrics;
import org.flinkx.connector.jdbc.source.split.JdbcSourceSplitState;

/** Emits a row and moves its split's offset past it, in one step on the task thread. */
final class JdbcRecordEmitter implements RecordEmitter<JdbcRecord, RowData, JdbcSourceSplitState> {

    private final Counter bytesIn;
    private final FlinkxMetrics metrics;

    JdbcRecordEmitter(Counter bytesIn, FlinkxMetrics metrics) {
        this.bytesIn = bytesIn;
        this.metrics = metrics;
    }

    @Override
    public void emitRecord(
            JdbcRecord record, SourceOutput<RowData> output, JdbcSourceSplitState state)
            throws java.io.IOException {
        if (record.deferred() != null) {
            record = record.deferred().complete();
        }
        if (record.row() != null) {
            output.collect(record.row());
            bytesIn.inc(record.size());
            metrics.records(1, record.size());
        }
        state.advance(record.offset());
    }
}
