package org.flinkx.connector.hdfs.format;

/** A batch that knows how many bytes of the file each of its records took. */
public interface SizedRecords {

    /** Bytes of the record last returned by {@code next()}. */
    long lastRecordBytes();
}
