package org.flinkx.connector.hdfs.source.reader;

import org.apache.flink.connector.file.src.util.RecordAndPosition;
import org.apache.flink.table.data.RowData;

/**
 * A row read from a split, the position to resume from after it, and the bytes it took in the file
 * when the format knows them (lines), else -1. One instance per batch, reused for every row.
 */
final class HdfsRecord {

    RecordAndPosition<RowData> position;
    long bytes;

    HdfsRecord set(RecordAndPosition<RowData> position, long bytes) {
        this.position = position;
        this.bytes = bytes;
        return this;
    }
}
