package org.flinkx.connector.hdfs.config;

import static org.apache.flink.configuration.description.TextElement.text;

import java.util.EnumSet;
import java.util.Set;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.DescribedEnum;
import org.apache.flink.configuration.description.InlineElement;

/** The file formats of {@code flinkx-hdfs}, with the compressions each one can write and read. */
@PublicEvolving
public enum FileFormat implements DescribedEnum {
    TEXT(
            "text",
            "",
            true,
            EnumSet.of(
                    Compression.NONE,
                    Compression.GZIP,
                    Compression.BZIP2,
                    Compression.SNAPPY,
                    Compression.ZSTD),
            "Delimited text as Hive writes it: one row per line, fields separated by "
                    + "'text.field-delimiter' (\\001 by default), NULL as 'text.null-literal'."),
    CSV(
            "csv",
            ".csv",
            true,
            EnumSet.of(
                    Compression.NONE,
                    Compression.GZIP,
                    Compression.BZIP2,
                    Compression.SNAPPY,
                    Compression.ZSTD),
            "One CSV record per line through Flink's 'csv' format; its options ('csv.*') apply."),
    JSON(
            "json",
            ".json",
            true,
            EnumSet.of(
                    Compression.NONE,
                    Compression.GZIP,
                    Compression.BZIP2,
                    Compression.SNAPPY,
                    Compression.ZSTD),
            "One JSON object per line through Flink's 'json' format; its options ('json.*') apply."),
    PARQUET(
            "parquet",
            ".parquet",
            false,
            EnumSet.of(Compression.NONE, Compression.GZIP, Compression.SNAPPY, Compression.ZSTD),
            "Apache Parquet through Flink's Parquet reader and writer; reads only the projected "
                    + "columns. Settings of the Parquet writer can be passed as 'parquet.*'."),
    ORC(
            "orc",
            ".orc",
            false,
            EnumSet.of(Compression.NONE, Compression.ZLIB, Compression.SNAPPY),
            "Apache ORC through Flink's ORC reader and writer; reads only the projected columns. "
                    + "Settings of the ORC writer can be passed as 'orc.*'.");

    private final String name;
    private final String extension;
    private final boolean lineBased;
    private final Set<Compression> compressions;
    private final String description;

    FileFormat(
            String name,
            String extension,
            boolean lineBased,
            Set<Compression> compressions,
            String description) {
        this.name = name;
        this.extension = extension;
        this.lineBased = lineBased;
        this.compressions = compressions;
        this.description = description;
    }

    /** The file name extension of an uncompressed file of this format ("" for Hive's text). */
    public String extension() {
        return extension;
    }

    /** One record per line: read with a line reader, split at block bounds when not compressed. */
    public boolean lineBased() {
        return lineBased;
    }

    public Set<Compression> compressions() {
        return compressions;
    }

    @Override
    public String toString() {
        return name;
    }

    @Override
    public InlineElement getDescription() {
        return text(description);
    }
}
