package org.flinkx.connector.kafka.table;

import static org.apache.flink.streaming.connectors.kafka.table.KafkaConnectorOptions.DELIVERY_GUARANTEE;
import static org.apache.flink.streaming.connectors.kafka.table.KafkaConnectorOptions.KEY_FIELDS;
import static org.apache.flink.streaming.connectors.kafka.table.KafkaConnectorOptions.KEY_FIELDS_PREFIX;
import static org.apache.flink.streaming.connectors.kafka.table.KafkaConnectorOptions.KEY_FORMAT;
import static org.apache.flink.streaming.connectors.kafka.table.KafkaConnectorOptions.PROPS_BOOTSTRAP_SERVERS;
import static org.apache.flink.streaming.connectors.kafka.table.KafkaConnectorOptions.PROPS_GROUP_ID;
import static org.apache.flink.streaming.connectors.kafka.table.KafkaConnectorOptions.SCAN_BOUNDED_MODE;
import static org.apache.flink.streaming.connectors.kafka.table.KafkaConnectorOptions.SCAN_BOUNDED_SPECIFIC_OFFSETS;
import static org.apache.flink.streaming.connectors.kafka.table.KafkaConnectorOptions.SCAN_BOUNDED_TIMESTAMP_MILLIS;
import static org.apache.flink.streaming.connectors.kafka.table.KafkaConnectorOptions.SCAN_PARALLELISM;
import static org.apache.flink.streaming.connectors.kafka.table.KafkaConnectorOptions.SCAN_STARTUP_MODE;
import static org.apache.flink.streaming.connectors.kafka.table.KafkaConnectorOptions.SCAN_STARTUP_SPECIFIC_OFFSETS;
import static org.apache.flink.streaming.connectors.kafka.table.KafkaConnectorOptions.SCAN_STARTUP_TIMESTAMP_MILLIS;
import static org.apache.flink.streaming.connectors.kafka.table.KafkaConnectorOptions.SCAN_TOPIC_PARTITION_DISCOVERY;
import static org.apache.flink.streaming.connectors.kafka.table.KafkaConnectorOptions.SINK_PARALLELISM;
import static org.apache.flink.streaming.connectors.kafka.table.KafkaConnectorOptions.SINK_PARTITIONER;
import static org.apache.flink.streaming.connectors.kafka.table.KafkaConnectorOptions.TOPIC;
import static org.apache.flink.streaming.connectors.kafka.table.KafkaConnectorOptions.TOPIC_PATTERN;
import static org.apache.flink.streaming.connectors.kafka.table.KafkaConnectorOptions.TRANSACTIONAL_ID_PREFIX;
import static org.apache.flink.streaming.connectors.kafka.table.KafkaConnectorOptions.TRANSACTION_NAMING_STRATEGY;
import static org.apache.flink.streaming.connectors.kafka.table.KafkaConnectorOptions.VALUE_FIELDS_INCLUDE;
import static org.apache.flink.streaming.connectors.kafka.table.KafkaConnectorOptions.VALUE_FORMAT;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaPartitioner;
import org.apache.flink.streaming.connectors.kafka.partitioner.FlinkFixedPartitioner;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.connector.format.DecodingFormat;
import org.apache.flink.table.connector.format.EncodingFormat;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.factories.DeserializationFormatFactory;
import org.apache.flink.table.factories.DynamicTableSinkFactory;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.factories.SerializationFormatFactory;
import org.apache.flink.table.types.DataType;
import org.apache.flink.util.InstantiationUtil;
import org.flinkx.connector.common.options.CommonOptions;
import org.flinkx.connector.common.options.FlinkxOptions;
import org.flinkx.connector.common.sink.SinkSettings;
import org.flinkx.connector.kafka.client.KafkaServers;
import org.flinkx.connector.kafka.sink.RoundRobinPartitioner;

/**
 * {@code 'connector' = 'flinkx-kafka'}: the official Kafka connector's options, unchanged, plus
 * FlinkX's error limit, dirty data and rate limit. A table with a PRIMARY KEY and an insert-only
 * value format is an upsert table, as with {@code upsert-kafka}: the key is the primary key,
 * deletes are tombstones.
 */
@Internal
public final class KafkaTableFactory implements DynamicTableSourceFactory, DynamicTableSinkFactory {

    public static final String IDENTIFIER = "flinkx-kafka";
    private static final String PROPERTIES_PREFIX = "properties.";
    private static final String IGNORE_PARSE_ERRORS = "ignore-parse-errors";

    /** The broker's default {@code transaction.max.timeout.ms}. */
    static final long DEFAULT_TRANSACTION_TIMEOUT_MS = 15 * 60 * 1000L;

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of(PROPS_BOOTSTRAP_SERVERS);
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        Set<ConfigOption<?>> options =
                new HashSet<>(
                        List.of(
                                FactoryUtil.FORMAT,
                                KEY_FORMAT,
                                KEY_FIELDS,
                                KEY_FIELDS_PREFIX,
                                VALUE_FORMAT,
                                VALUE_FIELDS_INCLUDE,
                                TOPIC,
                                TOPIC_PATTERN,
                                PROPS_GROUP_ID,
                                SCAN_STARTUP_MODE,
                                SCAN_STARTUP_SPECIFIC_OFFSETS,
                                SCAN_STARTUP_TIMESTAMP_MILLIS,
                                SCAN_BOUNDED_MODE,
                                SCAN_BOUNDED_SPECIFIC_OFFSETS,
                                SCAN_BOUNDED_TIMESTAMP_MILLIS,
                                SCAN_TOPIC_PARTITION_DISCOVERY,
                                SCAN_PARALLELISM,
                                SINK_PARTITIONER,
                                SINK_PARALLELISM,
                                DELIVERY_GUARANTEE,
                                TRANSACTIONAL_ID_PREFIX,
                                TRANSACTION_NAMING_STRATEGY,
                                FlinkxOptions.SCAN_RATE_LIMIT_RECORDS,
                                FlinkxOptions.SCAN_RATE_LIMIT_BYTES,
                                FlinkxOptions.SINK_RATE_LIMIT_RECORDS,
                                FlinkxOptions.SINK_RATE_LIMIT_BYTES,
                                FlinkxOptions.ERRORS_MAX_COUNT,
                                FlinkxOptions.ERRORS_MAX_PERCENTAGE,
                                FlinkxOptions.DIRTY_SINK,
                                FlinkxOptions.DIRTY_PATH));
        return options;
    }

    @Override
    public Set<ConfigOption<?>> forwardOptions() {
        return Set.of(
                PROPS_BOOTSTRAP_SERVERS,
                PROPS_GROUP_ID,
                TOPIC,
                TOPIC_PATTERN,
                SCAN_STARTUP_MODE,
                SCAN_STARTUP_SPECIFIC_OFFSETS,
                SCAN_STARTUP_TIMESTAMP_MILLIS,
                SCAN_TOPIC_PARTITION_DISCOVERY,
                SINK_PARTITIONER,
                SINK_PARALLELISM,
                TRANSACTIONAL_ID_PREFIX);
    }

    @Override
    public DynamicTableSource createDynamicTableSource(Context context) {
        FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
        refuseIgnoreParseErrors(context.getCatalogTable().getOptions());
        DecodingFormat<DeserializationSchema<RowData>> keyFormat =
                helper.discoverOptionalDecodingFormat(
                                DeserializationFormatFactory.class, KEY_FORMAT)
                        .orElse(null);
        DecodingFormat<DeserializationSchema<RowData>> valueFormat =
                helper.discoverOptionalDecodingFormat(
                                DeserializationFormatFactory.class, FactoryUtil.FORMAT)
                        .orElseGet(
                                () ->
                                        helper.discoverDecodingFormat(
                                                DeserializationFormatFactory.class, VALUE_FORMAT));
        ReadableConfig config = CommonOptions.validate(this, helper, PROPERTIES_PREFIX);
        if (keyFormat != null
                && !keyFormat
                        .getChangelogMode()
                        .containsOnly(org.apache.flink.types.RowKind.INSERT)) {
            throw new ValidationException(
                    "'key.format' must be an insert-only format such as 'json' or 'raw'.");
        }
        DataType physical = context.getPhysicalRowDataType();
        boolean upsert =
                upsert(
                        context,
                        valueFormat
                                .getChangelogMode()
                                .containsOnly(org.apache.flink.types.RowKind.INSERT));
        KafkaFields fields = KafkaFields.of(config, physical, upsert ? primaryKey(context) : null);
        List<String> topics = config.getOptional(TOPIC).orElse(null);
        Pattern pattern = topicPattern(config);
        Properties properties = properties(context.getCatalogTable().getOptions());
        KafkaServers.of(properties); // each entry host:port
        var stop = KafkaOffsets.stop(config, topics);
        if (stop == null) {
            properties.setProperty(
                    "partition.discovery.interval.ms",
                    String.valueOf(config.get(SCAN_TOPIC_PARTITION_DISCOVERY).toMillis()));
        }
        KafkaTableSource.Settings settings =
                new KafkaTableSource.Settings(
                        topics,
                        pattern,
                        properties,
                        upsert
                                ? org.apache.flink.connector.kafka.source.enumerator.initializer
                                        .OffsetsInitializer.earliest()
                                : KafkaOffsets.startup(config, topics, properties),
                        stop,
                        config.getOptional(SCAN_PARALLELISM).orElse(null),
                        upsert,
                        CommonOptions.errorLimit(config),
                        CommonOptions.dirtyData(config),
                        CommonOptions.scanRateLimit(config));
        return new KafkaTableSource(physical, keyFormat, valueFormat, fields, settings);
    }

    @Override
    public DynamicTableSink createDynamicTableSink(Context context) {
        FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
        EncodingFormat<SerializationSchema<RowData>> keyFormat =
                helper.discoverOptionalEncodingFormat(SerializationFormatFactory.class, KEY_FORMAT)
                        .orElse(null);
        EncodingFormat<SerializationSchema<RowData>> valueFormat =
                helper.discoverOptionalEncodingFormat(
                                SerializationFormatFactory.class, FactoryUtil.FORMAT)
                        .orElseGet(
                                () ->
                                        helper.discoverEncodingFormat(
                                                SerializationFormatFactory.class, VALUE_FORMAT));
        ReadableConfig config = CommonOptions.validate(this, helper, PROPERTIES_PREFIX);
        DataType physical = context.getPhysicalRowDataType();
        boolean upsert =
                upsert(
                        context,
                        valueFormat
                                .getChangelogMode()
                                .containsOnly(org.apache.flink.types.RowKind.INSERT));
        KafkaFields fields = KafkaFields.of(config, physical, upsert ? primaryKey(context) : null);
        List<String> topics = config.getOptional(TOPIC).orElse(null);
        Pattern pattern = topicPattern(config);
        DeliveryGuarantee guarantee = config.get(DELIVERY_GUARANTEE);
        String prefix = config.getOptional(TRANSACTIONAL_ID_PREFIX).orElse(null);
        if (guarantee == DeliveryGuarantee.EXACTLY_ONCE && (prefix == null || prefix.isBlank())) {
            throw new ValidationException(
                    String.format(
                            "'%s' = 'exactly-once' needs '%s': a prefix of the Kafka transaction"
                                    + " ids, unique to this sink among all jobs writing to the"
                                    + " cluster.",
                            DELIVERY_GUARANTEE.key(), TRANSACTIONAL_ID_PREFIX.key()));
        }
        Properties properties = properties(context.getCatalogTable().getOptions());
        KafkaServers.of(properties); // each entry host:port
        // The Kafka sink's default (1 hour) is above the broker's default maximum (15 minutes,
        // 'transaction.max.timeout.ms'): its first transaction would fail.
        properties.putIfAbsent(
                "transaction.timeout.ms", String.valueOf(DEFAULT_TRANSACTION_TIMEOUT_MS));
        KafkaTableSink.Settings settings =
                new KafkaTableSink.Settings(
                        topics,
                        pattern,
                        properties,
                        partitioner(config, fields, context.getClassLoader()),
                        prefix,
                        config.get(TRANSACTION_NAMING_STRATEGY),
                        config.getOptional(SINK_PARALLELISM).orElse(null),
                        upsert,
                        new SinkSettings(
                                IDENTIFIER,
                                // the Kafka producer buffers and retries: 'sink.buffer-flush.*'
                                // and 'sink.max-retries' are not offered, their defaults unused
                                CommonOptions.sinkBuffer(config),
                                guarantee,
                                CommonOptions.sinkRateLimit(config),
                                CommonOptions.errorLimit(config),
                                CommonOptions.dirtyData(config)));
        return new KafkaTableSink(physical, keyFormat, valueFormat, fields, settings);
    }

    /**
     * A format's {@code ignore-parse-errors} would skip unreadable messages silently; FlinkX sends
     * them to dirty storage instead, so the option is refused.
     */
    private static void refuseIgnoreParseErrors(Map<String, String> options) {
        options.forEach(
                (key, value) -> {
                    if (key.endsWith("." + IGNORE_PARSE_ERRORS) && Boolean.parseBoolean(value)) {
                        throw new ValidationException(
                                String.format(
                                        "'%s' = 'true' would skip unreadable messages silently."
                                                + " flinkx-kafka sends them to dirty storage with"
                                                + " their topic, partition and offset instead, and"
                                                + " fails the job past '%s' / '%s': remove '%s'.",
                                        key,
                                        FlinkxOptions.ERRORS_MAX_COUNT.key(),
                                        FlinkxOptions.ERRORS_MAX_PERCENTAGE.key(),
                                        key));
                    }
                });
    }

    /** A primary key with an insert-only value format makes an upsert table. */
    private static boolean upsert(Context context, boolean insertOnlyValues) {
        return insertOnlyValues
                && context.getCatalogTable().getResolvedSchema().getPrimaryKey().isPresent();
    }

    private static List<String> primaryKey(Context context) {
        ResolvedSchema schema = context.getCatalogTable().getResolvedSchema();
        return schema.getPrimaryKey().orElseThrow().getColumns();
    }

    private static @Nullable Pattern topicPattern(ReadableConfig config) {
        boolean topic = config.getOptional(TOPIC).isPresent();
        boolean pattern = config.getOptional(TOPIC_PATTERN).isPresent();
        if (topic == pattern) {
            throw new ValidationException(
                    String.format(
                            "Set exactly one of '%s' and '%s'.", TOPIC.key(), TOPIC_PATTERN.key()));
        }
        if (!pattern) {
            return null;
        }
        try {
            return Pattern.compile(config.get(TOPIC_PATTERN));
        } catch (PatternSyntaxException e) {
            throw new ValidationException(
                    String.format(
                            "Invalid value '%s' for option '%s': %s",
                            config.get(TOPIC_PATTERN), TOPIC_PATTERN.key(), e.getDescription()));
        }
    }

    /** Every {@code properties.X} as the client's {@code X}. */
    private static Properties properties(Map<String, String> options) {
        Properties properties = new Properties();
        options.forEach(
                (key, value) -> {
                    if (key.startsWith(PROPERTIES_PREFIX)) {
                        properties.setProperty(key.substring(PROPERTIES_PREFIX.length()), value);
                    }
                });
        return properties;
    }

    /** {@code default} (Kafka's, by key), {@code fixed}, {@code round-robin} or a class name. */
    private static @Nullable KafkaPartitioner<RowData> partitioner(
            ReadableConfig config, KafkaFields fields, ClassLoader classLoader) {
        String name = config.get(SINK_PARTITIONER);
        switch (name) {
            case "default":
                return null;
            case "fixed":
                return new FlinkFixedPartitioner<>();
            case "round-robin":
                if (fields.hasKey()) {
                    throw new ValidationException(
                            String.format(
                                    "'%s' = 'round-robin' and a message key ('%s' or a primary"
                                            + " key) exclude each other: messages of one key"
                                            + " would go to several partitions.",
                                    SINK_PARTITIONER.key(), KEY_FIELDS.key()));
                }
                return new RoundRobinPartitioner<>();
            default:
                try {
                    Class<?> type = Class.forName(name, true, classLoader);
                    if (!KafkaPartitioner.class.isAssignableFrom(type)) {
                        throw new ValidationException(
                                String.format(
                                        "'%s' = '%s' is not a %s; allowed: [default, fixed,"
                                                + " round-robin] or such a class.",
                                        SINK_PARTITIONER.key(),
                                        name,
                                        KafkaPartitioner.class.getName()));
                    }
                    @SuppressWarnings("unchecked")
                    KafkaPartitioner<RowData> partitioner =
                            (KafkaPartitioner<RowData>)
                                    InstantiationUtil.instantiate(
                                            type.asSubclass(KafkaPartitioner.class));
                    return partitioner;
                } catch (ClassNotFoundException e) {
                    throw new ValidationException(
                            String.format(
                                    "Invalid value '%s' for option '%s'; allowed: [default,"
                                            + " fixed, round-robin] or the name of a %s class.",
                                    name,
                                    SINK_PARTITIONER.key(),
                                    KafkaPartitioner.class.getName()));
                }
        }
    }
}
