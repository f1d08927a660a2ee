package org.flinkx.connector.hdfs.format;

import java.io.IOException;
import java.io.Serializable;
import java.util.Arrays;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.table.data.RowData;

/** Turns one line of a line format into a row of the file's columns. */
@Internal
public interface LineDecoder extends Serializable {

    default void open(DeserializationSchema.InitializationContext context) throws Exception {}

    /**
     * Decodes {@code length} bytes of {@code line}.
     *
     * @throws IOException (or any runtime exception) when the line is not a valid record; the
     *     reader sends such lines to dirty storage
     */
    RowData decode(byte[] line, int length) throws IOException;

    /** Line decoding through one of Flink's deserialization formats (csv, json). */
    static LineDecoder of(DeserializationSchema<RowData> schema) {
        return new LineDecoder() {
            private static final long serialVersionUID = 1L;

            @Override
            public void open(DeserializationSchema.InitializationContext context) throws Exception {
                schema.open(context);
            }

            @Override
            public RowData decode(byte[] line, int length) throws IOException {
                RowData row = schema.deserialize(Arrays.copyOf(line, length));
                if (row == null) {
                    // e.g. 'json.ignore-parse-errors': FlinkX still counts and keeps the line.
                    throw new IOException("The format produced no row for this line.");
                }
                return row;
            }
        };
    }
}
