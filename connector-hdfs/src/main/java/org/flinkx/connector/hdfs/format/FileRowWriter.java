package org.flinkx.connector.hdfs.format;

import java.io.IOException;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.RowData;

/** Writes the rows of one data file. */
@Internal
public interface FileRowWriter {

    /**
     * Writes one row.
     *
     * @throws IOException when the file cannot be written (the job fails)
     * @throws IllegalArgumentException when this row cannot be encoded; nothing of it was written
     *     and the sink sends it to dirty storage
     */
    void write(RowData row) throws IOException;

    /** Bytes in the file so far (what the file system has received). */
    long length() throws IOException;

    /** Completes the file (footers, compression trailers) and closes it. */
    void finish() throws IOException;

    /** Closes the file without completing it; it will be deleted. */
    void abort();
}
