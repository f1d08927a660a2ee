package org.flinkx.connector.starrocks.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.RowData;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;
import org.flinkx.connector.common.text.TextBytes;

/**
 * A load's body, encoded row by row while it is sent (chunked): the rows are the buffer's, nothing
 * else is held. Repeatable (a retry encodes the rows again). It records whether sending began, so a
 * failure before that is known to have changed nothing on the server.
 */
@Internal
public final class RowsBody extends AbstractHttpEntity {

    /** Rows are encoded into blocks of about this many bytes, each handed to the connection. */
    private static final int BLOCK = 64 * 1024;

    private final List<RowData> rows;
    private final RowEncoder encoder;
    private volatile boolean started;
    private long bytes;

    public RowsBody(List<RowData> rows, RowEncoder encoder) {
        super((ContentType) null, null, true);
        this.rows = rows;
        this.encoder = encoder;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        started = true;
        long written = 0;
        TextBytes buffer = new TextBytes(BLOCK + BLOCK / 4);
        buffer.put(encoder.start());
        byte[] between = encoder.between();
        for (int i = 0; i < rows.size(); i++) {
            if (i > 0) {
                buffer.put(between);
            }
            encoder.encodeTo(rows.get(i), buffer);
            if (buffer.length() >= BLOCK) {
                buffer.writeTo(out);
                written += buffer.length();
                buffer.reset();
            }
        }
        buffer.put(encoder.end());
        buffer.writeTo(out);
        written += buffer.length();
        out.flush();
        bytes = written;
    }

    /** Whether any byte of the body went out. */
    public boolean started() {
        return started;
    }

    /** The bytes of the last complete sending. */
    public long bytes() {
        return bytes;
    }

    @Override
    public InputStream getContent() {
        throw new UnsupportedOperationException("A load body is written, not read");
    }

    @Override
    public long getContentLength() {
        return -1;
    }

    @Override
    public boolean isRepeatable() {
        return true;
    }

    @Override
    public boolean isStreaming() {
        return false;
    }

    @Override
    public void close() {}
}
