package org.flinkx.connector.hdfs.source.reader;

import org.flinkx.connector.common.metrics.FlinkxMetrics;
import org.flinkx.connector.common.metrics.RowSizes;
import org.flinkx.connector.common.ratelimit.Throttle;

import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.RecordAndPosition;
import org.apache.flink.table.data.RowData;

import javax.annotation.Nullable;

/**
 * Emits a row, moves its split's position past it, counts it and applies the rate limit. A row's
 * size is the bytes of its line where the reader reports line offsets, an estimate otherwise.
 */
final class HdfsRecordEmitter implements RecordEmitter<RecordAndPosition<RowData>, RowData, HdfsSplitState> {

    private final FlinkxMetrics metrics;
    @Nullable private final Throttle throttle;

    HdfsRecordEmitter(FlinkxMetrics metrics, @Nullable Throttle throttle) {
        this.metrics = metrics;
        this.throttle = throttle;
    }

    @Override
    public void emitRecord(
            RecordAndPosition<RowData> element, SourceOutput<RowData> output, HdfsSplitState state)
            throws Exception {
        RowData row = element.getRecord();
        long previous = state.offset();
        long offset = element.getOffset();
        long bytes = element.getRecordSkipCount() == 0
                        && offset != CheckpointedPosition.NO_OFFSET
                        && previous != CheckpointedPosition.NO_OFFSET
                        && offset > previous
                ? offset - previous
                : RowSizes.estimate(row);
        if (throttle != null) {
            throttle.acquire(1, bytes);
        }
        output.collect(row);
        state.moveTo(offset, element.getRecordSkipCount());
        metrics.records(1, bytes);
    }
}
