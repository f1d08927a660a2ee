package org.flinkx.connector.hdfs.sink;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;
import org.flinkx.connector.common.options.DirtyDataConfig;
import org.flinkx.connector.common.options.ErrorLimit;
import org.flinkx.connector.common.options.RateLimit;
import org.flinkx.connector.common.options.SinkBufferConfig;
import org.flinkx.connector.hdfs.config.Compression;
import org.flinkx.connector.hdfs.config.FileFormat;
import org.flinkx.connector.hdfs.config.HdfsOptions;
import org.flinkx.connector.hdfs.config.WriteMode;
import org.flinkx.connector.hdfs.format.FileWriterFormat;
import org.flinkx.connector.hdfs.format.HdfsFormats;
import org.flinkx.connector.hdfs.fs.HadoopConf;

/**
 * Builds an {@link HdfsSink} for the DataStream API:
 *
 * <pre>{@code
 * HdfsSink sink = HdfsSink.builder()
 *         .path("hdfs://namenode:8020/warehouse/orders")
 *         .rowType(rowType)
 *         .format(FileFormat.PARQUET)
 *         .compression(Compression.SNAPPY)
 *         .build();
 * }</pre>
 */
@PublicEvolving
public final class HdfsSinkBuilder {

    private String path;
    private RowType rowType;
    private List<String> partitionKeys = List.of();
    private FileFormat format;
    private Compression compression = Compression.NONE;
    private HdfsFormats.TextSettings text = HdfsFormats.TextSettings.hive();
    private final Map<String, String> formatOptions = new HashMap<>();
    private SerializationSchema<RowData> lineSchema;
    private final Map<String, String> hadoopProperties = new HashMap<>();
    private WriteMode writeMode = HdfsOptions.SINK_WRITE_MODE.defaultValue();
    private String filePrefix = HdfsOptions.SINK_FILE_PREFIX.defaultValue();
    private long rollingFileSize = HdfsOptions.SINK_ROLLING_FILE_SIZE.defaultValue().getBytes();
    private Duration rolloverInterval = HdfsOptions.SINK_ROLLING_INTERVAL.defaultValue();
    private Duration rollingCheckInterval = HdfsOptions.SINK_ROLLING_CHECK_INTERVAL.defaultValue();
    private boolean successFile;
    private RateLimit rateLimit = RateLimit.UNLIMITED;
    private SinkBufferConfig buffer = HdfsSinkConfig.DEFAULT_BUFFER;
    private ErrorLimit errorLimit = ErrorLimit.FAIL_ON_FIRST;
    private DirtyDataConfig dirtyData = DirtyDataConfig.LOG;
    private String connector = "flinkx-hdfs";

    HdfsSinkBuilder() {}

    public HdfsSinkBuilder path(String path) {
        this.path = path;
        return this;
    }

    /** All columns of the rows, partition columns included. */
    public HdfsSinkBuilder rowType(RowType rowType) {
        this.rowType = rowType;
        return this;
    }

    /** Columns that become Hive-style directories ({@code dt=2024-01-01/}), outermost first. */
    public HdfsSinkBuilder partitionKeys(List<String> partitionKeys) {
        this.partitionKeys = new ArrayList<>(partitionKeys);
        return this;
    }

    public HdfsSinkBuilder format(FileFormat format) {
        this.format = format;
        return this;
    }

    public HdfsSinkBuilder compression(Compression compression) {
        this.compression = compression;
        return this;
    }

    public HdfsSinkBuilder textSettings(HdfsFormats.TextSettings text) {
        this.text = text;
        return this;
    }

    /** A setting of the Parquet or ORC writer, e.g. {@code parquet.block.size}. */
    public HdfsSinkBuilder formatOption(String key, String value) {
        this.formatOptions.put(key, value);
        return this;
    }

    /**
     * The row serialization of csv and json, e.g. Flink's {@code JsonRowDataSerializationSchema}.
     */
    public HdfsSinkBuilder lineSchema(SerializationSchema<RowData> schema) {
        this.lineSchema = schema;
        return this;
    }

    /** A Hadoop client setting for this sink only, e.g. {@code dfs.nameservices}. */
    public HdfsSinkBuilder hadoopProperty(String key, String value) {
        this.hadoopProperties.put(key, value);
        return this;
    }

    public HdfsSinkBuilder writeMode(WriteMode writeMode) {
        this.writeMode = writeMode;
        return this;
    }

    public HdfsSinkBuilder filePrefix(String filePrefix) {
        this.filePrefix = filePrefix;
        return this;
    }

    public HdfsSinkBuilder rollingPolicy(
            long fileSize, Duration rolloverInterval, Duration checkInterval) {
        this.rollingFileSize = fileSize;
        this.rolloverInterval = rolloverInterval;
        this.rollingCheckInterval = checkInterval;
        return this;
    }

    public HdfsSinkBuilder successFile(boolean successFile) {
        this.successFile = successFile;
        return this;
    }

    /**
     * How rows are batched for the file writers (rows, bytes, interval) and how often a commit
     * (publishing a file) that failed with a transient error is retried; writes are not retried (a
     * broken file stream restarts the job from its checkpoint). By default {@link
     * HdfsSinkConfig#DEFAULT_BUFFER}.
     */
    public HdfsSinkBuilder buffer(SinkBufferConfig buffer) {
        this.buffer = buffer;
        return this;
    }

    public HdfsSinkBuilder rateLimit(RateLimit rateLimit) {
        this.rateLimit = rateLimit;
        return this;
    }

    public HdfsSinkBuilder errorLimit(ErrorLimit errorLimit) {
        this.errorLimit = errorLimit;
        return this;
    }

    public HdfsSinkBuilder dirtyData(DirtyDataConfig dirtyData) {
        this.dirtyData = dirtyData;
        return this;
    }

    /** The connector name in dirty records and error messages. */
    public HdfsSinkBuilder connectorName(String connector) {
        this.connector = connector;
        return this;
    }

    public HdfsSink build() {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(rowType, "rowType");
        Objects.requireNonNull(format, "format");
        if (!format.compressions().contains(compression)) {
            throw new IllegalArgumentException(
                    String.format(
                            "Format '%s' cannot use compression '%s'; allowed: %s",
                            format, compression, format.compressions()));
        }
        for (String key : partitionKeys) {
            if (!rowType.getFieldNames().contains(key)) {
                throw new IllegalArgumentException("Partition key '" + key + "' is not a column.");
            }
        }
        if (partitionKeys.size() >= rowType.getFieldCount()) {
            throw new IllegalArgumentException("At least one column must not be a partition key.");
        }
        FileWriterFormat writer =
                HdfsFormats.writer(
                        format,
                        rowType,
                        partitionKeys,
                        compression,
                        text,
                        Map.copyOf(formatOptions),
                        lineSchema);
        return new HdfsSink(
                new HdfsSinkConfig(
                        connector,
                        path,
                        new HadoopConf(hadoopProperties),
                        rowType,
                        List.copyOf(partitionKeys),
                        writer,
                        writeMode,
                        filePrefix,
                        rollingFileSize,
                        rolloverInterval,
                        rollingCheckInterval,
                        successFile,
                        rateLimit,
                        errorLimit,
                        dirtyData,
                        buffer));
    }
}
