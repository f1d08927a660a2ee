package org.flinkx.connector.hdfs.format;

import java.io.IOException;
import java.io.Serializable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;

/** Creates the writers of the data files of one format. */
@Internal
public interface FileWriterFormat extends Serializable {

    /** Extension of the files, with the compression's, e.g. {@code .json.gz}. */
    String extension();

    /** Called once per writer before the first file is opened. */
    default void open(SerializationSchema.InitializationContext context) throws Exception {}

    FileRowWriter create(FSDataOutputStream out, Configuration conf) throws IOException;

    /** Formats that encode each row by itself: text, csv, json. */
    static FileWriterFormat lines(
            LineEncoder encoder,
            org.flinkx.connector.hdfs.config.Compression compression,
            String extension) {
        return new LineWriterFormat(encoder, compression, extension);
    }
}
