package org.flinkx.connector.kafka.table;

import static org.apache.flink.streaming.connectors.kafka.table.KafkaConnectorOptions.SCAN_BOUNDED_MODE;
import static org.apache.flink.streaming.connectors.kafka.table.KafkaConnectorOptions.SCAN_BOUNDED_SPECIFIC_OFFSETS;
import static org.apache.flink.streaming.connectors.kafka.table.KafkaConnectorOptions.SCAN_BOUNDED_TIMESTAMP_MILLIS;
import static org.apache.flink.streaming.connectors.kafka.table.KafkaConnectorOptions.SCAN_STARTUP_MODE;
import static org.apache.flink.streaming.connectors.kafka.table.KafkaConnectorOptions.SCAN_STARTUP_SPECIFIC_OFFSETS;
import static org.apache.flink.streaming.connectors.kafka.table.KafkaConnectorOptions.SCAN_STARTUP_TIMESTAMP_MILLIS;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.connectors.kafka.table.KafkaConnectorOptions.ScanBoundedMode;
import org.apache.flink.table.api.ValidationException;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a {@code flinkx-kafka} source starts and, for a batch sync, stops: {@code
 * scan.startup.mode} and {@code scan.bounded.mode} with their offsets and timestamps, as the
 * official Kafka connector reads them.
 */
@Internal
final class KafkaOffsets {

    private KafkaOffsets() {}

    /** Where the source starts reading partitions that have no checkpointed offset. */
    static OffsetsInitializer startup(
            ReadableConfig config, @Nullable List<String> topics, Properties properties) {
        return switch (config.get(SCAN_STARTUP_MODE)) {
            case EARLIEST_OFFSET -> OffsetsInitializer.earliest();
            case LATEST_OFFSET -> OffsetsInitializer.latest();
            case GROUP_OFFSETS -> OffsetsInitializer.committedOffsets(resetStrategy(properties));
            case TIMESTAMP ->
                    OffsetsInitializer.timestamp(
                            required(config, SCAN_STARTUP_TIMESTAMP_MILLIS, SCAN_STARTUP_MODE));
            case SPECIFIC_OFFSETS ->
                    OffsetsInitializer.offsets(
                            offsets(
                                    config,
                                    SCAN_STARTUP_SPECIFIC_OFFSETS,
                                    SCAN_STARTUP_MODE,
                                    topics));
        };
    }

    /** Where a bounded source stops, or null for an unbounded one. */
    static @Nullable OffsetsInitializer stop(ReadableConfig config, @Nullable List<String> topics) {
        ScanBoundedMode mode = config.get(SCAN_BOUNDED_MODE);
        return switch (mode) {
            case UNBOUNDED -> null;
            case LATEST_OFFSET -> OffsetsInitializer.latest();
            case GROUP_OFFSETS -> OffsetsInitializer.committedOffsets();
            case TIMESTAMP ->
                    OffsetsInitializer.timestamp(
                            required(config, SCAN_BOUNDED_TIMESTAMP_MILLIS, SCAN_BOUNDED_MODE));
            case SPECIFIC_OFFSETS ->
                    OffsetsInitializer.offsets(
                            offsets(
                                    config,
                                    SCAN_BOUNDED_SPECIFIC_OFFSETS,
                                    SCAN_BOUNDED_MODE,
                                    topics));
        };
    }

    /** {@code auto.offset.reset} for partitions without a committed offset (none: fail). */
    private static OffsetResetStrategy resetStrategy(Properties properties) {
        String reset = properties.getProperty("auto.offset.reset", "none");
        try {
            return OffsetResetStrategy.valueOf(reset.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException(
                    String.format(
                            "Invalid value '%s' for option 'properties.auto.offset.reset'; "
                                    + "allowed: [earliest, latest, none].",
                            reset));
        }
    }

    private static long required(
            ReadableConfig config, ConfigOption<Long> option, ConfigOption<?> mode) {
        return config.getOptional(option)
                .orElseThrow(
                        () ->
                                new ValidationException(
                                        String.format(
                                                "'%s' is required when '%s' is '%s'.",
                                                option.key(), mode.key(), config.get(mode))));
    }

    /** {@code partition:0,offset:42;partition:1,offset:300} for the one topic of the table. */
    private static Map<TopicPartition, Long> offsets(
            ReadableConfig config,
            ConfigOption<String> option,
            ConfigOption<?> mode,
            @Nullable List<String> topics) {
        String text =
                config.getOptional(option)
                        .orElseThrow(
                                () ->
                                        new ValidationException(
                                                String.format(
                                                        "'%s' is required when '%s' is '%s'.",
                                                        option.key(),
                                                        mode.key(),
                                                        config.get(mode))));
        if (topics == null || topics.size() != 1) {
            throw new ValidationException(
                    String.format(
                            "'%s' needs exactly one 'topic', not a list or a 'topic-pattern'.",
                            option.key()));
        }
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (String pair : text.split(";")) {
            String[] parts = pair.trim().split(",");
            if (parts.length != 2
                    || !parts[0].trim().startsWith("partition:")
                    || !parts[1].trim().startsWith("offset:")) {
                throw invalidOffsets(option, text);
            }
            try {
                int partition = Integer.parseInt(parts[0].trim().substring("partition:".length()));
                long offset = Long.parseLong(parts[1].trim().substring("offset:".length()));
                offsets.put(new TopicPartition(topics.get(0), partition), offset);
            } catch (NumberFormatException e) {
                throw invalidOffsets(option, text);
            }
        }
        return offsets;
    }

    private static ValidationException invalidOffsets(ConfigOption<String> option, String text) {
        return new ValidationException(
                String.format(
                        "Invalid value '%s' for option '%s': expected "
                                + "'partition:0,offset:42;partition:1,offset:300'.",
                        text, option.key()));
    }
}
