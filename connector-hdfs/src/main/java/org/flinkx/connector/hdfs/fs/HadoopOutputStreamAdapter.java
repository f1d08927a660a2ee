package org.flinkx.connector.hdfs.fs;

import java.io.IOException;
import org.apache.flink.annotation.Internal;
import org.apache.flink.core.fs.FSDataOutputStream;

/** Lets Flink's bulk writers (Parquet, ORC) write into a stream of Hadoop's file system API. */
@Internal
public final class HadoopOutputStreamAdapter extends FSDataOutputStream {

    private final org.apache.hadoop.fs.FSDataOutputStream out;

    public HadoopOutputStreamAdapter(org.apache.hadoop.fs.FSDataOutputStream out) {
        this.out = out;
    }

    @Override
    public long getPos() throws IOException {
        return out.getPos();
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
        out.hflush();
    }

    @Override
    public void sync() throws IOException {
        out.hsync();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
