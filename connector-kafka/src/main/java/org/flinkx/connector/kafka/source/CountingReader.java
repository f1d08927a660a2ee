package org.flinkx.connector.kafka.source;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplit;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.table.data.RowData;
import org.flinkx.connector.common.error.DirtyDataHandler;
import org.flinkx.connector.common.source.ErrorCountReporter;

/**
 * Kafka's reader, reporting the bad and processed messages of its deserializer to the enumerator
 * (at the end of a bounded input it waits for the enumerator's acknowledgement); everything else is
 * the Kafka reader's, offsets committed on checkpoints included.
 */
final class CountingReader implements SourceReader<RowData, KafkaPartitionSplit> {

    private final SourceReader<RowData, KafkaPartitionSplit> kafka;
    private final DirtyDataHandler dirty;
    private final ErrorCountReporter counts;

    CountingReader(
            SourceReader<RowData, KafkaPartitionSplit> kafka,
            SourceReaderContext context,
            DirtyDataHandler dirty) {
        this.kafka = kafka;
        this.dirty = dirty;
        this.counts = new ErrorCountReporter(context, dirty);
    }

    @Override
    public void start() {
        kafka.start();
    }

    @Override
    public InputStatus pollNext(ReaderOutput<RowData> output) throws Exception {
        InputStatus ended = counts.beforePoll();
        return ended != null ? ended : counts.afterPoll(kafka.pollNext(output));
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        CompletableFuture<Void> acknowledged = counts.lastReportAcknowledged();
        return acknowledged != null ? acknowledged : kafka.isAvailable();
    }

    @Override
    public List<KafkaPartitionSplit> snapshotState(long checkpointId) {
        return kafka.snapshotState(checkpointId);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        kafka.notifyCheckpointComplete(checkpointId);
    }

    @Override
    public void notifyCheckpointAborted(long checkpointId) throws Exception {
        kafka.notifyCheckpointAborted(checkpointId);
    }

    @Override
    public void addSplits(List<KafkaPartitionSplit> splits) {
        kafka.addSplits(splits);
    }

    @Override
    public void notifyNoMoreSplits() {
        kafka.notifyNoMoreSplits();
    }

    @Override
    public void handleSourceEvents(SourceEvent event) {
        if (!counts.handle(event)) {
            kafka.handleSourceEvents(event);
        }
    }

    @Override
    public void pauseOrResumeSplits(
            java.util.Collection<String> splitsToPause, java.util.Collection<String> toResume) {
        kafka.pauseOrResumeSplits(splitsToPause, toResume);
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
