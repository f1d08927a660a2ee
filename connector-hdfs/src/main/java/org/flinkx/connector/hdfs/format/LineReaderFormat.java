package org.flinkx.connector.hdfs.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.MutableRecordAndPosition;
import org.apache.flink.connector.file.src.util.RecordAndPosition;
import org.apache.flink.connector.file.table.PartitionFieldExtractor;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.conversion.DataStructureConverter;
import org.apache.flink.table.data.conversion.DataStructureConverters;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.utils.TypeConversions;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.util.LineReader;
import org.flinkx.connector.hdfs.config.Compression;
import org.flinkx.connector.hdfs.fs.HadoopConf;

/**
 * Reads line formats (text, csv, json). An uncompressed file is split at arbitrary offsets with
 * Hadoop's rule: a split skips the partial line it starts in (unless it starts the file) and reads
 * every line that starts at or before its end. A compressed file is one split, resumed by counting
 * lines. A line the decoder rejects goes to dirty storage with its position.
 */
@Internal
public final class LineReaderFormat implements FileReaderFormat {

    private static final long serialVersionUID = 1L;

    private final LineDecoder decoder;
    private final RowType tableType;
    private final List<String> partitionKeys;
    private final int[] dataFieldOfProduced;
    private final int[] producedFields;

    /**
     * @param decoder decodes a line into the table's non-partition columns, in table order
     * @param tableType all columns of the table
     * @param partitionKeys the columns held in directory names
     * @param producedFields the columns to produce, as indices into {@code tableType}
     */
    public LineReaderFormat(
            LineDecoder decoder,
            RowType tableType,
            List<String> partitionKeys,
            int[] producedFields) {
        this.decoder = decoder;
        this.tableType = tableType;
        this.partitionKeys = partitionKeys;
        this.producedFields = producedFields;
        this.dataFieldOfProduced = new int[producedFields.length];
        List<String> names = tableType.getFieldNames();
        for (int i = 0; i < producedFields.length; i++) {
            String name = names.get(producedFields[i]);
            if (partitionKeys.contains(name)) {
                dataFieldOfProduced[i] = -1;
            } else {
                int dataIndex = 0;
                for (int f = 0; f < producedFields[i]; f++) {
                    if (!partitionKeys.contains(names.get(f))) {
                        dataIndex++;
                    }
                }
                dataFieldOfProduced[i] = dataIndex;
            }
        }
    }

    @Override
    public boolean splittable(Path file) {
        return LineCompression.of(file) == Compression.NONE;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) throws Exception {
        decoder.open(context);
    }

    @Override
    public BulkFormat.Reader<RowData> createReader(FileSourceSplit split, Context context)
            throws IOException {
        Object[] partitionValues = new Object[producedFields.length];
        PartitionFieldExtractor<FileSourceSplit> extractor =
                PartitionFieldExtractor.forFileSystem(DEFAULT_PARTITION_NAME);
        for (int i = 0; i < producedFields.length; i++) {
            if (dataFieldOfProduced[i] < 0) {
                int field = producedFields[i];
                LogicalType type = tableType.getTypeAt(field);
                // The extractor gives external values (String, LocalDate, ...); rows hold internal
                // ones.
                Object external =
                        extractor.extract(split, tableType.getFieldNames().get(field), type);
                DataStructureConverter<Object, Object> converter =
                        DataStructureConverters.getConverter(
                                TypeConversions.fromLogicalToDataType(type));
                converter.open(LineReaderFormat.class.getClassLoader());
                partitionValues[i] = converter.toInternalOrNull(external);
            }
        }
        return new Reader(split, context, partitionValues);
    }

    private final class Reader implements BulkFormat.Reader<RowData> {

        private final FileSourceSplit split;
        private final Context context;
        private final Object[] partitionValues;
        private final RowData.FieldGetter[] getters;
        private final Path path;
        private final FileSystem fs;
        private final FSDataInputStream file;
        private final LineReader lines;
        private final boolean compressed;
        private final long end;
        private final Text line = new Text();

        /** Byte offset of the next line (uncompressed files). */
        private long position;

        /** Lines consumed since the start of the file (compressed files). */
        private long linesRead;

        Reader(FileSourceSplit split, Context context, Object[] partitionValues)
                throws IOException {
            this.split = split;
            this.context = context;
            this.partitionValues = partitionValues;
            this.path = new Path(split.path().toUri());
            HadoopConf hadoop = context.hadoop();
            this.fs = hadoop.fileSystem(path);
            Compression compression = LineCompression.of(path);
            this.compressed = compression != Compression.NONE;
            this.getters = new RowData.FieldGetter[producedFields.length];
            RowType dataType = HdfsFormats.dataType(tableType, partitionKeys);
            for (int i = 0; i < producedFields.length; i++) {
                if (dataFieldOfProduced[i] >= 0) {
                    getters[i] =
                            RowData.createFieldGetter(
                                    dataType.getTypeAt(dataFieldOfProduced[i]),
                                    dataFieldOfProduced[i]);
                }
            }
            try {
                this.file = fs.open(path);
            } catch (IOException e) {
                fs.close();
                throw HadoopConf.describe("open", path, e);
            }
            CheckpointedPosition restored = split.getReaderPosition().orElse(null);
            if (compressed) {
                this.end = Long.MAX_VALUE;
                InputStream in =
                        LineCompression.decompress(compression, file, hadoop.configuration());
                this.lines = new LineReader(in, 64 * 1024);
                long skip = restored == null ? 0 : restored.getRecordsAfterOffset();
                while (linesRead < skip && lines.readLine(line) > 0) {
                    linesRead++;
                }
            } else {
                this.end = split.offset() + split.length();
                this.lines = new LineReader(file, 64 * 1024);
                if (restored != null && restored.getOffset() != CheckpointedPosition.NO_OFFSET) {
                    file.seek(restored.getOffset());
                    position = restored.getOffset();
                } else if (split.offset() > 0) {
                    // Back up one byte: if the split starts right at a line, the previous line's
                    // terminator is what gets skipped.
                    file.seek(split.offset() - 1);
                    position = split.offset() - 1 + lines.readLine(line);
                } else {
                    position = 0;
                }
            }
        }

        @Nullable
        @Override
        public BulkFormat.RecordIterator<RowData> readBatch() throws IOException {
            int capacity = context.batchSize();
            RowData[] rows = new RowData[capacity];
            long[] offsets = new long[capacity];
            long[] skips = new long[capacity];
            int count = 0;
            long[] lineBytes = new long[capacity];
            while (count < capacity && (compressed || position <= end)) {
                long lineStart = position;
                int consumed = lines.readLine(line);
                if (consumed == 0) {
                    break;
                }
                position += consumed;
                linesRead++;
                RowData row;
                try {
                    row = decoder.decode(line.getBytes(), line.getLength());
                } catch (Exception e) {
                    String where =
                            compressed
                                    ? path + " line " + linesRead
                                    : path + " at byte " + lineStart;
                    context.dirty()
                            .handle(
                                    where,
                                    new String(
                                            line.getBytes(),
                                            0,
                                            line.getLength(),
                                            StandardCharsets.UTF_8),
                                    "parse",
                                    e);
                    continue;
                }
                rows[count] = produce(row);
                lineBytes[count] = consumed;
                if (compressed) {
                    offsets[count] = CheckpointedPosition.NO_OFFSET;
                    skips[count] = linesRead;
                } else {
                    offsets[count] = position;
                    skips[count] = 0;
                }
                count++;
            }
            if (count == 0) {
                return null;
            }
            context.dirty().recordsProcessed(count);
            return new Batch(rows, offsets, skips, lineBytes, count);
        }

        private RowData produce(RowData data) {
            GenericRowData out = new GenericRowData(producedFields.length);
            for (int i = 0; i < producedFields.length; i++) {
                out.setField(
                        i,
                        getters[i] == null ? partitionValues[i] : getters[i].getFieldOrNull(data));
            }
            return out;
        }

        @Override
        public void close() throws IOException {
            try {
                file.close();
            } finally {
                fs.close();
            }
        }
    }

    /** One batch of decoded lines with the position after each and its size in the file. */
    static final class Batch implements BulkFormat.RecordIterator<RowData>, SizedRecords {
        private final RowData[] rows;
        private final long[] offsets;
        private final long[] skips;
        private final long[] bytes;
        private final int count;
        private final MutableRecordAndPosition<RowData> current = new MutableRecordAndPosition<>();
        private int next;

        Batch(RowData[] rows, long[] offsets, long[] skips, long[] bytes, int count) {
            this.rows = rows;
            this.offsets = offsets;
            this.skips = skips;
            this.bytes = bytes;
            this.count = count;
        }

        @Nullable
        @Override
        public RecordAndPosition<RowData> next() {
            if (next >= count) {
                return null;
            }
            current.set(rows[next], offsets[next], skips[next]);
            next++;
            return current;
        }

        @Override
        public long lastRecordBytes() {
            return bytes[next - 1];
        }

        @Override
        public void releaseBatch() {}
    }
}
