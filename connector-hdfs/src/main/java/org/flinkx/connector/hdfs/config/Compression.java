package org.flinkx.connector.hdfs.config;

import static org.apache.flink.configuration.description.TextElement.text;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.DescribedEnum;
import org.apache.flink.configuration.description.InlineElement;

/**
 * Compression codecs. Line formats compress the whole file (Hadoop's codecs for gzip, bzip2 and
 * snappy, zstd-jni for zstd; the extension tells the reader which one); Parquet and ORC compress
 * inside the file with their own codecs. Which format allows which codec: {@link FileFormat}.
 */
@PublicEvolving
public enum Compression implements DescribedEnum {
    NONE("none", ""),
    GZIP("gzip", ".gz"),
    BZIP2("bzip2", ".bz2"),
    SNAPPY("snappy", ".snappy"),
    ZSTD("zstd", ".zst"),
    ZLIB("zlib", "");

    private final String name;
    private final String extension;

    Compression(String name, String extension) {
        this.name = name;
        this.extension = extension;
    }

    /** The extension a compressed line file carries after the format's own extension. */
    public String extension() {
        return extension;
    }

    @Override
    public String toString() {
        return name;
    }

    @Override
    public InlineElement getDescription() {
        return text(name);
    }
}
