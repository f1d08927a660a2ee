package org.flinkx.connector.kafka.testframe;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.testframe.external.ExternalContextFactory;
import org.apache.flink.connector.testframe.external.ExternalSystemDataReader;
import org.apache.flink.connector.testframe.external.sink.DataStreamSinkV2ExternalContext;
import org.apache.flink.connector.testframe.external.sink.TestingSinkSettings;
import org.apache.flink.streaming.api.CheckpointingMode;
import org.apache.flink.table.data.RowData;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.flinkx.connector.jdbc.testframe.NewRowsReader;
import org.flinkx.connector.jdbc.testframe.TestRow;
import org.flinkx.connector.kafka.testutils.KafkaTestBroker;

/**
 * FlinkX's Kafka sink in the connector testing framework: one topic of two partitions per context,
 * JSON messages of the test table, read back with {@code read_committed}. {@code EXACTLY_ONCE}
 * writes in Kafka transactions (a message written twice would show), {@code AT_LEAST_ONCE} flushes
 * on checkpoints.
 */
final class KafkaSinkExternalContext implements DataStreamSinkV2ExternalContext<TestRow> {

    private static final AtomicInteger TOPICS = new AtomicInteger();

    private final KafkaTestBroker kafka;
    private final String topic = "tf_sink_" + TOPICS.incrementAndGet();
    private final AtomicLong nextId = new AtomicLong(1);
    private boolean created;

    private KafkaSinkExternalContext(KafkaTestBroker kafka) {
        this.kafka = kafka;
    }

    static ExternalContextFactory<KafkaSinkExternalContext> factory(KafkaTestBroker kafka) {
        return testName -> new KafkaSinkExternalContext(kafka);
    }

    private void topic() {
        if (!created) {
            try (Admin admin =
                    Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            created = true;
        }
    }

    @SuppressWarnings("deprecation") // the framework's settings still use the old enum
    private static DeliveryGuarantee guarantee(TestingSinkSettings settings) {
        CheckpointingMode mode = settings.getCheckpointingMode();
        return mode == CheckpointingMode.EXACTLY_ONCE
                ? DeliveryGuarantee.EXACTLY_ONCE
                : DeliveryGuarantee.AT_LEAST_ONCE;
    }

    @Override
    public Sink<TestRow> createSink(TestingSinkSettings settings) {
        topic();
        return asTestRowSink(
                TestRowJson.sink(kafka.bootstrapServers(), topic, guarantee(settings)));
    }

    /**
     * A {@code Sink<RowData>} accepts every {@code TestRow}, which is a {@code RowData}; Java's
     * generics are invariant, so the cast is unchecked but safe (the sink only consumes records).
     */
    @SuppressWarnings("unchecked")
    private static Sink<TestRow> asTestRowSink(Sink<RowData> sink) {
        return (Sink<TestRow>) (Sink<?>) sink;
    }

    @Override
    public ExternalSystemDataReader<TestRow> createSinkDataReader(TestingSinkSettings settings) {
        topic();
        DeserializationSchema<RowData> json = TestRowJson.openDeserializer();
        return new NewRowsReader() {
            @Override
            protected List<TestRow> visibleRows() {
                List<TestRow> rows = new ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> record :
                        kafka.readAll(topic, "read_committed")) {
                    rows.add(TestRowJson.read(json, record.value()));
                }
                return rows;
            }
        };
    }

    /** 20 to 60 rows with ids unique in this context. */
    @Override
    public List<TestRow> generateTestData(TestingSinkSettings settings, long seed) {
        return TestRow.randomRows(nextId, seed, 20, 60);
    }

    @Override
    public TypeInformation<TestRow> getProducedType() {
        return TestRow.TYPE_INFO;
    }

    @Override
    public List<URL> getConnectorJarPaths() {
        return List.of(); // the MiniCluster runs on the test class path
    }

    @Override
    public void close() {}

    @Override
    public String toString() {
        return "FlinkX Kafka sink (topic " + topic + ")";
    }
}
