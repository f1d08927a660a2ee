package org.flinkx.connector.hdfs.source;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;
import org.flinkx.connector.common.options.DirtyDataConfig;
import org.flinkx.connector.common.options.ErrorLimit;
import org.flinkx.connector.common.options.RateLimit;
import org.flinkx.connector.hdfs.config.FileFormat;
import org.flinkx.connector.hdfs.format.FileReaderFormat;
import org.flinkx.connector.hdfs.format.HdfsFormats;
import org.flinkx.connector.hdfs.fs.HadoopConf;

/**
 * Builds an {@link HdfsSource} for the DataStream API:
 *
 * <pre>{@code
 * HdfsSource source = HdfsSource.builder()
 *         .path("hdfs://namenode:8020/warehouse/orders")
 *         .rowType(rowType)
 *         .format(FileFormat.PARQUET)
 *         .build();
 * }</pre>
 */
@PublicEvolving
public final class HdfsSourceBuilder {

    private String path;
    private RowType rowType;
    private List<String> partitionKeys = List.of();
    private int[] producedFields;
    private FileFormat format;
    private HdfsFormats.TextSettings text = HdfsFormats.TextSettings.hive();
    private final Map<String, String> formatOptions = new HashMap<>();
    private DeserializationSchema<RowData> lineSchema;
    private final Map<String, String> hadoopProperties = new HashMap<>();
    private Duration monitorInterval;
    private long splitSize;
    private int batchSize = 2048;
    private RateLimit rateLimit = RateLimit.UNLIMITED;
    private ErrorLimit errorLimit = ErrorLimit.FAIL_ON_FIRST;
    private DirtyDataConfig dirtyData = DirtyDataConfig.LOG;
    private String connector = "flinkx-hdfs";

    HdfsSourceBuilder() {}

    public HdfsSourceBuilder path(String path) {
        this.path = path;
        return this;
    }

    /** All columns of the table, partition columns included. */
    public HdfsSourceBuilder rowType(RowType rowType) {
        this.rowType = rowType;
        return this;
    }

    /** Columns whose values come from Hive-style directory names ({@code dt=2024-01-01/}). */
    public HdfsSourceBuilder partitionKeys(List<String> partitionKeys) {
        this.partitionKeys = new ArrayList<>(partitionKeys);
        return this;
    }

    /** Read only these columns (indices into the row type), in this order. Default: all. */
    public HdfsSourceBuilder producedFields(int[] producedFields) {
        this.producedFields = producedFields.clone();
        return this;
    }

    public HdfsSourceBuilder format(FileFormat format) {
        this.format = format;
        return this;
    }

    public HdfsSourceBuilder textSettings(HdfsFormats.TextSettings text) {
        this.text = text;
        return this;
    }

    public HdfsSourceBuilder formatOption(String key, String value) {
        this.formatOptions.put(key, value);
        return this;
    }

    /** The row deserialization of csv and json for the non-partition columns. */
    public HdfsSourceBuilder lineSchema(DeserializationSchema<RowData> schema) {
        this.lineSchema = schema;
        return this;
    }

    public HdfsSourceBuilder hadoopProperty(String key, String value) {
        this.hadoopProperties.put(key, value);
        return this;
    }

    /** Keep running and look for new files at this interval. */
    public HdfsSourceBuilder monitorInterval(Duration monitorInterval) {
        this.monitorInterval = monitorInterval;
        return this;
    }

    public HdfsSourceBuilder splitSize(long splitSize) {
        this.splitSize = splitSize;
        return this;
    }

    public HdfsSourceBuilder batchSize(int batchSize) {
        this.batchSize = batchSize;
        return this;
    }

    public HdfsSourceBuilder rateLimit(RateLimit rateLimit) {
        this.rateLimit = rateLimit;
        return this;
    }

    public HdfsSourceBuilder errorLimit(ErrorLimit errorLimit) {
        this.errorLimit = errorLimit;
        return this;
    }

    public HdfsSourceBuilder dirtyData(DirtyDataConfig dirtyData) {
        this.dirtyData = dirtyData;
        return this;
    }

    public HdfsSourceBuilder connectorName(String connector) {
        this.connector = connector;
        return this;
    }

    public HdfsSource build() {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(rowType, "rowType");
        Objects.requireNonNull(format, "format");
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be positive, but is " + batchSize);
        }
        int[] produced = producedFields;
        if (produced == null) {
            produced = new int[rowType.getFieldCount()];
            for (int i = 0; i < produced.length; i++) {
                produced[i] = i;
            }
        }
        List<RowType.RowField> fields = new ArrayList<>();
        for (int field : produced) {
            fields.add(rowType.getFields().get(field));
        }
        FileReaderFormat reader =
                HdfsFormats.reader(
                        format,
                        rowType,
                        List.copyOf(partitionKeys),
                        produced,
                        text,
                        Map.copyOf(formatOptions),
                        lineSchema);
        return new HdfsSource(
                new HdfsSourceConfig(
                        connector,
                        path,
                        new HadoopConf(hadoopProperties),
                        reader,
                        new RowType(fields),
                        monitorInterval,
                        splitSize,
                        batchSize,
                        rateLimit,
                        errorLimit,
                        dirtyData));
    }
}
