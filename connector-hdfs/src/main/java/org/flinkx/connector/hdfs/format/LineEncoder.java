package org.flinkx.connector.hdfs.format;

import java.io.Serializable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.table.data.RowData;

/** Turns a row into one line of a line format (without the line terminator). */
@Internal
public interface LineEncoder extends Serializable {

    default void open(SerializationSchema.InitializationContext context) throws Exception {}

    byte[] encode(RowData row);

    /** Line encoding through one of Flink's serialization formats (csv, json). */
    static LineEncoder of(SerializationSchema<RowData> schema) {
        return new LineEncoder() {
            private static final long serialVersionUID = 1L;

            @Override
            public void open(SerializationSchema.InitializationContext context) throws Exception {
                schema.open(context);
            }

            @Override
            public byte[] encode(RowData row) {
                byte[] bytes = schema.serialize(row);
                // Flink's CSV serializer ends each record with a line separator; the file writer
                // adds
                // its own.
                int end = bytes.length;
                while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
                    end--;
                }
                return end == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, end);
            }
        };
    }
}
