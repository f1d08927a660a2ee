package org.flinkx.connector.kafka.source;

import java.io.IOException;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.connector.kafka.source.enumerator.KafkaSourceEnumState;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplit;
import org.flinkx.connector.common.source.JobErrorLimit;

/** Kafka's enumerator, also keeping the job-wide error limit over the readers' reports. */
final class LimitingEnumerator
        implements SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> {

    private final SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> kafka;
    private final SplitEnumeratorContext<KafkaPartitionSplit> context;
    private final JobErrorLimit errorLimit;

    LimitingEnumerator(
            SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> kafka,
            SplitEnumeratorContext<KafkaPartitionSplit> context,
            JobErrorLimit errorLimit) {
        this.kafka = kafka;
        this.context = context;
        this.errorLimit = errorLimit;
    }

    @Override
    public void start() {
        kafka.start();
    }

    @Override
    public void handleSplitRequest(int subtaskId, @Nullable String requesterHostname) {
        kafka.handleSplitRequest(subtaskId, requesterHostname);
    }

    @Override
    public void addSplitsBack(List<KafkaPartitionSplit> splits, int subtaskId) {
        kafka.addSplitsBack(splits, subtaskId);
    }

    @Override
    public void addReader(int subtaskId) {
        errorLimit.readerStarted(subtaskId);
        kafka.addReader(subtaskId);
    }

    @Override
    public KafkaSourceEnumState snapshotState(long checkpointId) throws Exception {
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
    public void handleSourceEvent(int subtaskId, SourceEvent event) {
        if (!errorLimit.handle(context, subtaskId, event)) {
            kafka.handleSourceEvent(subtaskId, event);
        }
    }

    @Override
    public void close() throws IOException {
        kafka.close();
    }
}
