package org.flinkx.connector.es.source.reader;

import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.table.data.RowData;
import org.flinkx.connector.common.metrics.FlinkxMetrics;
import org.flinkx.connector.es.source.split.EsSplitState;

/** Emits a row and moves its split's position past it, in one step on the task thread. */
final class EsRecordEmitter implements RecordEmitter<EsRecord, RowData, EsSplitState> {

    private final Counter bytesIn;
    private final FlinkxMetrics metrics;

    EsRecordEmitter(Counter bytesIn, FlinkxMetrics metrics) {
        this.bytesIn = bytesIn;
        this.metrics = metrics;
    }

    @Override
    public void emitRecord(EsRecord record, SourceOutput<RowData> output, EsSplitState state) {
        if (record.row() != null) {
            output.collect(record.row());
            bytesIn.inc(record.size());
            metrics.records(1, record.size());
        }
        state.advance(record.sortValues(), record.pitId());
    }
}
