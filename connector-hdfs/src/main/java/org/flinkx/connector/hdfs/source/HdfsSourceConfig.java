package org.flinkx.connector.hdfs.source;

import java.io.Serializable;
import java.time.Duration;
import javax.annotation.Nullable;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.types.logical.RowType;
import org.flinkx.connector.common.options.DirtyDataConfig;
import org.flinkx.connector.common.options.ErrorLimit;
import org.flinkx.connector.common.options.RateLimit;
import org.flinkx.connector.hdfs.format.FileReaderFormat;
import org.flinkx.connector.hdfs.fs.HadoopConf;

/**
 * Everything the HDFS source needs, validated.
 *
 * @param monitorInterval how often to look for new files; null for a bounded read
 * @param splitSize the size splittable files are cut at; 0 for the file's block size
 * @param producedType the columns the source emits
 */
@PublicEvolving
public record HdfsSourceConfig(
        String connector,
        String path,
        HadoopConf hadoop,
        FileReaderFormat format,
        RowType producedType,
        @Nullable Duration monitorInterval,
        long splitSize,
        int batchSize,
        RateLimit rateLimit,
        ErrorLimit errorLimit,
        DirtyDataConfig dirtyData)
        implements Serializable {}
