package org.flinkx.connector.hdfs.format;

import org.apache.flink.annotation.Internal;

/** A batch that knows how many bytes of the file each of its records took. */
@Internal
public interface SizedRecords {

    /** Bytes of the record last returned by {@code next()}. */
    long lastRecordBytes();
}
