package org.flinkx.connector.hdfs.format;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.flink.annotation.Internal;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.BZip2Codec;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionOutputStream;
import org.apache.hadoop.io.compress.GzipCodec;
import org.apache.hadoop.io.compress.SnappyCodec;
import org.apache.hadoop.util.ReflectionUtils;
import org.flinkx.connector.hdfs.config.Compression;

/**
 * Whole-file compression of the line formats. gzip, bzip2 and snappy use Hadoop's codecs (so Hive
 * and Hadoop tools read the files); zstd uses zstd-jni (Hadoop's zstd codec needs the native Hadoop
 * library), whose frames are the standard ones Hadoop's codec and the {@code zstd} tool read. The
 * reader picks the codec from the file's extension.
 */
@Internal
public final class LineCompression {

    /** The compression a file's name says it has. */
    public static Compression of(Path file) {
        String name = file.getName();
        for (Compression c : Compression.values()) {
            if (!c.extension().isEmpty() && name.endsWith(c.extension())) {
                return c;
            }
        }
        return Compression.NONE;
    }

    /** Wraps {@code out} so that what is written to the result is compressed. */
    public static OutputStream compress(
            Compression compression, OutputStream out, Configuration conf) throws IOException {
        switch (compression) {
            case NONE:
                return out;
            case ZSTD:
                return new ZstdOutputStream(out);
            default:
                CompressionOutputStream compressed =
                        codec(compression, conf).createOutputStream(out);
                return new OutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        compressed.write(b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        compressed.write(b, off, len);
                    }

                    @Override
                    public void close() throws IOException {
                        compressed.finish();
                        compressed.close();
                    }
                };
        }
    }

    /** Wraps {@code in} so that reading the result decompresses. */
    public static InputStream decompress(
            Compression compression, InputStream in, Configuration conf) throws IOException {
        switch (compression) {
            case NONE:
                return in;
            case ZSTD:
                return new ZstdInputStream(in);
            default:
                return codec(compression, conf).createInputStream(in);
        }
    }

    private static CompressionCodec codec(Compression compression, Configuration conf) {
        Class<? extends CompressionCodec> type;
        switch (compression) {
            case GZIP:
                type = GzipCodec.class;
                break;
            case BZIP2:
                type = BZip2Codec.class;
                break;
            case SNAPPY:
                type = SnappyCodec.class;
                break;
            default:
                throw new IllegalArgumentException("Not a line compression: " + compression);
        }
        return ReflectionUtils.newInstance(type, conf);
    }

    private LineCompression() {}
}
