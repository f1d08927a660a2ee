package org.flinkx.connector.hdfs.source.reader;

import javax.annotation.Nullable;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.connector.file.src.util.RecordAndPosition;
import org.apache.flink.metrics.Counter;
import org.apache.flink.table.data.RowData;
import org.flinkx.connector.common.metrics.FlinkxMetrics;
import org.flinkx.connector.common.metrics.RowSizes;
import org.flinkx.connector.common.ratelimit.Throttle;

/**
 * Emits a row, moves its split's position past it, counts it and applies the rate limit. A row's
 * size is the bytes of its line for line formats, an estimate from its values otherwise.
 */
final class HdfsRecordEmitter implements RecordEmitter<HdfsRecord, RowData, HdfsSplitState> {

    private final Counter bytesIn;
    private final FlinkxMetrics metrics;
    @Nullable private final Throttle throttle;

    HdfsRecordEmitter(Counter bytesIn, FlinkxMetrics metrics, @Nullable Throttle throttle) {
        this.bytesIn = bytesIn;
        this.metrics = metrics;
        this.throttle = throttle;
    }

    @Override
    public void emitRecord(HdfsRecord record, SourceOutput<RowData> output, HdfsSplitState state)
            throws Exception {
        RecordAndPosition<RowData> element = record.position;
        RowData row = element.getRecord();
        long bytes = record.bytes >= 0 ? record.bytes : RowSizes.estimate(row);
        if (throttle != null) {
            throttle.acquire(1, bytes);
        }
        output.collect(row);
        state.moveTo(element.getOffset(), element.getRecordSkipCount());
        bytesIn.inc(bytes);
        metrics.records(1, bytes);
    }
}
