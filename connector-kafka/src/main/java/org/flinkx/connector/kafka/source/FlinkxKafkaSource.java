package org.flinkx.connector.kafka.source;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.KafkaSourceEnumState;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplit;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.table.data.RowData;
import org.flinkx.connector.common.error.DirtyDataHandler;
import org.flinkx.connector.common.metrics.FlinkxMetrics;
import org.flinkx.connector.common.options.DirtyDataConfig;
import org.flinkx.connector.common.options.ErrorLimit;
import org.flinkx.connector.common.options.RateLimit;
import org.flinkx.connector.common.ratelimit.Throttle;
import org.flinkx.connector.common.source.FlinkxSourceReaderBase;
import org.flinkx.connector.common.source.JobErrorLimit;
import org.flinkx.connector.kafka.client.KafkaServers;

/**
 * The official {@link KafkaSource} with FlinkX's error handling around it: its readers and
 * enumerator are Kafka's own (splits, offsets, checkpoints and their serializers unchanged), each
 * reader's messages go through {@link RowDeserializer}, whose bad messages go to dirty storage, and
 * the enumerator also keeps the job-wide error limit ({@link JobErrorLimit}) over the counts the
 * readers report.
 *
 * <p>The deserializer inside the Kafka source and the one this holds are the same object (Java
 * serialization keeps shared references), so a reader hands it its dirty-data path and rate limit
 * before Kafka's reader opens it.
 */
@Internal
public final class FlinkxKafkaSource
        implements Source<RowData, KafkaPartitionSplit, KafkaSourceEnumState>,
                ResultTypeQueryable<RowData> {

    private static final long serialVersionUID = 1L;
    static final String CONNECTOR = "flinkx-kafka";

    private final KafkaSource<RowData> kafka;
    private final RowDeserializer deserializer;
    private final ErrorLimit errorLimit;
    private final DirtyDataConfig dirtyData;
    private final RateLimit rateLimit;
    private final KafkaServers servers;

    /**
     * @param kafka a source built with {@code deserializer}
     */
    public FlinkxKafkaSource(
            KafkaSource<RowData> kafka,
            RowDeserializer deserializer,
            ErrorLimit errorLimit,
            DirtyDataConfig dirtyData,
            RateLimit rateLimit,
            KafkaServers servers) {
        this.kafka = kafka;
        this.servers = servers;
        this.deserializer = deserializer;
        this.errorLimit = errorLimit;
        this.dirtyData = dirtyData;
        this.rateLimit = rateLimit;
    }

    @Override
    public Boundedness getBoundedness() {
        return kafka.getBoundedness();
    }

    @Override
    public SourceReader<RowData, KafkaPartitionSplit> createReader(SourceReaderContext context)
            throws Exception {
        FlinkxMetrics metrics = FlinkxMetrics.forSource(context.metricGroup());
        DirtyDataHandler dirty =
                FlinkxSourceReaderBase.dirtyDataHandler(
                        context, CONNECTOR, errorLimit, dirtyData, metrics);
        deserializer.attach(dirty, metrics, Throttle.of(rateLimit));
        return new CountingReader(kafka.createReader(context), context, dirty);
    }

    @Override
    public SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> createEnumerator(
            SplitEnumeratorContext<KafkaPartitionSplit> context) throws Exception {
        servers.requireReachable();
        return new LimitingEnumerator(
                kafka.createEnumerator(context), context, new JobErrorLimit(CONNECTOR, errorLimit));
    }

    @Override
    public SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> restoreEnumerator(
            SplitEnumeratorContext<KafkaPartitionSplit> context, KafkaSourceEnumState state)
            throws Exception {
        servers.requireReachable();
        return new LimitingEnumerator(
                kafka.restoreEnumerator(context, state),
                context,
                new JobErrorLimit(CONNECTOR, errorLimit));
    }

    @Override
    public SimpleVersionedSerializer<KafkaPartitionSplit> getSplitSerializer() {
        return kafka.getSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<KafkaSourceEnumState> getEnumeratorCheckpointSerializer() {
        return kafka.getEnumeratorCheckpointSerializer();
    }

    @Override
    public TypeInformation<RowData> getProducedType() {
        return kafka.getProducedType();
    }
}
