package org.flinkx.connector.hdfs.sink;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.types.logical.RowType;
import org.flinkx.connector.common.options.DirtyDataConfig;
import org.flinkx.connector.common.options.ErrorLimit;
import org.flinkx.connector.common.options.RateLimit;
import org.flinkx.connector.common.options.SinkBufferConfig;
import org.flinkx.connector.hdfs.config.WriteMode;
import org.flinkx.connector.hdfs.format.FileWriterFormat;
import org.flinkx.connector.hdfs.fs.HadoopConf;

/**
 * Everything the HDFS sink needs, validated.
 *
 * @param path the table directory
 * @param tableType all columns, partition columns included
 * @param partitionKeys the columns that become directories ({@code k=v/...}), in order
 */
@PublicEvolving
public record HdfsSinkConfig(
        String connector,
        String path,
        HadoopConf hadoop,
        RowType tableType,
        List<String> partitionKeys,
        FileWriterFormat format,
        WriteMode writeMode,
        String filePrefix,
        long rollingFileSize,
        Duration rolloverInterval,
        Duration rollingCheckInterval,
        boolean successFile,
        RateLimit rateLimit,
        ErrorLimit errorLimit,
        DirtyDataConfig dirtyData,
        SinkBufferConfig buffer)
        implements Serializable {

    /**
     * Rows are handed to the file writers in batches of up to 5000 rows or 16 MB, or after 1 s (the
     * defaults of {@code sink.buffer-flush.*}), so encoding runs on the flush thread while the next
     * batch fills. Nothing is retried: a broken file stream restarts the job from its checkpoint.
     */
    public static final SinkBufferConfig DEFAULT_BUFFER =
            new SinkBufferConfig(5000, 16L << 20, Duration.ofSeconds(1), 3, Duration.ofSeconds(1));
}
