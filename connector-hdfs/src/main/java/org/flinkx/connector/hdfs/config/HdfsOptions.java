package org.flinkx.connector.hdfs.config;

import java.time.Duration;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.connector.base.DeliveryGuarantee;

/** The options of {@code flinkx-hdfs}. Names are part of the public interface: never rename one. */
@PublicEvolving
public final class HdfsOptions {

    /** Prefix of pass-through Hadoop settings, e.g. {@code properties.dfs.nameservices}. */
    public static final String PROPERTIES_PREFIX = "properties.";

    public static final ConfigOption<String> PATH =
            ConfigOptions.key("path")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "The table's directory: 'hdfs://namenode:8020/warehouse/orders', "
                                    + "'hdfs://nameservice/...' (with the HA settings as "
                                    + "'properties.*'), 'file:///tmp/orders', or any scheme a Hadoop "
                                    + "file system on the class path serves. A source may also name "
                                    + "a single file.");

    public static final ConfigOption<FileFormat> FORMAT =
            ConfigOptions.key("format")
                    .enumType(FileFormat.class)
                    .noDefaultValue()
                    .withDescription("The file format.");

    public static final ConfigOption<Compression> COMPRESSION =
            ConfigOptions.key("compression")
                    .enumType(Compression.class)
                    .defaultValue(Compression.NONE)
                    .withDescription(
                            "Compression of written files: text, csv and json allow none, gzip, "
                                    + "bzip2, snappy and zstd (whole-file; such files are read as one "
                                    + "split); parquet allows none, gzip, snappy and zstd; orc allows "
                                    + "none, zlib and snappy. The source recognises compressed line "
                                    + "files by their extension whatever this option says.");

    public static final ConfigOption<String> TEXT_FIELD_DELIMITER =
            ConfigOptions.key("text.field-delimiter")
                    .stringType()
                    .defaultValue("\u0001")
                    .withDescription(
                            "Field delimiter of the 'text' format: one character; Hive's \\001 by "
                                    + "default. Java escapes such as '\\t' or '\\u0001' are accepted.");

    public static final ConfigOption<String> TEXT_NULL_LITERAL =
            ConfigOptions.key("text.null-literal")
                    .stringType()
                    .defaultValue("\\N")
                    .withDescription(
                            "How the 'text' format writes and recognises NULL (Hive: \\N).");

    public static final ConfigOption<String> TEXT_CHARSET =
            ConfigOptions.key("text.charset")
                    .stringType()
                    .defaultValue("UTF-8")
                    .withDescription("Character set of the 'text', 'csv' and 'json' files.");

    // ------------------------------------------------------------------ source

    public static final ConfigOption<Duration> SOURCE_MONITOR_INTERVAL =
            ConfigOptions.key("source.monitor-interval")
                    .durationType()
                    .noDefaultValue()
                    .withDescription(
                            "When set, the source keeps running and looks for new files at this "
                                    + "interval (each file is read once; files that grow after "
                                    + "they were found are not read again). Unset: read the files "
                                    + "present at start-up and finish.");

    public static final ConfigOption<MemorySize> SOURCE_SPLIT_SIZE =
            ConfigOptions.key("source.split-size")
                    .memoryType()
                    .noDefaultValue()
                    .withDescription(
                            "Size of the splits a splittable file (uncompressed text, csv and json; "
                                    + "parquet; orc) is cut into. Defaults to the file's block size.");

    public static final ConfigOption<Integer> SOURCE_BATCH_SIZE =
            ConfigOptions.key("source.batch-size")
                    .intType()
                    .defaultValue(2048)
                    .withDescription("Rows per batch handed from the reading thread to the task.");

    // ------------------------------------------------------------------ sink

    public static final ConfigOption<WriteMode> SINK_WRITE_MODE =
            ConfigOptions.key("sink.write-mode")
                    .enumType(WriteMode.class)
                    .defaultValue(WriteMode.APPEND)
                    .withDescription("What happens to files already in the target.");

    public static final ConfigOption<String> SINK_FILE_PREFIX =
            ConfigOptions.key("sink.file-prefix")
                    .stringType()
                    .defaultValue("part")
                    .withDescription(
                            "First part of every file name: <prefix>-<run>-<subtask>-<checkpoint>-"
                                    + "<attempt>-<count><extension>. A restarted job removes the "
                                    + "unpublished files of its earlier attempts by this prefix, so "
                                    + "jobs that write the same directory at the same time need "
                                    + "different prefixes.");

    public static final ConfigOption<MemorySize> SINK_ROLLING_FILE_SIZE =
            ConfigOptions.key("sink.rolling-policy.file-size")
                    .memoryType()
                    .defaultValue(MemorySize.parse("128mb"))
                    .withDescription(
                            "Start a new file when the current one reaches this size. Every "
                                    + "checkpoint also closes the open files (they are published "
                                    + "when it completes).");

    public static final ConfigOption<Duration> SINK_ROLLING_INTERVAL =
            ConfigOptions.key("sink.rolling-policy.rollover-interval")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(30))
                    .withDescription(
                            "Start a new file when the current one has been open this long.");

    public static final ConfigOption<Duration> SINK_ROLLING_CHECK_INTERVAL =
            ConfigOptions.key("sink.rolling-policy.check-interval")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(1))
                    .withDescription(
                            "How often open files are checked against the rollover interval: when a "
                                    + "batch of rows arrives, at most this often (0 disables the "
                                    + "check). A file that gets no rows is closed at the next checkpoint.");

    /**
     * The shared key with the only guarantee a file sink has: files are published when the
     * checkpoint that closed them completes.
     */
    public static final ConfigOption<DeliveryGuarantee> SINK_DELIVERY_GUARANTEE =
            ConfigOptions.key("sink.delivery-guarantee")
                    .enumType(DeliveryGuarantee.class)
                    .defaultValue(DeliveryGuarantee.EXACTLY_ONCE)
                    .withDescription(
                            "Only 'exactly-once': files are written under '.data' and published "
                                    + "(renamed into place) when the checkpoint that closed them "
                                    + "completes; the key is accepted so that tables written for "
                                    + "other FlinkX sinks need no change.");

    /** The shared key, described as it applies to files (the same default as for every sink). */
    public static final ConfigOption<Integer> SINK_MAX_RETRIES =
            ConfigOptions.key("sink.max-retries")
                    .intType()
                    .defaultValue(3)
                    .withDescription(
                            "How often publishing a file (the committer's rename) is retried when "
                                    + "the name node is unreachable, in safe mode or standby, each "
                                    + "retry after 'sink.retry.backoff' (doubling). Writes are not "
                                    + "retried: a broken file stream restarts the job from its last "
                                    + "checkpoint.");

    public static final ConfigOption<Boolean> SINK_SUCCESS_FILE =
            ConfigOptions.key("sink.success-file")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Write an empty '_SUCCESS' file into every directory the job wrote "
                                    + "(the table directory or each partition directory) when a "
                                    + "bounded job has published all its files.");

    private HdfsOptions() {}
}
