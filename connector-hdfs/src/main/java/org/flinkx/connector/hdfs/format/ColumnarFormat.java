package org.flinkx.connector.hdfs.format;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.table.PartitionFieldExtractor;
import org.apache.flink.formats.parquet.ParquetColumnarRowInputFormat;
import org.apache.flink.formats.parquet.row.ParquetRowDataBuilder;
import org.apache.flink.orc.OrcColumnarRowInputFormat;
import org.apache.flink.orc.OrcSplitReaderUtil;
import org.apache.flink.orc.shim.OrcShim;
import org.apache.flink.orc.vector.RowDataVectorizer;
import org.apache.flink.orc.writer.OrcBulkWriterFactory;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.flinkx.connector.hdfs.config.Compression;

/**
 * Parquet and ORC, read and written by Flink's own vectorized readers and bulk writers over the
 * table's Hadoop settings. Files hold the non-partition columns in table order; readers read only
 * the produced columns and take partition values from the directory names.
 */
@Internal
public abstract class ColumnarFormat extends BulkWriterFormat implements FileReaderFormat {

    private static final long serialVersionUID = 1L;

    protected final RowType tableType;
    protected final List<String> partitionKeys;
    protected final int[] producedFields;
    protected final Map<String, String> formatOptions;
    protected final Compression compression;
    private transient BulkFormat<RowData, FileSourceSplit> readerFormat;

    ColumnarFormat(
            RowType tableType,
            List<String> partitionKeys,
            int[] producedFields,
            Map<String, String> formatOptions,
            Compression compression) {
        this.tableType = tableType;
        this.partitionKeys = partitionKeys;
        this.producedFields = producedFields;
        this.formatOptions = formatOptions;
        this.compression = compression;
    }

    public static ColumnarFormat parquet(
            RowType tableType,
            List<String> partitionKeys,
            int[] producedFields,
            Map<String, String> options,
            Compression compression) {
        return new Parquet(tableType, partitionKeys, producedFields, options, compression);
    }

    public static ColumnarFormat orc(
            RowType tableType,
            List<String> partitionKeys,
            int[] producedFields,
            Map<String, String> options,
            Compression compression) {
        return new Orc(tableType, partitionKeys, producedFields, options, compression);
    }

    @Override
    public boolean splittable(Path file) {
        return true;
    }

    protected RowType dataType() {
        return HdfsFormats.dataType(tableType, partitionKeys);
    }

    protected RowType producedType() {
        List<RowType.RowField> fields = new ArrayList<>();
        for (int field : producedFields) {
            fields.add(tableType.getFields().get(field));
        }
        return new RowType(fields);
    }

    protected Configuration withFormatOptions(Configuration base) {
        Configuration conf = new Configuration(base);
        formatOptions.forEach(conf::set);
        return conf;
    }

    protected abstract BulkFormat<RowData, FileSourceSplit> bulkFormat(
            Configuration conf, int batchSize);

    @Override
    public BulkFormat.Reader<RowData> createReader(FileSourceSplit split, Context context)
            throws IOException {
        if (readerFormat == null) {
            // built once per reading task, not per split: the context does not change
            readerFormat =
                    bulkFormat(
                            withFormatOptions(context.hadoop().configuration()),
                            context.batchSize());
        }
        BulkFormat<RowData, FileSourceSplit> format = readerFormat;
        try {
            return split.getReaderPosition().isPresent()
                    ? format.restoreReader(context.flinkConfig(), split)
                    : format.createReader(context.flinkConfig(), split);
        } catch (IOException e) {
            throw new IOException(
                    String.format("Cannot read '%s': %s", split.path(), e.getMessage()), e);
        }
    }

    private static final class Parquet extends ColumnarFormat {
        private static final long serialVersionUID = 1L;

        Parquet(RowType t, List<String> p, int[] f, Map<String, String> o, Compression c) {
            super(t, p, f, o, c);
        }

        @Override
        public String extension() {
            return ".parquet";
        }

        @Override
        protected BulkWriter.Factory<RowData> factory(Configuration base) {
            Configuration conf = withFormatOptions(base);
            conf.set(
                    "parquet.compression",
                    compression == Compression.NONE ? "UNCOMPRESSED" : compression.name());
            return ParquetRowDataBuilder.createWriterFactory(dataType(), conf, true);
        }

        @Override
        protected BulkFormat<RowData, FileSourceSplit> bulkFormat(
                Configuration conf, int batchSize) {
            RowType produced = producedType();
            return ParquetColumnarRowInputFormat.createPartitionedFormat(
                    conf,
                    produced,
                    InternalTypeInfo.of(produced),
                    partitionKeys,
                    PartitionFieldExtractor.forFileSystem(DEFAULT_PARTITION_NAME),
                    batchSize,
                    true,
                    false);
        }
    }

    private static final class Orc extends ColumnarFormat {
        private static final long serialVersionUID = 1L;

        Orc(RowType t, List<String> p, int[] f, Map<String, String> o, Compression c) {
            super(t, p, f, o, c);
        }

        @Override
        public String extension() {
            return ".orc";
        }

        @Override
        protected BulkWriter.Factory<RowData> factory(Configuration base) {
            RowType data = dataType();
            Properties properties = new Properties();
            formatOptions.forEach(properties::setProperty);
            properties.setProperty("orc.compress", compression.name());
            LogicalType[] types = data.getChildren().toArray(new LogicalType[0]);
            return new OrcBulkWriterFactory<>(
                    new RowDataVectorizer(
                            OrcSplitReaderUtil.logicalTypeToOrcType(data).toString(), types),
                    properties,
                    withFormatOptions(base));
        }

        @Override
        protected BulkFormat<RowData, FileSourceSplit> bulkFormat(
                Configuration conf, int batchSize) {
            return OrcColumnarRowInputFormat.createPartitionedFormat(
                    OrcShim.defaultShim(),
                    conf,
                    tableType,
                    partitionKeys,
                    PartitionFieldExtractor.forFileSystem(DEFAULT_PARTITION_NAME),
                    Arrays.copyOf(producedFields, producedFields.length),
                    List.of(),
                    batchSize,
                    InternalTypeInfo::of);
        }
    }
}
