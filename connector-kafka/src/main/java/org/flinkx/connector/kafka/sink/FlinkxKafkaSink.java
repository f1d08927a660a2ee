package org.flinkx.connector.kafka.sink;

import java.io.IOException;
import java.util.Collection;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.kafka.sink.KafkaCommittable;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.KafkaWriterState;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.connector.sink2.SupportsPostCommitTopology;
import org.apache.flink.streaming.api.connector.sink2.SupportsPreWriteTopology;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.table.data.RowData;
import org.flinkx.connector.common.error.DirtyDataHandler;
import org.flinkx.connector.common.metrics.FlinkxMetrics;
import org.flinkx.connector.common.sink.ErrorCountOperator;
import org.flinkx.connector.common.sink.SinkSettings;
import org.flinkx.connector.kafka.client.KafkaServers;

/**
 * The official {@link KafkaSink} (its writers, transactions, committer and state unchanged) with
 * FlinkX's error handling around it: each writer hands its {@link RowSerializer} the dirty-data
 * path of its subtask, and reports the bad rows to the {@link ErrorCountOperator} in front of the
 * writers, which checks the error limit over all subtasks.
 *
 * <p>The serializer inside the Kafka sink and the one this holds are the same object (Java
 * serialization keeps shared references), so a writer attaches its dirty-data path before Kafka's
 * writer opens the serializer.
 */
@Internal
public final class FlinkxKafkaSink
        implements Sink<RowData>,
                SupportsWriterState<RowData, KafkaWriterState>,
                SupportsCommitter<KafkaCommittable>,
                SupportsPreWriteTopology<RowData>,
                SupportsPostCommitTopology<KafkaCommittable> {

    private static final long serialVersionUID = 1L;

    private final KafkaSink<RowData> kafka;
    private final RowSerializer serializer;
    private final SinkSettings settings;
    private final KafkaServers servers;

    /**
     * @param kafka a sink built with {@code serializer}
     * @param settings built with {@link SinkSettings#withJobWideErrorLimit()} once, here
     */
    public FlinkxKafkaSink(
            KafkaSink<RowData> kafka,
            RowSerializer serializer,
            SinkSettings settings,
            KafkaServers servers) {
        this.kafka = kafka;
        this.servers = servers;
        this.serializer = serializer;
        this.settings = settings;
    }

    @Override
    public DataStream<RowData> addPreWriteTopology(DataStream<RowData> input) {
        return ErrorCountOperator.addInFrontOfTheWriters(input, settings);
    }

    @Override
    public SinkWriter<RowData> createWriter(WriterInitContext context) throws IOException {
        DirtyDataHandler dirty = attach(context);
        return new CountingWriter(
                kafka.createWriter(context), dirty, ErrorCountOperator.takeFor(context, settings));
    }

    @Override
    public StatefulSinkWriter<RowData, KafkaWriterState> restoreWriter(
            WriterInitContext context, Collection<KafkaWriterState> states) throws IOException {
        DirtyDataHandler dirty = attach(context);
        return new CountingWriter(
                kafka.restoreWriter(context, states),
                dirty,
                ErrorCountOperator.takeFor(context, settings));
    }

    private DirtyDataHandler attach(WriterInitContext context) throws IOException {
        servers.requireReachable();
        FlinkxMetrics metrics = FlinkxMetrics.forSink(context.metricGroup());
        String owner =
                DirtyDataHandler.owner(
                        "sink",
                        settings.connector(),
                        context.metricGroup(),
                        context.getTaskInfo().getIndexOfThisSubtask());
        DirtyDataHandler dirty =
                new DirtyDataHandler(
                        settings.connector(),
                        settings.errorLimit(),
                        settings.dirtyData(),
                        owner,
                        metrics);
        serializer.attach(dirty, metrics);
        return dirty;
    }

    @Override
    public SimpleVersionedSerializer<KafkaWriterState> getWriterStateSerializer() {
        return kafka.getWriterStateSerializer();
    }

    @Override
    public Committer<KafkaCommittable> createCommitter(CommitterInitContext context) {
        return kafka.createCommitter(context);
    }

    @Override
    public SimpleVersionedSerializer<KafkaCommittable> getCommittableSerializer() {
        return kafka.getCommittableSerializer();
    }

    @Override
    public void addPostCommitTopology(
            DataStream<CommittableMessage<KafkaCommittable>> committables) {
        kafka.addPostCommitTopology(committables);
    }
}
