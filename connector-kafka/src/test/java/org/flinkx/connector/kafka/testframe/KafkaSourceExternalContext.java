package org.flinkx.connector.kafka.testframe;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.testframe.external.ExternalContextFactory;
import org.apache.flink.connector.testframe.external.ExternalSystemSplitDataWriter;
import org.apache.flink.connector.testframe.external.source.DataStreamSourceExternalContext;
import org.apache.flink.connector.testframe.external.source.TestingSourceSettings;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.flinkx.connector.jdbc.testframe.TestRow;

/**
 * FlinkX's Kafka source in the connector testing framework: one topic per context, one framework
 * "split" per partition (the first writer creates the topic, each further one adds a partition),
 * JSON messages of the test table. {@code BOUNDED} stops at the latest offsets; {@code
 * CONTINUOUS_UNBOUNDED} runs on, discovering partitions added later every 100 ms.
 */
final class KafkaSourceExternalContext implements DataStreamSourceExternalContext<RowData> {

    private static final AtomicInteger TOPICS = new AtomicInteger();

    private final Supplier<String> servers;
    private final String topic = "tf_src_" + TOPICS.incrementAndGet();
    private final AtomicLong nextId = new AtomicLong(1);
    private final List<KafkaProducer<byte[], byte[]>> producers = new ArrayList<>();
    private int partitions;

    private KafkaSourceExternalContext(Supplier<String> servers) {
        this.servers = servers;
    }

    static ExternalContextFactory<KafkaSourceExternalContext> factory(Supplier<String> servers) {
        return testName -> new KafkaSourceExternalContext(servers);
    }

    @Override
    public Source<RowData, ?, ?> createSource(TestingSourceSettings settings) {
        Properties properties = new Properties();
        properties.setProperty("partition.discovery.interval.ms", "100");
        return TestRowJson.source(
                servers.get(), topic, settings.getBoundedness() == Boundedness.BOUNDED, properties);
    }

    @Override
    public ExternalSystemSplitDataWriter<RowData> createSourceSplitDataWriter(
            TestingSourceSettings settings) {
        int partition = partitions++;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", servers.get()))) {
            if (partition == 0) {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            } else {
                admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(partition + 1)))
                        .all()
                        .get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Creating partition " + partition + " failed", e);
        }
        Properties properties = new Properties();
        properties.setProperty("bootstrap.servers", servers.get());
        properties.setProperty("acks", "all");
        KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(
                        properties, new ByteArraySerializer(), new ByteArraySerializer());
        producers.add(producer);
        SerializationSchema<RowData> json = TestRowJson.serializer();
        return new ExternalSystemSplitDataWriter<>() {
            @Override
            public void writeRecords(List<RowData> records) {
                try {
                    for (RowData record : records) {
                        producer.send(
                                new ProducerRecord<>(
                                        topic, partition, null, json.serialize(record)));
                    }
                    producer.flush();
                } catch (RuntimeException e) {
                    throw new IllegalStateException(
                            "Writing into " + topic + "-" + partition + " failed", e);
                }
            }

            @Override
            public void close() {
                producer.close();
            }
        };
    }

    /** 10 to 40 rows with ids unique in this context, in the order they are written. */
    @Override
    public List<RowData> generateTestData(
            TestingSourceSettings settings, int splitIndex, long seed) {
        return new ArrayList<>(TestRow.randomRows(nextId, seed, 10, 40));
    }

    @Override
    public TypeInformation<RowData> getProducedType() {
        return InternalTypeInfo.of(TestRow.ROW_TYPE);
    }

    @Override
    public List<URL> getConnectorJarPaths() {
        return List.of(); // the MiniCluster runs on the test class path
    }

    @Override
    public void close() {
        producers.forEach(KafkaProducer::close);
        producers.clear();
    }

    @Override
    public String toString() {
        return "FlinkX Kafka source (topic " + topic + ")";
    }
}
