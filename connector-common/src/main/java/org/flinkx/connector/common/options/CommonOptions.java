package org.flinkx.connector.common.options;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.factories.Factory;
import org.apache.flink.table.factories.FactoryUtil;

/**
 * Reads and validates the shared options of {@link FlinkxOptions}. All cross-option rules of the
 * shared options live here and fail with a {@link ValidationException} naming the keys.
 */
@PublicEvolving
public final class CommonOptions {

    /** Options every source accepts. */
    public static Set<ConfigOption<?>> sourceOptions() {
        return Set.of(
                FlinkxOptions.SCAN_RATE_LIMIT_RECORDS,
                FlinkxOptions.SCAN_RATE_LIMIT_BYTES,
                FlinkxOptions.ERRORS_MAX_COUNT,
                FlinkxOptions.ERRORS_MAX_PERCENTAGE,
                FlinkxOptions.DIRTY_SINK,
                FlinkxOptions.DIRTY_PATH);
    }

    /** Options every sink accepts. */
    public static Set<ConfigOption<?>> sinkOptions() {
        return Set.of(
                FlinkxOptions.SINK_RATE_LIMIT_RECORDS,
                FlinkxOptions.SINK_RATE_LIMIT_BYTES,
                FlinkxOptions.ERRORS_MAX_COUNT,
                FlinkxOptions.ERRORS_MAX_PERCENTAGE,
                FlinkxOptions.DIRTY_SINK,
                FlinkxOptions.DIRTY_PATH,
                FlinkxOptions.SINK_BUFFER_MAX_ROWS,
                FlinkxOptions.SINK_BUFFER_MAX_BYTES,
                FlinkxOptions.SINK_BUFFER_INTERVAL,
                FlinkxOptions.SINK_MAX_RETRIES,
                FlinkxOptions.SINK_RETRY_BACKOFF,
                FlinkxOptions.SINK_DELIVERY_GUARANTEE,
                FlinkxOptions.SINK_TRANSACTION_PREFIX);
    }

    /**
     * The factory's options, validated the way every FlinkX factory validates them: values first
     * (see {@link #validateValues}; Flink's own check would name the key only above a root cause
     * without it, and clients show the root cause), then unknown keys, pass-through prefixes
     * excepted.
     */
    public static ReadableConfig validate(
            Factory factory, FactoryUtil.TableFactoryHelper helper, String... passThroughPrefixes) {
        ReadableConfig config = helper.getOptions();
        Set<ConfigOption<?>> options = new java.util.HashSet<>(factory.requiredOptions());
        options.addAll(factory.optionalOptions());
        validateValues(config, options);
        if (passThroughPrefixes.length == 0) {
            helper.validate();
        } else {
            helper.validateExcept(passThroughPrefixes);
        }
        return config;
    }

    /**
     * Reads every option once, so a value of the wrong type fails here with one message that names
     * the key, the value's problem and, for enumerations, the allowed values.
     */
    public static void validateValues(ReadableConfig config, Set<ConfigOption<?>> options) {
        for (ConfigOption<?> option : options) {
            try {
                config.getOptional(option);
            } catch (IllegalArgumentException e) {
                Throwable root = e;
                while (root.getCause() != null && root.getCause() != root) {
                    root = root.getCause();
                }
                // The key in the root of the chain: clients show a failure's root cause.
                ValidationException invalid =
                        new ValidationException(
                                String.format(
                                        "Invalid value '%s' for option '%s': %s",
                                        config.toMap().get(option.key()),
                                        option.key(),
                                        root.getMessage()));
                invalid.addSuppressed(e);
                throw invalid;
            }
        }
    }

    public static RateLimit scanRateLimit(ReadableConfig config) {
        return rateLimit(
                config, FlinkxOptions.SCAN_RATE_LIMIT_RECORDS, FlinkxOptions.SCAN_RATE_LIMIT_BYTES);
    }

    public static RateLimit sinkRateLimit(ReadableConfig config) {
        return rateLimit(
                config, FlinkxOptions.SINK_RATE_LIMIT_RECORDS, FlinkxOptions.SINK_RATE_LIMIT_BYTES);
    }

    private static RateLimit rateLimit(
            ReadableConfig config, ConfigOption<Double> records, ConfigOption<MemorySize> bytes) {
        double perSecond = config.getOptional(records).orElse(0.0);
        if (perSecond < 0) {
            throw new ValidationException(
                    String.format("'%s' must be positive, but is %s.", records.key(), perSecond));
        }
        long bytesPerSecond = config.getOptional(bytes).map(MemorySize::getBytes).orElse(0L);
        return new RateLimit(perSecond, bytesPerSecond);
    }

    public static ErrorLimit errorLimit(ReadableConfig config) {
        Optional<Double> percentage = config.getOptional(FlinkxOptions.ERRORS_MAX_PERCENTAGE);
        if (percentage.isPresent() && (percentage.get() < 0 || percentage.get() > 100)) {
            throw new ValidationException(
                    String.format(
                            "'%s' must be between 0 and 100, but is %s.",
                            FlinkxOptions.ERRORS_MAX_PERCENTAGE.key(), percentage.get()));
        }
        Optional<Long> count = config.getOptional(FlinkxOptions.ERRORS_MAX_COUNT);
        if (count.isPresent() && count.get() < 0) {
            throw new ValidationException(
                    String.format(
                            "'%s' must be 0 or more, but is %s.",
                            FlinkxOptions.ERRORS_MAX_COUNT.key(), count.get()));
        }
        long maxCount =
                count.orElse(
                        percentage.isPresent()
                                ? Long.MAX_VALUE
                                : FlinkxOptions.ERRORS_MAX_COUNT.defaultValue());
        return new ErrorLimit(maxCount, percentage.orElse(-1.0));
    }

    public static DirtyDataConfig dirtyData(ReadableConfig config) {
        DirtySinkKind kind = config.get(FlinkxOptions.DIRTY_SINK);
        String path = config.getOptional(FlinkxOptions.DIRTY_PATH).orElse(null);
        if (kind == DirtySinkKind.FILE && (path == null || path.isBlank())) {
            throw new ValidationException(
                    String.format(
                            "'%s' = 'file' needs '%s' (a directory for the dirty-record files).",
                            FlinkxOptions.DIRTY_SINK.key(), FlinkxOptions.DIRTY_PATH.key()));
        }
        return new DirtyDataConfig(kind, path == null ? null : localDirectory(path));
    }

    /**
     * The absolute local directory that {@code dirty.path} names, as a path or a {@code file:} URI;
     * fails at planning on a relative path (the working directory of a TaskManager is not the
     * client's) and on other file systems.
     */
    private static String localDirectory(String value) {
        String key = FlinkxOptions.DIRTY_PATH.key();
        boolean fileUri = value.regionMatches(true, 0, "file:", 0, 5);
        if (!fileUri && value.contains("://")) {
            throw new ValidationException(
                    String.format(
                            "'%s' = '%s': only local directories are supported (an absolute path or a file:/// URI).",
                            key, value));
        }
        java.nio.file.Path path;
        try {
            path =
                    fileUri
                            ? java.nio.file.Path.of(java.net.URI.create(value))
                            : java.nio.file.Path.of(value);
        } catch (IllegalArgumentException e) {
            throw new ValidationException(
                    String.format(
                            "'%s' = '%s' is not a local directory (%s): give an absolute path or a file:/// URI.",
                            key, value, e.getMessage()));
        }
        if (!path.isAbsolute()) {
            throw new ValidationException(
                    String.format(
                            "'%s' = '%s' is a relative path, which each TaskManager would resolve against its own "
                                    + "working directory: give an absolute path or a file:/// URI.",
                            key, value));
        }
        return path.normalize().toString();
    }

    /**
     * The table options under a pass-through prefix ({@code properties.}, {@code debezium.}, ...),
     * keyed by the rest of the key: {@code 'properties.ssl' = 'true'} becomes {@code ssl = true}.
     */
    public static java.util.Map<String, String> withPrefix(
            java.util.Map<String, String> tableOptions, String prefix) {
        java.util.Map<String, String> passed = new java.util.TreeMap<>();
        tableOptions.forEach(
                (key, value) -> {
                    if (key.startsWith(prefix)) {
                        passed.put(key.substring(prefix.length()), value);
                    }
                });
        return passed;
    }

    public static SinkBufferConfig sinkBuffer(ReadableConfig config) {
        return sinkBuffer(
                config,
                FlinkxOptions.SINK_BUFFER_MAX_ROWS,
                FlinkxOptions.SINK_BUFFER_MAX_BYTES,
                FlinkxOptions.SINK_BUFFER_INTERVAL);
    }

    /**
     * As {@link #sinkBuffer(ReadableConfig)}, for a connector whose buffer options have the shared
     * keys but defaults (or fallback keys) of their own.
     */
    public static SinkBufferConfig sinkBuffer(
            ReadableConfig config,
            ConfigOption<Integer> maxRowsOption,
            ConfigOption<MemorySize> maxBytesOption,
            ConfigOption<Duration> intervalOption) {
        int maxRows = config.get(maxRowsOption);
        long maxBytes = config.get(maxBytesOption).getBytes();
        Duration interval = config.get(intervalOption);
        int retries = config.get(FlinkxOptions.SINK_MAX_RETRIES);
        requireNotNegative(maxRowsOption, maxRows);
        requireNotNegative(FlinkxOptions.SINK_MAX_RETRIES, retries);
        if (interval.isNegative()) {
            throw new ValidationException(
                    String.format(
                            "'%s' must not be negative, but is %s.",
                            intervalOption.key(), interval));
        }
        return new SinkBufferConfig(
                maxRows, maxBytes, interval, retries, config.get(FlinkxOptions.SINK_RETRY_BACKOFF));
    }

    private static void requireNotNegative(ConfigOption<Integer> option, int value) {
        if (value < 0) {
            throw new ValidationException(
                    String.format("'%s' must be 0 or more, but is %d.", option.key(), value));
        }
    }

    private CommonOptions() {}
}
