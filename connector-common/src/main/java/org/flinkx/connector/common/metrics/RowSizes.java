package org.flinkx.connector.common.metrics;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.binary.BinaryRowData;
import org.apache.flink.table.data.binary.BinaryStringData;

/**
 * Cheap size estimates of rows, as used by byte rate limits and byte metrics where the connector
 * does not see the bytes on the wire.
 */
@Internal
public final class RowSizes {

    /** The estimated size of a row in bytes. */
    public static long estimate(RowData row) {
        if (row instanceof BinaryRowData binary) {
            return binary.getSizeInBytes();
        }
        if (row instanceof GenericRowData generic) {
            long size = 0;
            for (int i = 0; i < generic.getArity(); i++) {
                size += sizeOf(generic.getField(i));
            }
            return size;
        }
        return 8L * row.getArity();
    }

    /** The estimated size of one internal value in bytes. */
    public static long sizeOf(Object value) {
        if (value == null) {
            return 1;
        }
        if (value instanceof BinaryStringData s) {
            // A string that is still a java.lang.String: its length, not its UTF-8 encoding, which
            // would cost as much as reading it.
            String javaObject = s.getJavaObject();
            return javaObject != null ? javaObject.length() : s.getSizeInBytes();
        }
        if (value instanceof StringData s) {
            return s.toBytes().length;
        }
        if (value instanceof byte[] b) {
            return b.length;
        }
        return 8;
    }

    private RowSizes() {}
}
