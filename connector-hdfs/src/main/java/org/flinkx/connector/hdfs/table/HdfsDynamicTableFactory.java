package org.flinkx.connector.hdfs.table;

import static org.flinkx.connector.hdfs.config.HdfsOptions.COMPRESSION;
import static org.flinkx.connector.hdfs.config.HdfsOptions.FORMAT;
import static org.flinkx.connector.hdfs.config.HdfsOptions.PATH;
import static org.flinkx.connector.hdfs.config.HdfsOptions.PROPERTIES_PREFIX;
import static org.flinkx.connector.hdfs.config.HdfsOptions.SINK_DELIVERY_GUARANTEE;
import static org.flinkx.connector.hdfs.config.HdfsOptions.SINK_FILE_PREFIX;
import static org.flinkx.connector.hdfs.config.HdfsOptions.SINK_MAX_RETRIES;
import static org.flinkx.connector.hdfs.config.HdfsOptions.SINK_ROLLING_CHECK_INTERVAL;
import static org.flinkx.connector.hdfs.config.HdfsOptions.SINK_ROLLING_FILE_SIZE;
import static org.flinkx.connector.hdfs.config.HdfsOptions.SINK_ROLLING_INTERVAL;
import static org.flinkx.connector.hdfs.config.HdfsOptions.SINK_SUCCESS_FILE;
import static org.flinkx.connector.hdfs.config.HdfsOptions.SINK_WRITE_MODE;
import static org.flinkx.connector.hdfs.config.HdfsOptions.SOURCE_BATCH_SIZE;
import static org.flinkx.connector.hdfs.config.HdfsOptions.SOURCE_MONITOR_INTERVAL;
import static org.flinkx.connector.hdfs.config.HdfsOptions.SOURCE_SPLIT_SIZE;
import static org.flinkx.connector.hdfs.config.HdfsOptions.TEXT_CHARSET;
import static org.flinkx.connector.hdfs.config.HdfsOptions.TEXT_FIELD_DELIMITER;
import static org.flinkx.connector.hdfs.config.HdfsOptions.TEXT_NULL_LITERAL;

import java.nio.charset.Charset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.table.api.ValidationException;
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
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.flinkx.connector.common.options.CommonOptions;
import org.flinkx.connector.hdfs.config.Compression;
import org.flinkx.connector.hdfs.config.FileFormat;
import org.flinkx.connector.hdfs.format.DelimitedTextOptions;
import org.flinkx.connector.hdfs.format.HdfsFormats;
import org.flinkx.connector.hdfs.sink.HdfsFiles;
import org.flinkx.connector.hdfs.sink.HdfsSinkBuilder;
import org.flinkx.connector.hdfs.source.HdfsSourceBuilder;

/**
 * {@code 'connector' = 'flinkx-hdfs'}: files on HDFS or any Hadoop file system in text, csv, json,
 * parquet or orc. The options are read into the source and sink builders; Hadoop settings pass
 * through as {@code properties.*}, Parquet and ORC writer settings as {@code parquet.*} and {@code
 * orc.*}, csv and json settings are Flink's own ({@code csv.*}, {@code json.*}).
 */
@PublicEvolving
public final class HdfsDynamicTableFactory
        implements DynamicTableSourceFactory, DynamicTableSinkFactory {

    public static final String IDENTIFIER = "flinkx-hdfs";

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of(PATH, FORMAT);
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        Set<ConfigOption<?>> options = new HashSet<>(connectorOptions());
        options.addAll(CommonOptions.sourceOptions());
        options.add(org.flinkx.connector.common.options.FlinkxOptions.SINK_RATE_LIMIT_RECORDS);
        options.add(org.flinkx.connector.common.options.FlinkxOptions.SINK_RATE_LIMIT_BYTES);
        // The sink core's batching and commit retries (a broken file stream is not retried: the
        // job restarts from its checkpoint).
        options.add(SINK_MAX_RETRIES);
        options.add(org.flinkx.connector.common.options.FlinkxOptions.SINK_RETRY_BACKOFF);
        options.add(SINK_DELIVERY_GUARANTEE);
        options.add(org.flinkx.connector.common.options.FlinkxOptions.SINK_BUFFER_MAX_ROWS);
        options.add(org.flinkx.connector.common.options.FlinkxOptions.SINK_BUFFER_MAX_BYTES);
        options.add(org.flinkx.connector.common.options.FlinkxOptions.SINK_BUFFER_INTERVAL);
        return options;
    }

    /** The options specific to this connector (for the generated docs). */
    public static Set<ConfigOption<?>> connectorOptions() {
        return Set.of(
                COMPRESSION,
                TEXT_FIELD_DELIMITER,
                TEXT_NULL_LITERAL,
                TEXT_CHARSET,
                SOURCE_MONITOR_INTERVAL,
                SOURCE_SPLIT_SIZE,
                SOURCE_BATCH_SIZE,
                SINK_WRITE_MODE,
                SINK_FILE_PREFIX,
                SINK_ROLLING_FILE_SIZE,
                SINK_ROLLING_INTERVAL,
                SINK_ROLLING_CHECK_INTERVAL,
                SINK_SUCCESS_FILE,
                SINK_DELIVERY_GUARANTEE,
                SINK_MAX_RETRIES,
                FactoryUtil.SOURCE_PARALLELISM,
                FactoryUtil.SINK_PARALLELISM);
    }

    @Override
    public DynamicTableSource createDynamicTableSource(Context context) {
        FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
        FileFormat format = format(helper);
        DecodingFormat<DeserializationSchema<RowData>> lineFormat =
                format == FileFormat.CSV || format == FileFormat.JSON
                        ? helper.discoverDecodingFormat(
                                DeserializationFormatFactory.class, FactoryUtil.FORMAT)
                        : null;
        ReadableConfig options = validate(helper);
        RowType tableType = (RowType) context.getPhysicalRowDataType().getLogicalType();
        List<String> partitionKeys = context.getCatalogTable().getPartitionKeys();
        HdfsFormats.TextSettings text = textSettings(options, format, tableType, partitionKeys);

        HdfsSourceBuilder builder =
                org.flinkx.connector.hdfs.source.HdfsSource.builder()
                        .path(options.get(PATH))
                        .rowType(tableType)
                        .partitionKeys(partitionKeys)
                        .format(format)
                        .textSettings(text)
                        .batchSize(positive(options, SOURCE_BATCH_SIZE))
                        .rateLimit(CommonOptions.scanRateLimit(options))
                        .errorLimit(CommonOptions.errorLimit(options))
                        .dirtyData(CommonOptions.dirtyData(options))
                        .connectorName(IDENTIFIER);
        hadoopProperties(context).forEach(builder::hadoopProperty);
        formatOptions(context, format).forEach(builder::formatOption);
        options.getOptional(SOURCE_MONITOR_INTERVAL).ifPresent(builder::monitorInterval);
        options.getOptional(SOURCE_SPLIT_SIZE)
                .ifPresent(size -> builder.splitSize(size.getBytes()));
        return new HdfsDynamicTableSource(
                builder,
                tableType,
                partitionKeys,
                lineFormat,
                options.getOptional(FactoryUtil.SOURCE_PARALLELISM).orElse(null));
    }

    @Override
    public DynamicTableSink createDynamicTableSink(Context context) {
        FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
        FileFormat format = format(helper);
        EncodingFormat<SerializationSchema<RowData>> lineFormat =
                format == FileFormat.CSV || format == FileFormat.JSON
                        ? helper.discoverEncodingFormat(
                                SerializationFormatFactory.class, FactoryUtil.FORMAT)
                        : null;
        ReadableConfig options = validate(helper);
        RowType tableType = (RowType) context.getPhysicalRowDataType().getLogicalType();
        List<String> partitionKeys = context.getCatalogTable().getPartitionKeys();
        HdfsFormats.TextSettings text = textSettings(options, format, tableType, partitionKeys);
        Compression compression = options.get(COMPRESSION);
        if (!format.compressions().contains(compression)) {
            throw new ValidationException(
                    String.format(
                            "'%s' = '%s' is not available for '%s' = '%s'; allowed: %s.",
                            COMPRESSION.key(),
                            compression,
                            FORMAT.key(),
                            format,
                            format.compressions()));
        }
        for (String key : partitionKeys) {
            LogicalType type = tableType.getTypeAt(tableType.getFieldIndex(key));
            if (!HdfsFiles.partitionType(type)) {
                throw new ValidationException(
                        String.format(
                                "Partition column '%s' has type %s; partition columns must be strings, "
                                        + "numbers, booleans, dates or timestamps.",
                                key, type));
            }
        }
        if (options.get(SINK_DELIVERY_GUARANTEE) != DeliveryGuarantee.EXACTLY_ONCE) {
            throw new ValidationException(
                    String.format(
                            "'%s' = '%s' is not available for %s: files are published exactly-once "
                                    + "at checkpoints; allowed: [exactly-once].",
                            SINK_DELIVERY_GUARANTEE.key(),
                            options.get(SINK_DELIVERY_GUARANTEE),
                            IDENTIFIER));
        }
        long fileSize = options.get(SINK_ROLLING_FILE_SIZE).getBytes();
        if (fileSize <= 0) {
            throw new ValidationException(
                    "'" + SINK_ROLLING_FILE_SIZE.key() + "' must be positive.");
        }
        String prefix = options.get(SINK_FILE_PREFIX);
        if (!prefix.matches("[A-Za-z0-9][A-Za-z0-9_.=]*")) {
            throw new ValidationException(
                    String.format(
                            "'%s' = '%s': use letters, digits, '_', '.' and '=' (not first), no '-' or '/'.",
                            SINK_FILE_PREFIX.key(), prefix));
        }
        HdfsSinkBuilder builder =
                org.flinkx.connector.hdfs.sink.HdfsSink.builder()
                        .path(options.get(PATH))
                        .rowType(tableType)
                        .partitionKeys(partitionKeys)
                        .format(format)
                        .compression(compression)
                        .textSettings(text)
                        .writeMode(options.get(SINK_WRITE_MODE))
                        .filePrefix(prefix)
                        .rollingPolicy(
                                fileSize,
                                options.get(SINK_ROLLING_INTERVAL),
                                options.get(SINK_ROLLING_CHECK_INTERVAL))
                        .successFile(options.get(SINK_SUCCESS_FILE))
                        .buffer(CommonOptions.sinkBuffer(options))
                        .rateLimit(CommonOptions.sinkRateLimit(options))
                        .errorLimit(CommonOptions.errorLimit(options))
                        .dirtyData(CommonOptions.dirtyData(options))
                        .connectorName(IDENTIFIER);
        hadoopProperties(context).forEach(builder::hadoopProperty);
        formatOptions(context, format).forEach(builder::formatOption);
        return new HdfsDynamicTableSink(
                builder,
                tableType,
                partitionKeys,
                lineFormat,
                options.getOptional(FactoryUtil.SINK_PARALLELISM).orElse(null));
    }

    private static FileFormat format(FactoryUtil.TableFactoryHelper helper) {
        try {
            return helper.getOptions().get(FORMAT);
        } catch (IllegalArgumentException e) {
            throw new ValidationException(
                    String.format(
                            "Invalid value '%s' for option '%s'; allowed: text, csv, json, parquet, orc.",
                            helper.getOptions().toMap().get(FORMAT.key()), FORMAT.key()),
                    e);
        }
    }

    private ReadableConfig validate(FactoryUtil.TableFactoryHelper helper) {
        return CommonOptions.validate(this, helper, PROPERTIES_PREFIX, "parquet.", "orc.");
    }

    private static HdfsFormats.TextSettings textSettings(
            ReadableConfig options,
            FileFormat format,
            RowType tableType,
            List<String> partitionKeys) {
        String charset = options.get(TEXT_CHARSET);
        if (!Charset.isSupported(charset)) {
            throw new ValidationException(
                    String.format(
                            "'%s' = '%s' is not a character set this JVM knows.",
                            TEXT_CHARSET.key(), charset));
        }
        char delimiter =
                DelimitedTextOptions.parseDelimiter(
                        TEXT_FIELD_DELIMITER.key(), options.get(TEXT_FIELD_DELIMITER));
        String nullLiteral = options.get(TEXT_NULL_LITERAL);
        if (format == FileFormat.TEXT) {
            DelimitedTextOptions.validateNullLiteral(
                    TEXT_NULL_LITERAL.key(), nullLiteral, delimiter);
            DelimitedTextOptions.validate(
                    HdfsFormats.dataType(tableType, partitionKeys), FORMAT.key());
        }
        return new HdfsFormats.TextSettings(delimiter, nullLiteral, charset);
    }

    private static int positive(ReadableConfig options, ConfigOption<Integer> option) {
        int value = options.get(option);
        if (value <= 0) {
            throw new ValidationException(
                    String.format("'%s' must be positive, but is %d.", option.key(), value));
        }
        return value;
    }

    private static Map<String, String> hadoopProperties(Context context) {
        return CommonOptions.withPrefix(context.getCatalogTable().getOptions(), PROPERTIES_PREFIX);
    }

    /** {@code parquet.*} for parquet tables, {@code orc.*} for orc tables, passed on unchanged. */
    private static Map<String, String> formatOptions(Context context, FileFormat format) {
        if (format != FileFormat.PARQUET && format != FileFormat.ORC) {
            return Map.of();
        }
        Map<String, String> options = new HashMap<>();
        CommonOptions.withPrefix(context.getCatalogTable().getOptions(), format + ".")
                .forEach((key, value) -> options.put(format + "." + key, value));
        return options;
    }
}
