package org.flinkx.connector.es.sink;

import java.io.Serializable;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.RowType;

/**
 * The document id of a row: its PRIMARY KEY's values as text ({@code DATE} as {@code 2024-05-01},
 * {@code TIMESTAMP} as {@code 2024-05-01T10:00}), joined by {@code document-id.key-delimiter}. So a
 * change to a key reaches the document the earlier changes made, and a replay overwrites it.
 */
@Internal
public final class DocumentIds implements Serializable {

    private static final long serialVersionUID = 1L;

    private final RowData.FieldGetter[] getters;
    private final LogicalTypeRoot[] roots;
    private final String delimiter;

    private DocumentIds(RowData.FieldGetter[] getters, LogicalTypeRoot[] roots, String delimiter) {
        this.getters = getters;
        this.roots = roots;
        this.delimiter = delimiter;
    }

    /** The ids by the key columns {@code keys} of {@code type}; none: no ids (generated ones). */
    public static DocumentIds of(RowType type, List<String> keys, String delimiter) {
        List<String> columns = type.getFieldNames();
        RowData.FieldGetter[] getters = new RowData.FieldGetter[keys.size()];
        LogicalTypeRoot[] roots = new LogicalTypeRoot[keys.size()];
        for (int i = 0; i < getters.length; i++) {
            int field = columns.indexOf(keys.get(i));
            if (field < 0) {
                throw new IllegalArgumentException(
                        "Key column '" + keys.get(i) + "' is not among the columns " + columns);
            }
            LogicalType fieldType = type.getTypeAt(field);
            getters[i] = RowData.createFieldGetter(fieldType, field);
            roots[i] = fieldType.getTypeRoot();
        }
        return new DocumentIds(getters, roots, delimiter);
    }

    public boolean isKeyed() {
        return getters.length > 0;
    }

    /** The row's document id, or null when rows have no key. */
    public String of(RowData row) {
        if (getters.length == 0) {
            return null;
        }
        if (getters.length == 1) {
            return text(getters[0].getFieldOrNull(row), roots[0]);
        }
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < getters.length; i++) {
            if (i > 0) {
                id.append(delimiter);
            }
            id.append(text(getters[i].getFieldOrNull(row), roots[i]));
        }
        return id.toString();
    }

    private static String text(Object value, LogicalTypeRoot root) {
        if (value == null) {
            return "null";
        }
        return switch (root) {
            case DATE -> java.time.LocalDate.ofEpochDay((Integer) value).toString();
            case TIMESTAMP_WITHOUT_TIME_ZONE ->
                    ((TimestampData) value).toLocalDateTime().toString();
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> ((TimestampData) value).toInstant().toString();
            default -> value.toString();
        };
    }
}
