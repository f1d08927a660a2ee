package org.flinkx.connector.hdfs.format;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.table.data.RowData;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.flinkx.connector.hdfs.config.Compression;

/** Writes one encoded row per line, optionally compressing the whole file. */
final class LineWriterFormat implements FileWriterFormat {

    private static final long serialVersionUID = 1L;

    private final LineEncoder encoder;
    private final Compression compression;
    private final String extension;

    LineWriterFormat(LineEncoder encoder, Compression compression, String extension) {
        this.encoder = encoder;
        this.compression = compression;
        this.extension = extension;
    }

    @Override
    public String extension() {
        return extension + compression.extension();
    }

    @Override
    public void open(SerializationSchema.InitializationContext context) throws Exception {
        encoder.open(context);
    }

    @Override
    public FileRowWriter create(FSDataOutputStream file, Configuration conf) throws IOException {
        OutputStream out =
                new BufferedOutputStream(
                        LineCompression.compress(compression, file, conf), 64 * 1024);
        return new FileRowWriter() {
            private long written;

            @Override
            public void write(RowData row) throws IOException {
                byte[] line;
                try {
                    line = encoder.encode(row);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(e.getMessage(), e);
                }
                out.write(line);
                out.write('\n');
                written += line.length + 1;
            }

            /** Exact for plain files; compressed files report what reached the file system. */
            @Override
            public long length() {
                return compression == Compression.NONE ? written : file.getPos();
            }

            @Override
            public void finish() throws IOException {
                out.close();
            }

            @Override
            public void abort() {
                try {
                    file.close();
                } catch (IOException ignored) {
                    // the file is deleted next
                }
            }
        };
    }
}
