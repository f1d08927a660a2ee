package org.flinkx.connector.common.sink;

import java.util.List;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;

/**
 * A row's key by its key columns, for {@link TargetWriter#keyOf}: the buffer keeps each key's last
 * change. Without key columns every row is its own (the key is null).
 */
@PublicEvolving
public final class RowKeys {

    private final RowData.FieldGetter[] getters;

    private RowKeys(RowData.FieldGetter[] getters) {
        this.getters = getters;
    }

    /** The keys of {@code type}'s rows by the columns {@code keys} (none: no key). */
    public static RowKeys of(RowType type, List<String> keys) {
        List<String> columns = type.getFieldNames();
        RowData.FieldGetter[] getters = new RowData.FieldGetter[keys.size()];
        for (int i = 0; i < getters.length; i++) {
            int field = columns.indexOf(keys.get(i));
            if (field < 0) {
                throw new IllegalArgumentException(
                        "Key column '" + keys.get(i) + "' is not among the columns " + columns);
            }
            getters[i] = RowData.createFieldGetter(type.getTypeAt(field), field);
        }
        return new RowKeys(getters);
    }

    /** Whether rows have a key. */
    public boolean isKeyed() {
        return getters.length > 0;
    }

    /** The row's key (a row of its key columns' values), or null without key columns. */
    public Object keyOf(RowData row) {
        if (getters.length == 0) {
            return null;
        }
        GenericRowData key = new GenericRowData(getters.length);
        for (int i = 0; i < getters.length; i++) {
            key.setField(i, getters[i].getFieldOrNull(row));
        }
        return key;
    }
}
