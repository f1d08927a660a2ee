package org.flinkx.connector.es.convert;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.MapData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LocalZonedTimestampType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.MapType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.TimestampType;

/**
 * Writes Flink rows as JSON documents, the way Elasticsearch's and OpenSearch's {@code date},
 * numeric, {@code binary}, {@code object} and array fields read them: {@code DATE} as {@code
 * 2024-05-01}, {@code TIMESTAMP} as {@code 2024-05-01T10:00:00.123} (no zone: the cluster reads it
 * as UTC), {@code TIMESTAMP_LTZ} as an instant ending in {@code Z}, {@code TIME} as {@code
 * 10:00:00.123}, {@code DECIMAL} as a JSON number with all its digits, {@code BYTES} as base64,
 * {@code ROW} and {@code MAP} as objects, {@code ARRAY} as arrays. A null is written as {@code
 * null}, so an update clears the field. One writer per field, chosen once per type; the fields'
 * names are quoted and encoded once.
 */
@Internal
public final class DocumentWriter {

    private final SerializableString[] names;
    private final FieldWriter[] writers;

    public DocumentWriter(RowType type) {
        List<RowType.RowField> fields = type.getFields();
        this.names = names(type);
        this.writers = new FieldWriter[fields.size()];
        for (int i = 0; i < fields.size(); i++) {
            writers[i] = fieldWriter(fields.get(i).getType(), i);
        }
    }

    /** Writes {@code row} as one JSON object. */
    public void write(RowData row, JsonGenerator json) throws IOException {
        writeObject(names, writers, row, json);
    }

    /** Whether a value of this type can be written (for planning-time checks). */
    public static boolean supports(LogicalType type) {
        return switch (type.getTypeRoot()) {
            case MULTISET,
                    RAW,
                    STRUCTURED_TYPE,
                    DISTINCT_TYPE,
                    SYMBOL,
                    NULL,
                    UNRESOLVED,
                    INTERVAL_DAY_TIME,
                    INTERVAL_YEAR_MONTH,
                    VARIANT,
                    DESCRIPTOR ->
                    false;
            case ARRAY -> supports(((ArrayType) type).getElementType());
            case MAP ->
                    ((MapType) type)
                                    .getKeyType()
                                    .is(
                                            org.apache.flink.table.types.logical.LogicalTypeFamily
                                                    .CHARACTER_STRING)
                            && supports(((MapType) type).getValueType());
            case ROW -> type.getChildren().stream().allMatch(DocumentWriter::supports);
            default -> true;
        };
    }

    private static SerializableString[] names(RowType type) {
        return type.getFieldNames().stream()
                .map(SerializedString::new)
                .toArray(SerializableString[]::new);
    }

    private static void writeObject(
            SerializableString[] names, FieldWriter[] writers, RowData row, JsonGenerator json)
            throws IOException {
        json.writeStartObject();
        for (int i = 0; i < writers.length; i++) {
            json.writeFieldName(names[i]);
            if (row.isNullAt(i)) {
                json.writeNull();
            } else {
                writers[i].write(row, json);
            }
        }
        json.writeEndObject();
    }

    /** Writes field {@code pos} of a row; the field is not null. */
    @FunctionalInterface
    private interface FieldWriter {
        void write(RowData row, JsonGenerator json) throws IOException;
    }

    /** Writes element {@code pos} of an array; the element is not null. */
    @FunctionalInterface
    private interface ElementWriter {
        void write(ArrayData array, int pos, JsonGenerator json) throws IOException;
    }

    private static FieldWriter fieldWriter(LogicalType type, int pos) {
        return switch (type.getTypeRoot()) {
            case CHAR, VARCHAR -> (row, json) -> json.writeString(row.getString(pos).toString());
            case BOOLEAN -> (row, json) -> json.writeBoolean(row.getBoolean(pos));
            case TINYINT -> (row, json) -> json.writeNumber(row.getByte(pos));
            case SMALLINT -> (row, json) -> json.writeNumber(row.getShort(pos));
            case INTEGER -> (row, json) -> json.writeNumber(row.getInt(pos));
            case BIGINT -> (row, json) -> json.writeNumber(row.getLong(pos));
            case FLOAT -> (row, json) -> json.writeNumber(row.getFloat(pos));
            case DOUBLE -> (row, json) -> json.writeNumber(row.getDouble(pos));
            case DECIMAL -> {
                DecimalType decimal = (DecimalType) type;
                int p = decimal.getPrecision();
                int s = decimal.getScale();
                yield (row, json) -> json.writeNumber(row.getDecimal(pos, p, s).toBigDecimal());
            }
            case DATE -> (row, json) -> json.writeString(Temporal.date(row.getInt(pos)));
            case TIME_WITHOUT_TIME_ZONE ->
                    (row, json) -> json.writeString(Temporal.time(row.getInt(pos)));
            case TIMESTAMP_WITHOUT_TIME_ZONE -> {
                int precision = ((TimestampType) type).getPrecision();
                yield (row, json) ->
                        json.writeString(Temporal.timestamp(row.getTimestamp(pos, precision)));
            }
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> {
                int precision = ((LocalZonedTimestampType) type).getPrecision();
                yield (row, json) ->
                        json.writeString(Temporal.instant(row.getTimestamp(pos, precision)));
            }
            case BINARY, VARBINARY ->
                    (row, json) ->
                            json.writeString(
                                    Base64.getEncoder().encodeToString(row.getBinary(pos)));
            case ROW -> {
                RowType rowType = (RowType) type;
                int arity = rowType.getFieldCount();
                SerializableString[] names = names(rowType);
                FieldWriter[] writers = new FieldWriter[arity];
                for (int i = 0; i < arity; i++) {
                    writers[i] = fieldWriter(rowType.getTypeAt(i), i);
                }
                yield (row, json) -> writeObject(names, writers, row.getRow(pos, arity), json);
            }
            case ARRAY -> {
                ElementWriter element = elementWriter(((ArrayType) type).getElementType());
                yield (row, json) -> writeArray(row.getArray(pos), element, json);
            }
            case MAP -> {
                ElementWriter value = elementWriter(((MapType) type).getValueType());
                yield (row, json) -> writeMap(row.getMap(pos), value, json);
            }
            default ->
                    throw new IllegalArgumentException(
                            "Elasticsearch documents cannot hold values of type " + type);
        };
    }

    private static ElementWriter elementWriter(LogicalType type) {
        return switch (type.getTypeRoot()) {
            case CHAR, VARCHAR -> (a, i, json) -> json.writeString(a.getString(i).toString());
            case BOOLEAN -> (a, i, json) -> json.writeBoolean(a.getBoolean(i));
            case TINYINT -> (a, i, json) -> json.writeNumber(a.getByte(i));
            case SMALLINT -> (a, i, json) -> json.writeNumber(a.getShort(i));
            case INTEGER -> (a, i, json) -> json.writeNumber(a.getInt(i));
            case BIGINT -> (a, i, json) -> json.writeNumber(a.getLong(i));
            case FLOAT -> (a, i, json) -> json.writeNumber(a.getFloat(i));
            case DOUBLE -> (a, i, json) -> json.writeNumber(a.getDouble(i));
            case DECIMAL -> {
                DecimalType decimal = (DecimalType) type;
                int p = decimal.getPrecision();
                int s = decimal.getScale();
                yield (a, i, json) -> json.writeNumber(a.getDecimal(i, p, s).toBigDecimal());
            }
            case DATE -> (a, i, json) -> json.writeString(Temporal.date(a.getInt(i)));
            case TIME_WITHOUT_TIME_ZONE ->
                    (a, i, json) -> json.writeString(Temporal.time(a.getInt(i)));
            case TIMESTAMP_WITHOUT_TIME_ZONE -> {
                int precision = ((TimestampType) type).getPrecision();
                yield (a, i, json) ->
                        json.writeString(Temporal.timestamp(a.getTimestamp(i, precision)));
            }
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> {
                int precision = ((LocalZonedTimestampType) type).getPrecision();
                yield (a, i, json) ->
                        json.writeString(Temporal.instant(a.getTimestamp(i, precision)));
            }
            case BINARY, VARBINARY ->
                    (a, i, json) ->
                            json.writeString(Base64.getEncoder().encodeToString(a.getBinary(i)));
            case ROW -> {
                RowType rowType = (RowType) type;
                int arity = rowType.getFieldCount();
                SerializableString[] names = names(rowType);
                FieldWriter[] writers = new FieldWriter[arity];
                for (int f = 0; f < arity; f++) {
                    writers[f] = fieldWriter(rowType.getTypeAt(f), f);
                }
                yield (a, i, json) -> writeObject(names, writers, a.getRow(i, arity), json);
            }
            case ARRAY -> {
                ElementWriter element = elementWriter(((ArrayType) type).getElementType());
                yield (a, i, json) -> writeArray(a.getArray(i), element, json);
            }
            case MAP -> {
                ElementWriter value = elementWriter(((MapType) type).getValueType());
                yield (a, i, json) -> writeMap(a.getMap(i), value, json);
            }
            default ->
                    throw new IllegalArgumentException(
                            "Elasticsearch documents cannot hold values of type " + type);
        };
    }

    private static void writeArray(ArrayData array, ElementWriter element, JsonGenerator json)
            throws IOException {
        json.writeStartArray();
        for (int i = 0; i < array.size(); i++) {
            if (array.isNullAt(i)) {
                json.writeNull();
            } else {
                element.write(array, i, json);
            }
        }
        json.writeEndArray();
    }

    private static void writeMap(MapData map, ElementWriter value, JsonGenerator json)
            throws IOException {
        ArrayData keys = map.keyArray();
        ArrayData values = map.valueArray();
        json.writeStartObject();
        for (int i = 0; i < map.size(); i++) {
            json.writeFieldName(keys.getString(i).toString());
            if (values.isNullAt(i)) {
                json.writeNull();
            } else {
                value.write(values, i, json);
            }
        }
        json.writeEndObject();
    }
}
