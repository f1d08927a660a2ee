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
public final class RowSizes implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    /** Bytes counted for a field whose size does not depend on its value (numbers, dates). */
    private static final int FIXED = 8;

    private final int[] variable;
    private final long fixedBytes;

    private RowSizes(int[] variable, long fixedBytes) {
        this.variable = variable;
        this.fixedBytes = fixedBytes;
    }

    /**
     * An estimator for rows of one type that looks only at the fields whose size depends on the
     * value (strings, bytes, and nested or unknown types): the others count {@value #FIXED} bytes
     * each, NULL or not. Cheaper per row than {@link #estimate(RowData)}, for sinks that see every
     * row.
     */
    public static RowSizes forType(org.apache.flink.table.types.logical.RowType type) {
        java.util.List<org.apache.flink.table.types.logical.LogicalType> fields =
                type.getChildren();
        int[] variable =
                java.util.stream.IntStream.range(0, fields.size())
                        .filter(i -> !fixedWidth(fields.get(i)))
                        .toArray();
        return new RowSizes(variable, (long) FIXED * (fields.size() - variable.length));
    }

    private static boolean fixedWidth(org.apache.flink.table.types.logical.LogicalType type) {
        return switch (type.getTypeRoot()) {
            case BOOLEAN,
                    TINYINT,
                    SMALLINT,
                    INTEGER,
                    BIGINT,
                    FLOAT,
                    DOUBLE,
                    DECIMAL,
                    DATE,
                    TIME_WITHOUT_TIME_ZONE,
                    TIMESTAMP_WITHOUT_TIME_ZONE,
                    TIMESTAMP_WITH_LOCAL_TIME_ZONE,
                    TIMESTAMP_WITH_TIME_ZONE,
                    INTERVAL_YEAR_MONTH,
                    INTERVAL_DAY_TIME ->
                    true;
            default -> false;
        };
    }

    /** The estimated size in bytes of a row of this estimator's type. */
    public long of(RowData row) {
        if (row instanceof BinaryRowData binary) {
            return binary.getSizeInBytes();
        }
        if (row instanceof GenericRowData generic) {
            long size = fixedBytes;
            for (int i : variable) {
                size += sizeOf(generic.getField(i));
            }
            return size;
        }
        return estimate(row);
    }

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
}
