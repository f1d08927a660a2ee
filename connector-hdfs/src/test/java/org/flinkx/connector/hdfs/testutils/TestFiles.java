package org.flinkx.connector.hdfs.testutils;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.RecordAndPosition;
import org.apache.flink.table.data.RowData;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.flinkx.connector.common.error.DirtyDataHandler;
import org.flinkx.connector.common.metrics.FlinkxMetrics;
import org.flinkx.connector.common.options.ErrorLimit;
import org.flinkx.connector.hdfs.config.Compression;
import org.flinkx.connector.hdfs.config.FileFormat;
import org.flinkx.connector.hdfs.format.FileReaderFormat;
import org.flinkx.connector.hdfs.format.FileRowWriter;
import org.flinkx.connector.hdfs.format.FileWriterFormat;
import org.flinkx.connector.hdfs.format.HdfsFormats;
import org.flinkx.connector.hdfs.fs.HadoopConf;
import org.flinkx.connector.hdfs.sink.HdfsFiles;
import org.flinkx.connector.jdbc.testframe.TestRow;

/**
 * Writes and reads files of the test table ({@link TestRow}) with the connector's formats, outside
 * of any job: the testing-framework contexts use it to prepare source data and to check what a sink
 * published.
 */
public final class TestFiles {

    /**
     * Writes the rows into {@code file} completely, then renames it into place (readers never see
     * half).
     */
    public static void write(FileFormat format, Path file, List<? extends RowData> rows)
            throws IOException {
        FileWriterFormat writerFormat =
                HdfsFormats.writer(
                        format,
                        TestRow.ROW_TYPE,
                        List.of(),
                        Compression.NONE,
                        HdfsFormats.TextSettings.hive(),
                        Map.of(),
                        null);
        HadoopConf hadoop = HadoopConf.empty();
        Path temp = new Path(file.getParent(), "." + file.getName() + ".tmp");
        try (FileSystem fs = hadoop.fileSystem(file)) {
            FSDataOutputStream out = fs.create(temp, true);
            FileRowWriter writer = writerFormat.create(out, hadoop.configuration());
            for (RowData row : rows) {
                writer.write(row);
            }
            writer.finish();
            if (!fs.rename(temp, file)) {
                throw new IOException("Cannot rename " + temp + " to " + file);
            }
        }
    }

    /** All rows of the visible files directly in {@code dir}, file by file in name order. */
    public static List<TestRow> readAll(FileFormat format, Path dir) throws IOException {
        FileReaderFormat readerFormat =
                HdfsFormats.reader(
                        format,
                        TestRow.ROW_TYPE,
                        List.of(),
                        new int[] {0, 1, 2, 3},
                        HdfsFormats.TextSettings.hive(),
                        Map.of(),
                        null);
        HadoopConf hadoop = HadoopConf.empty();
        List<TestRow> rows = new ArrayList<>();
        try (FileSystem fs = hadoop.fileSystem(dir);
                DirtyDataHandler dirty =
                        new DirtyDataHandler(
                                "test",
                                ErrorLimit.FAIL_ON_FIRST,
                                org.flinkx.connector.common.dirty.DirtySinks.create(
                                        org.flinkx.connector.common.options.DirtyDataConfig.LOG,
                                        "test"),
                                FlinkxMetrics.unregistered())) {
            FileStatus[] files;
            try {
                files = fs.listStatus(dir);
            } catch (FileNotFoundException e) {
                return rows;
            }
            Arrays.sort(files);
            FileReaderFormat.Context context =
                    new FileReaderFormat.Context(
                            new org.apache.flink.configuration.Configuration(), hadoop, dirty, 128);
            for (FileStatus file : files) {
                if (!file.isFile() || HdfsFiles.hidden(file.getPath().getName())) {
                    continue;
                }
                FileSourceSplit split =
                        new FileSourceSplit(
                                file.getPath().getName(),
                                new org.apache.flink.core.fs.Path(file.getPath().toUri()),
                                0,
                                file.getLen(),
                                file.getModificationTime(),
                                file.getLen());
                BulkFormat.Reader<RowData> reader = readerFormat.createReader(split, context);
                try {
                    BulkFormat.RecordIterator<RowData> batch;
                    while ((batch = reader.readBatch()) != null) {
                        RecordAndPosition<RowData> record;
                        while ((record = batch.next()) != null) {
                            rows.add(TestRow.from(record.getRecord()));
                        }
                        batch.releaseBatch();
                    }
                } finally {
                    reader.close();
                }
            }
        }
        return rows;
    }

    private TestFiles() {}
}
