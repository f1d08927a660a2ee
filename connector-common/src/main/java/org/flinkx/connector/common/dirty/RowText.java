package org.flinkx.connector.common.dirty;

import java.io.Serializable;
import java.util.List;
import java.util.StringJoiner;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.MapData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.MapType;
import org.apache.flink.table.types.logical.MultisetType;
import org.apache.flink.table.types.logical.RowType;

/**
 * A row as dirty storage shows it, whatever its internal class: {@code +I[1, text, [a, b], {k=1},
 * <3 bytes>]} (the change kind, then the fields; binary values by their length only).
 */
@Internal
public final class RowText implements Serializable {

    private static final long serialVersionUID = 1L;

    private final LogicalType[] types;
    private final RowData.FieldGetter[] getters;

    private RowText(List<LogicalType> types) {
        this.types = types.toArray(new LogicalType[0]);
        this.getters = new RowData.FieldGetter[this.types.length];
        for (int i = 0; i < getters.length; i++) {
            getters[i] = RowData.createFieldGetter(this.types[i], i);
        }
    }

    public static RowText of(RowType type) {
        return new RowText(type.getChildren());
    }

    public String render(RowData row) {
        StringJoiner joiner = new StringJoiner(", ", row.getRowKind().shortString() + "[", "]");
        for (int i = 0; i < getters.length && i < row.getArity(); i++) {
            joiner.add(value(getters[i].getFieldOrNull(row), types[i]));
        }
        return joiner.toString();
    }

    private static String value(Object value, LogicalType type) {
        if (value == null) {
            return "null";
        }
        if (value instanceof byte[] bytes) {
            return "<" + bytes.length + " bytes>";
        }
        switch (type.getTypeRoot()) {
            case ARRAY:
                return array((ArrayData) value, ((ArrayType) type).getElementType());
            case MULTISET:
                return map((MapData) value, ((MultisetType) type).getElementType(), null);
            case MAP:
                MapType map = (MapType) type;
                return map((MapData) value, map.getKeyType(), map.getValueType());
            case ROW:
                RowText nested = new RowText(type.getChildren());
                String text = nested.render((RowData) value);
                return text.substring(text.indexOf('['));
            default:
                return value.toString();
        }
    }

    private static String array(ArrayData array, LogicalType element) {
        ArrayData.ElementGetter getter = ArrayData.createElementGetter(element);
        StringJoiner joiner = new StringJoiner(", ", "[", "]");
        for (int i = 0; i < array.size(); i++) {
            joiner.add(value(getter.getElementOrNull(array, i), element));
        }
        return joiner.toString();
    }

    private static String map(MapData map, LogicalType keyType, LogicalType valueType) {
        ArrayData.ElementGetter keys = ArrayData.createElementGetter(keyType);
        ArrayData.ElementGetter values =
                ArrayData.createElementGetter(
                        valueType == null
                                ? new org.apache.flink.table.types.logical.IntType()
                                : valueType);
        StringJoiner joiner = new StringJoiner(", ", "{", "}");
        for (int i = 0; i < map.size(); i++) {
            Object value = values.getElementOrNull(map.valueArray(), i);
            joiner.add(
                    value(keys.getElementOrNull(map.keyArray(), i), keyType)
                            + "="
                            + (valueType == null
                                    ? String.valueOf(value)
                                    : value(value, valueType)));
        }
        return joiner.toString();
    }
}
