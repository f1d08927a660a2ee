package org.flinkx.connector.kafka.sink;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.connector.kafka.sink.KafkaCommittable;
import org.apache.flink.connector.kafka.sink.KafkaWriterState;
import org.apache.flink.connector.kafka.sink.TwoPhaseCommittingStatefulSink;
import org.apache.flink.table.data.RowData;
import org.flinkx.connector.common.error.DirtyDataHandler;
import org.flinkx.connector.common.sink.ErrorCountOperator;

/**
 * Kafka's writer, reporting its subtask's bad rows to the job-wide error count: after rows, before
 * every checkpoint, and at the end of the input (waiting for the coordinator, so a bounded job
 * cannot finish past the limit).
 */
final class CountingWriter
        implements StatefulSinkWriter<RowData, KafkaWriterState>,
                CommittingSinkWriter<RowData, KafkaCommittable> {

    private final TwoPhaseCommittingStatefulSink.PrecommittingStatefulSinkWriter<
                    RowData, KafkaWriterState, KafkaCommittable>
            kafka;
    private final DirtyDataHandler dirty;
    private final @Nullable ErrorCountOperator<?> jobCounts;

    CountingWriter(
            TwoPhaseCommittingStatefulSink.PrecommittingStatefulSinkWriter<
                            RowData, KafkaWriterState, KafkaCommittable>
                    kafka,
            DirtyDataHandler dirty,
            @Nullable ErrorCountOperator<?> jobCounts) {
        this.kafka = kafka;
        this.dirty = dirty;
        this.jobCounts = jobCounts;
    }

    @Override
    public void write(RowData element, Context context) throws IOException, InterruptedException {
        kafka.write(element, context);
        if (jobCounts != null) {
            jobCounts.counted(dirty.errors(), dirty.records());
        }
    }

    @Override
    public void writeWatermark(Watermark watermark) throws IOException, InterruptedException {
        kafka.writeWatermark(watermark);
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        kafka.flush(endOfInput);
        if (endOfInput && jobCounts != null) {
            jobCounts.last(dirty.errors(), dirty.records());
        }
    }

    @Override
    public Collection<KafkaCommittable> prepareCommit() throws IOException, InterruptedException {
        return kafka.prepareCommit();
    }

    @Override
    public List<KafkaWriterState> snapshotState(long checkpointId) throws IOException {
        if (jobCounts != null) {
            jobCounts.beforeCheckpoint(dirty.errors(), dirty.records());
        }
        return kafka.snapshotState(checkpointId);
    }

    @Override
    public void close() throws Exception {
        try {
            kafka.close();
        } finally {
            dirty.close();
        }
    }
}
