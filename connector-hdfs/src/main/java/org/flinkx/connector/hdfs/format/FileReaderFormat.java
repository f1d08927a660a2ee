package org.flinkx.connector.hdfs.format;

import java.io.IOException;
import java.io.Serializable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.table.data.RowData;
import org.apache.hadoop.fs.Path;
import org.flinkx.connector.common.error.DirtyDataHandler;
import org.flinkx.connector.hdfs.fs.HadoopConf;

/**
 * Reads the rows of one split of a data file. Readers report, with every row, the position to
 * resume from after it ({@link org.apache.flink.connector.file.src.util.RecordAndPosition}): a byte
 * offset of the next line, a row group or stripe plus rows to skip, or rows to skip from the start
 * of a compressed file.
 */
@Internal
public interface FileReaderFormat extends Serializable {

    /** Whether a file may be cut into several splits at arbitrary byte offsets. */
    boolean splittable(Path file);

    default void open(DeserializationSchema.InitializationContext context) throws Exception {}

    /** Opens a reader at the split's start, or at its checkpointed position when it has one. */
    BulkFormat.Reader<RowData> createReader(FileSourceSplit split, Context context)
            throws IOException;

    /** What a reader needs from the task that runs it. */
    record Context(
            Configuration flinkConfig, HadoopConf hadoop, DirtyDataHandler dirty, int batchSize) {}

    /** The value of a partition column whose directory held a NULL or empty value (Hive's name). */
    String DEFAULT_PARTITION_NAME = "__DEFAULT_PARTITION__";
}
