package org.flinkx.connector.kafka.table;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaPartitioner;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.KafkaSinkBuilder;
import org.apache.flink.connector.kafka.sink.TransactionNamingStrategy;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.format.EncodingFormat;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.sink.SinkV2Provider;
import org.apache.flink.table.connector.sink.abilities.SupportsWritingMetadata;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;
import org.flinkx.connector.common.dirty.RowText;
import org.flinkx.connector.common.sink.SinkSettings;
import org.flinkx.connector.kafka.client.KafkaServers;
import org.flinkx.connector.kafka.sink.FlinkxKafkaSink;
import org.flinkx.connector.kafka.sink.RowSerializer;

/**
 * A Kafka topic as a table to write: the official {@link KafkaSink} (delivery guarantees,
 * transactions) with {@link RowSerializer} (formats, partitioner, metadata, dirty rows).
 */
@Internal
final class KafkaTableSink implements DynamicTableSink, SupportsWritingMetadata {

    /** Where and how the sink writes; none of it changes once planned. */
    record Settings(
            @Nullable List<String> topics,
            @Nullable Pattern topicPattern,
            Properties properties,
            @Nullable KafkaPartitioner<RowData> partitioner,
            @Nullable String transactionalIdPrefix,
            TransactionNamingStrategy namingStrategy,
            @Nullable Integer parallelism,
            boolean upsert,
            SinkSettings sink) {}

    private final DataType physical;
    private final @Nullable EncodingFormat<SerializationSchema<RowData>> keyFormat;
    private final EncodingFormat<SerializationSchema<RowData>> valueFormat;
    private final KafkaFields fields;
    private final Settings settings;
    private List<String> metadataKeys = List.of();
    private DataType consumed;

    KafkaTableSink(
            DataType physical,
            @Nullable EncodingFormat<SerializationSchema<RowData>> keyFormat,
            EncodingFormat<SerializationSchema<RowData>> valueFormat,
            KafkaFields fields,
            Settings settings) {
        this.physical = physical;
        this.keyFormat = keyFormat;
        this.valueFormat = valueFormat;
        this.fields = fields;
        this.settings = settings;
        this.consumed = physical;
    }

    @Override
    public ChangelogMode getChangelogMode(ChangelogMode requested) {
        if (settings.upsert()) {
            return ChangelogMode.upsert();
        }
        return valueFormat.getChangelogMode();
    }

    @Override
    public SinkRuntimeProvider getSinkRuntimeProvider(Context context) {
        SerializationSchema<RowData> keys =
                keyFormat == null
                        ? null
                        : keyFormat.createRuntimeEncoder(context, fields.keyType(physical));
        SerializationSchema<RowData> values =
                valueFormat.createRuntimeEncoder(context, fields.valueType(physical));
        List<DataType> types = DataType.getFieldDataTypes(physical);
        RowSerializer serializer =
                new RowSerializer(
                        settings.topics(),
                        settings.topicPattern(),
                        settings.partitioner(),
                        keys,
                        getters(types, fields.key()),
                        values,
                        getters(types, fields.value()),
                        new RowSerializer.MetadataPositions(
                                position("topic"), position("headers"), position("timestamp")),
                        settings.upsert(),
                        settings.sink().rateLimit(),
                        RowText.of((RowType) consumed.getLogicalType()));
        KafkaSinkBuilder<RowData> builder =
                KafkaSink.<RowData>builder()
                        .setBootstrapServers(settings.properties().getProperty("bootstrap.servers"))
                        .setKafkaProducerConfig(settings.properties())
                        .setDeliveryGuarantee(settings.sink().guarantee())
                        .setTransactionNamingStrategy(settings.namingStrategy())
                        .setRecordSerializer(serializer);
        if (settings.transactionalIdPrefix() != null) {
            builder.setTransactionalIdPrefix(settings.transactionalIdPrefix());
        }
        FlinkxKafkaSink sink =
                new FlinkxKafkaSink(
                        builder.build(),
                        serializer,
                        settings.sink().withJobWideErrorLimit(),
                        KafkaServers.of(settings.properties()));
        return SinkV2Provider.of(sink, settings.parallelism());
    }

    private static RowData.FieldGetter[] getters(List<DataType> types, int[] positions) {
        RowData.FieldGetter[] getters = new RowData.FieldGetter[positions.length];
        for (int i = 0; i < positions.length; i++) {
            getters[i] =
                    RowData.createFieldGetter(
                            types.get(positions[i]).getLogicalType(), positions[i]);
        }
        return getters;
    }

    /** Where a metadata column is in the consumed row (after the physical ones), or -1. */
    private int position(String key) {
        int index = metadataKeys.indexOf(key);
        return index < 0 ? -1 : DataType.getFieldCount(physical) + index;
    }

    @Override
    public Map<String, DataType> listWritableMetadata() {
        Map<String, DataType> metadata = new LinkedHashMap<>();
        if (settings.topics() == null || settings.topics().size() != 1) {
            metadata.put("topic", DataTypes.STRING().notNull());
        }
        metadata.put(
                "headers",
                DataTypes.MAP(DataTypes.STRING().nullable(), DataTypes.BYTES().nullable())
                        .nullable());
        metadata.put("timestamp", DataTypes.TIMESTAMP_WITH_LOCAL_TIME_ZONE(3).nullable());
        return metadata;
    }

    @Override
    public void applyWritableMetadata(List<String> keys, DataType consumedDataType) {
        this.metadataKeys = keys;
        this.consumed = consumedDataType;
    }

    @Override
    public DynamicTableSink copy() {
        KafkaTableSink copy =
                new KafkaTableSink(physical, keyFormat, valueFormat, fields, settings);
        copy.metadataKeys = metadataKeys;
        copy.consumed = consumed;
        return copy;
    }

    @Override
    public String asSummaryString() {
        return "flinkx-kafka";
    }
}
