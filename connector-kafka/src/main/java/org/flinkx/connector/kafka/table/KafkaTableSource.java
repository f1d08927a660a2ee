package org.flinkx.connector.kafka.table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.format.DecodingFormat;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.ScanTableSource;
import org.apache.flink.table.connector.source.SourceProvider;
import org.apache.flink.table.connector.source.abilities.SupportsReadingMetadata;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.LogicalType;
import org.flinkx.connector.common.options.DirtyDataConfig;
import org.flinkx.connector.common.options.ErrorLimit;
import org.flinkx.connector.common.options.RateLimit;
import org.flinkx.connector.kafka.client.KafkaServers;
import org.flinkx.connector.kafka.source.FlinkxKafkaSource;
import org.flinkx.connector.kafka.source.ReadableMetadata;
import org.flinkx.connector.kafka.source.RowDeserializer;

/**
 * A Kafka topic (or topics, or a pattern) as a table: the official {@link KafkaSource} reads it,
 * {@link RowDeserializer} turns messages into rows (bad ones to dirty storage), metadata columns
 * from the message and from the value format ({@code value.*}).
 */
@Internal
final class KafkaTableSource implements ScanTableSource, SupportsReadingMetadata {

    /** Where and how the source reads; none of it changes once planned. */
    record Settings(
            @Nullable List<String> topics,
            @Nullable Pattern topicPattern,
            Properties properties,
            OffsetsInitializer startup,
            @Nullable OffsetsInitializer stop,
            @Nullable Integer parallelism,
            boolean upsert,
            ErrorLimit errorLimit,
            DirtyDataConfig dirtyData,
            RateLimit rateLimit) {}

    private static final String VALUE_METADATA_PREFIX = "value.";

    private final DataType physical;
    private final @Nullable DecodingFormat<DeserializationSchema<RowData>> keyFormat;
    private final DecodingFormat<DeserializationSchema<RowData>> valueFormat;
    private final KafkaFields fields;
    private final Settings settings;

    private DataType produced;
    private List<String> valueMetadata = List.of();
    private List<ReadableMetadata> metadata = List.of();

    KafkaTableSource(
            DataType physical,
            @Nullable DecodingFormat<DeserializationSchema<RowData>> keyFormat,
            DecodingFormat<DeserializationSchema<RowData>> valueFormat,
            KafkaFields fields,
            Settings settings) {
        this.physical = physical;
        this.keyFormat = keyFormat;
        this.valueFormat = valueFormat;
        this.fields = fields;
        this.settings = settings;
        this.produced = physical;
    }

    @Override
    public ChangelogMode getChangelogMode() {
        return settings.upsert() ? ChangelogMode.upsert() : valueFormat.getChangelogMode();
    }

    @Override
    public ScanRuntimeProvider getScanRuntimeProvider(ScanContext context) {
        DeserializationSchema<RowData> keys =
                keyFormat == null
                        ? null
                        : keyFormat.createRuntimeDecoder(context, fields.keyType(physical));
        DeserializationSchema<RowData> values =
                valueFormat.createRuntimeDecoder(context, fields.valueType(physical));

        int physicalArity = DataType.getFieldCount(physical);
        List<LogicalType> valueTypes = new ArrayList<>();
        List<Integer> valuePositions = new ArrayList<>();
        List<DataType> all = DataType.getFieldDataTypes(physical);
        for (int position : fields.value()) {
            valueTypes.add(all.get(position).getLogicalType());
            valuePositions.add(position);
        }
        // the value format's metadata come after its physical fields, as the planner orders them
        Map<String, DataType> formatMetadata = valueFormat.listReadableMetadata();
        for (int i = 0; i < valueMetadata.size(); i++) {
            valueTypes.add(formatMetadata.get(valueMetadata.get(i)).getLogicalType());
            valuePositions.add(physicalArity + i);
        }
        RowData.FieldGetter[] keyGetters = new RowData.FieldGetter[fields.key().length];
        for (int i = 0; i < keyGetters.length; i++) {
            keyGetters[i] = RowData.createFieldGetter(all.get(fields.key()[i]).getLogicalType(), i);
        }
        RowData.FieldGetter[] valueGetters = new RowData.FieldGetter[valueTypes.size()];
        for (int i = 0; i < valueGetters.length; i++) {
            valueGetters[i] = RowData.createFieldGetter(valueTypes.get(i), i);
        }
        RowDeserializer deserializer =
                new RowDeserializer(
                        keys,
                        keyGetters,
                        fields.key(),
                        values,
                        valueGetters,
                        valuePositions.stream().mapToInt(Integer::intValue).toArray(),
                        physicalArity + valueMetadata.size(),
                        metadata.toArray(new ReadableMetadata[0]),
                        settings.upsert(),
                        context.createTypeInformation(produced));

        KafkaSourceBuilder<RowData> builder =
                KafkaSource.<RowData>builder()
                        .setProperties(settings.properties())
                        .setStartingOffsets(settings.startup())
                        .setDeserializer(deserializer);
        if (settings.topics() != null) {
            builder.setTopics(settings.topics());
        } else {
            builder.setTopicPattern(settings.topicPattern());
        }
        if (settings.stop() != null) {
            builder.setBounded(settings.stop());
        }
        FlinkxKafkaSource source =
                new FlinkxKafkaSource(
                        builder.build(),
                        deserializer,
                        settings.errorLimit(),
                        settings.dirtyData(),
                        settings.rateLimit(),
                        KafkaServers.of(settings.properties()));
        return SourceProvider.of(source, settings.parallelism());
    }

    @Override
    public Map<String, DataType> listReadableMetadata() {
        Map<String, DataType> all = new LinkedHashMap<>();
        valueFormat
                .listReadableMetadata()
                .forEach((key, type) -> all.put(VALUE_METADATA_PREFIX + key, type));
        for (ReadableMetadata metadata : ReadableMetadata.values()) {
            all.putIfAbsent(metadata.key(), metadata.type());
        }
        return all;
    }

    @Override
    public void applyReadableMetadata(List<String> keys, DataType producedDataType) {
        List<String> fromFormat = new ArrayList<>();
        List<ReadableMetadata> fromMessage = new ArrayList<>();
        for (String key : keys) {
            if (key.startsWith(VALUE_METADATA_PREFIX)
                    && valueFormat
                            .listReadableMetadata()
                            .containsKey(key.substring(VALUE_METADATA_PREFIX.length()))) {
                fromFormat.add(key.substring(VALUE_METADATA_PREFIX.length()));
            } else {
                fromMessage.add(ReadableMetadata.of(key));
            }
        }
        if (!fromFormat.isEmpty()) {
            valueFormat.applyReadableMetadata(fromFormat);
        }
        this.valueMetadata = fromFormat;
        this.metadata = fromMessage;
        this.produced = producedDataType;
    }

    @Override
    public boolean supportsMetadataProjection() {
        return false; // the value format's metadata are applied to the format itself
    }

    @Override
    public DynamicTableSource copy() {
        KafkaTableSource copy =
                new KafkaTableSource(physical, keyFormat, valueFormat, fields, settings);
        copy.produced = produced;
        copy.valueMetadata = valueMetadata;
        copy.metadata = metadata;
        return copy;
    }

    @Override
    public String asSummaryString() {
        return "flinkx-kafka";
    }
}
