package org.flinkx.connector.hdfs.sink;

import org.flinkx.connector.common.options.DirtyDataConfig;
import org.flinkx.connector.common.options.ErrorLimit;
import org.flinkx.connector.common.options.RateLimit;
import org.flinkx.connector.hdfs.config.WriteMode;
import org.flinkx.connector.hdfs.format.FileWriterFormat;
import org.flinkx.connector.hdfs.fs.HadoopConf;

import org.apache.flink.table.types.logical.RowType;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * Everything the HDFS sink needs, validated.
 *
 * @param path the table directory
 * @param tableType all columns, partition columns included
 * @param partitionKeys the columns that become directories ({@code k=v/...}), in order
 */
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
        DirtyDataConfig dirtyData)
        implements Serializable {}
