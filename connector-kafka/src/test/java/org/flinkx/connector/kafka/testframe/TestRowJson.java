package org.flinkx.connector.kafka.testframe;

import java.io.IOException;
import java.util.List;
import java.util.Properties;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.KafkaSinkBuilder;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.formats.common.TimestampFormat;
import org.apache.flink.formats.json.JsonFormatOptions;
import org.apache.flink.formats.json.JsonRowDataDeserializationSchema;
import org.apache.flink.formats.json.JsonRowDataSerializationSchema;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.util.SimpleUserCodeClassLoader;
import org.flinkx.connector.common.dirty.RowText;
import org.flinkx.connector.common.options.CommonOptions;
import org.flinkx.connector.common.sink.SinkSettings;
import org.flinkx.connector.jdbc.testframe.TestRow;
import org.flinkx.connector.kafka.client.KafkaServers;
import org.flinkx.connector.kafka.sink.FlinkxKafkaSink;
import org.flinkx.connector.kafka.sink.RowSerializer;
import org.flinkx.connector.kafka.source.FlinkxKafkaSource;
import org.flinkx.connector.kafka.source.ReadableMetadata;
import org.flinkx.connector.kafka.source.RowDeserializer;

/**
 * The test table's rows ({@link TestRow}) as JSON messages, with Flink's JSON format, and a FlinkX
 * Kafka source of them built the way the table source builds one.
 */
public final class TestRowJson {

    private TestRowJson() {}

    public static SerializationSchema<RowData> serializer() {
        JsonRowDataSerializationSchema json =
                new JsonRowDataSerializationSchema(
                        TestRow.ROW_TYPE,
                        TimestampFormat.SQL,
                        JsonFormatOptions.MapNullKeyMode.FAIL,
                        "null",
                        true,
                        false);
        open(json);
        return json;
    }

    static DeserializationSchema<RowData> deserializer() {
        return new JsonRowDataDeserializationSchema(
                TestRow.ROW_TYPE,
                InternalTypeInfo.of(TestRow.ROW_TYPE),
                false,
                false,
                TimestampFormat.SQL);
    }

    /** A deserializer opened for use outside a job (reading a topic back in a test). */
    public static DeserializationSchema<RowData> openDeserializer() {
        DeserializationSchema<RowData> json = deserializer();
        try {
            json.open(new OutsideAJob());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return json;
    }

    private static void open(SerializationSchema<RowData> json) {
        try {
            json.open(new OutsideAJob());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a format's {@code open} needs, outside a job: no metrics, this class loader. */
    private static final class OutsideAJob
            implements SerializationSchema.InitializationContext,
                    DeserializationSchema.InitializationContext {

        @Override
        public org.apache.flink.metrics.MetricGroup getMetricGroup() {
            return new UnregisteredMetricsGroup();
        }

        @Override
        public org.apache.flink.util.UserCodeClassLoader getUserCodeClassLoader() {
            return SimpleUserCodeClassLoader.create(TestRowJson.class.getClassLoader());
        }
    }

    public static TestRow read(DeserializationSchema<RowData> json, byte[] message) {
        try {
            return TestRow.from(json.deserialize(message));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * FlinkX's Kafka sink of the test table, built the way the table sink builds one: JSON values,
     * no key, no metadata columns; exactly-once with the topic as the transactional-id prefix.
     */
    public static FlinkxKafkaSink sink(String servers, String topic, DeliveryGuarantee guarantee) {
        List<LogicalType> types = TestRow.ROW_TYPE.getChildren();
        RowData.FieldGetter[] getters = new RowData.FieldGetter[types.size()];
        for (int i = 0; i < getters.length; i++) {
            getters[i] = RowData.createFieldGetter(types.get(i), i);
        }
        Configuration none = new Configuration();
        RowSerializer serializer =
                new RowSerializer(
                        List.of(topic),
                        null,
                        null,
                        null,
                        new RowData.FieldGetter[0],
                        serializer(),
                        getters,
                        new RowSerializer.MetadataPositions(-1, -1, -1),
                        false,
                        CommonOptions.sinkRateLimit(none),
                        RowText.of(TestRow.ROW_TYPE));
        Properties properties = new Properties();
        properties.setProperty("bootstrap.servers", servers);
        properties.setProperty("transaction.timeout.ms", "900000");
        KafkaSinkBuilder<RowData> builder =
                KafkaSink.<RowData>builder()
                        .setBootstrapServers(servers)
                        .setKafkaProducerConfig(properties)
                        .setDeliveryGuarantee(guarantee)
                        .setRecordSerializer(serializer);
        if (guarantee == DeliveryGuarantee.EXACTLY_ONCE) {
            builder.setTransactionalIdPrefix(topic);
        }
        SinkSettings settings =
                new SinkSettings(
                        "flinkx-kafka",
                        CommonOptions.sinkBuffer(none),
                        guarantee,
                        CommonOptions.sinkRateLimit(none),
                        CommonOptions.errorLimit(none),
                        CommonOptions.dirtyData(none));
        return new FlinkxKafkaSink(
                builder.build(),
                serializer,
                settings.withJobWideErrorLimit(),
                KafkaServers.of(properties));
    }

    /** FlinkX's Kafka source of the test table: JSON values, no key, no metadata columns. */
    static FlinkxKafkaSource source(
            String servers, String topic, boolean bounded, Properties properties) {
        java.util.List<LogicalType> types = TestRow.ROW_TYPE.getChildren();
        RowData.FieldGetter[] getters = new RowData.FieldGetter[types.size()];
        int[] positions = new int[types.size()];
        for (int i = 0; i < getters.length; i++) {
            getters[i] = RowData.createFieldGetter(types.get(i), i);
            positions[i] = i;
        }
        RowDeserializer deserializer =
                new RowDeserializer(
                        null,
                        new RowData.FieldGetter[0],
                        new int[0],
                        deserializer(),
                        getters,
                        positions,
                        types.size(),
                        new ReadableMetadata[0],
                        false,
                        InternalTypeInfo.of(TestRow.ROW_TYPE));
        Properties all = new Properties();
        all.putAll(properties);
        all.setProperty("bootstrap.servers", servers);
        var builder =
                KafkaSource.<RowData>builder()
                        .setProperties(all)
                        .setTopics(topic)
                        .setStartingOffsets(OffsetsInitializer.earliest())
                        .setDeserializer(deserializer);
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        Configuration none = new Configuration();
        return new FlinkxKafkaSource(
                builder.build(),
                deserializer,
                CommonOptions.errorLimit(none),
                CommonOptions.dirtyData(none),
                CommonOptions.scanRateLimit(none),
                KafkaServers.of(all));
    }
}
