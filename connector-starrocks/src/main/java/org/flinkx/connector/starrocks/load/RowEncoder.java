package org.flinkx.connector.starrocks.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.MapData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.MapType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.RowKind;

/**
 * Writes rows as StarRocks reads them in a Stream Load body, one row at a time. CSV: the columns in
 * declared order, {@code \N} for NULL, the {@code __op} column last for primary-key loads; a value
 * that contains the column separator, the row delimiter or the enclose character (or reads as
 * {@code \N}) is enclosed, with the enclose character doubled, when {@code enclose} is configured,
 * and refused by {@link #check} otherwise (naming the column): it would shift the row's columns.
 * JSON: one object per row, keys the column names. Both: DATE as {@code yyyy-MM-dd}, TIMESTAMP as
 * {@code yyyy-MM-dd HH:mm:ss[.ffffff]} (TIMESTAMP_LTZ in UTC), DECIMAL in plain notation, ARRAY,
 * MAP and ROW as JSON (for StarRocks' ARRAY, MAP, STRUCT and JSON columns).
 */
@Internal
public final class RowEncoder {

    /** The column StarRocks reads a primary-key load's change kind from: 0 upsert, 1 delete. */
    public static final String OP_COLUMN = "__op";

    private final LoadFormat format;
    private final List<String> names;
    private final LogicalType[] types;
    private final RowData.FieldGetter[] getters;
    private final boolean changelog;
    private final JsonFactory jsonFactory =
            JsonFactory.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();
    private final ByteArrayOutputStream jsonBytes = new ByteArrayOutputStream(256);
    private final StringBuilder line = new StringBuilder(256);

    /**
     * @param changelog whether rows carry changes to a primary-key table ({@code __op})
     */
    public RowEncoder(LoadFormat format, RowType rowType, boolean changelog) {
        this.format = format;
        this.names = rowType.getFieldNames();
        this.types = rowType.getChildren().toArray(new LogicalType[0]);
        this.getters = new RowData.FieldGetter[types.length];
        for (int i = 0; i < types.length; i++) {
            getters[i] = RowData.createFieldGetter(types[i], i);
        }
        this.changelog = changelog;
    }

    /**
     * The Flink types the encoder writes; throws IllegalArgumentException naming the first column
     * of another type.
     */
    public static void checkSupported(RowType rowType) {
        for (RowType.RowField field : rowType.getFields()) {
            String problem = unsupported(field.getType());
            if (problem != null) {
                throw new IllegalArgumentException(
                        "Column '"
                                + field.getName()
                                + "' has type "
                                + field.getType()
                                + ", which flinkx-starrocks does not write ("
                                + problem
                                + ").");
            }
        }
    }

    private static String unsupported(LogicalType type) {
        switch (type.getTypeRoot()) {
            case BINARY,
            VARBINARY,
            MULTISET,
            RAW,
            STRUCTURED_TYPE,
            DISTINCT_TYPE,
            NULL,
            SYMBOL,
            UNRESOLVED,
            INTERVAL_DAY_TIME,
            INTERVAL_YEAR_MONTH,
            TIMESTAMP_WITH_TIME_ZONE,
            DESCRIPTOR,
            VARIANT:
                return "declare it as a STRING, a number, a date or time, an ARRAY, MAP or ROW";
            case ARRAY:
                return unsupported(((ArrayType) type).getElementType());
            case MAP:
                String key = unsupported(((MapType) type).getKeyType());
                return key != null ? key : unsupported(((MapType) type).getValueType());
            case ROW:
                for (LogicalType child : type.getChildren()) {
                    String problem = unsupported(child);
                    if (problem != null) {
                        return problem;
                    }
                }
                return null;
            default:
                return null;
        }
    }

    /** Whether a row is a delete (or the retraction of an update) of its key. */
    public static boolean isDelete(RowData row) {
        return row.getRowKind() == RowKind.DELETE || row.getRowKind() == RowKind.UPDATE_BEFORE;
    }

    /** The bytes the body starts with: {@code [} for JSON. */
    public byte[] start() {
        return format.json() ? new byte[] {'['} : new byte[0];
    }

    /** The bytes between two rows: {@code ,} for JSON (CSV rows end with the row delimiter). */
    public byte[] between() {
        return format.json() ? new byte[] {','} : new byte[0];
    }

    /** The bytes the body ends with: {@code ]} for JSON. */
    public byte[] end() {
        return format.json() ? new byte[] {']'} : new byte[0];
    }

    /**
     * Refuses a row whose CSV would shift its columns (a value with the separator, the delimiter or
     * {@code \N}, and no {@code enclose} configured); JSON and enclosed CSV take every row.
     */
    public void check(RowData row) throws UnencodableRowException {
        if (format.json() || format.enclose() != null) {
            return;
        }
        for (int i = 0; i < types.length; i++) {
            if (!mayNeedEnclosing(types[i])) {
                continue;
            }
            Object value = getters[i].getFieldOrNull(row);
            if (value != null && needsEnclosing(text(value, types[i]))) {
                throw new UnencodableRowException(
                        names.get(i),
                        "its value contains the column separator or the row delimiter, or reads "
                                + "as NULL (\\N), in CSV; set 'sink.properties.enclose' (StarRocks "
                                + "3.0+) or 'sink.properties.format' = 'json'");
            }
        }
    }

    /** Text columns (and JSON text of nested ones) may hold any character. */
    private static boolean mayNeedEnclosing(LogicalType type) {
        return switch (type.getTypeRoot()) {
            case CHAR, VARCHAR, ARRAY, MAP, ROW -> true;
            default -> false;
        };
    }

    /** One row of the body, of a row {@link #check} took. */
    public byte[] encode(RowData row) {
        return format.json() ? json(row) : csv(row);
    }

    /** The row as a JSON object, for dirty records. */
    public String describe(RowData row) {
        return new String(json(row), StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ CSV

    private byte[] csv(RowData row) {
        line.setLength(0);
        for (int i = 0; i < types.length; i++) {
            if (i > 0) {
                line.append(format.columnSeparator());
            }
            Object value = getters[i].getFieldOrNull(row);
            if (value == null) {
                line.append("\\N");
                continue;
            }
            String text = text(value, types[i]);
            if (needsEnclosing(text)) {
                Character enclose = format.enclose();
                if (enclose == null) {
                    throw new IllegalStateException("A row to encode was not checked");
                }
                String doubled = String.valueOf(enclose) + enclose;
                line.append(enclose)
                        .append(text.replace(String.valueOf(enclose), doubled))
                        .append(enclose);
            } else {
                line.append(text);
            }
        }
        if (changelog) {
            line.append(format.columnSeparator()).append(isDelete(row) ? '1' : '0');
        }
        line.append(format.rowDelimiter());
        return line.toString().getBytes(StandardCharsets.UTF_8);
    }

    private boolean needsEnclosing(String text) {
        return text.contains(format.columnSeparator())
                || text.contains(format.rowDelimiter())
                || text.equals("\\N")
                || (format.enclose() != null && text.indexOf(format.enclose()) >= 0);
    }

    private String text(Object value, LogicalType type) {
        switch (type.getTypeRoot()) {
            case ARRAY, MAP, ROW:
                jsonBytes.reset();
                try (JsonGenerator json = jsonFactory.createGenerator(jsonBytes)) {
                    writeJson(json, value, type);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return jsonBytes.toString(StandardCharsets.UTF_8);
            default:
                return scalarText(value, type);
        }
    }

    private static String scalarText(Object value, LogicalType type) {
        switch (type.getTypeRoot()) {
            case DECIMAL:
                return ((org.apache.flink.table.data.DecimalData) value)
                        .toBigDecimal()
                        .toPlainString();
            case DATE:
                return LocalDate.ofEpochDay((Integer) value).toString();
            case TIME_WITHOUT_TIME_ZONE:
                return LocalTime.ofNanoOfDay((Integer) value * 1_000_000L).toString();
            case TIMESTAMP_WITHOUT_TIME_ZONE:
                return timestamp(
                        ((org.apache.flink.table.data.TimestampData) value).toLocalDateTime());
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                return timestamp(
                        LocalDateTime.ofInstant(
                                ((org.apache.flink.table.data.TimestampData) value).toInstant(),
                                ZoneOffset.UTC));
            default:
                return value.toString();
        }
    }

    /** {@code yyyy-MM-dd HH:mm:ss}, with the fraction (at most micros, StarRocks' DATETIME). */
    private static String timestamp(LocalDateTime value) {
        StringBuilder text = new StringBuilder(26);
        text.append(value.toLocalDate()).append(' ');
        LocalTime time = value.toLocalTime();
        two(text, time.getHour()).append(':');
        two(text, time.getMinute()).append(':');
        two(text, time.getSecond());
        int micros = time.getNano() / 1000;
        if (micros != 0) {
            String fraction = String.format("%06d", micros);
            int end = fraction.length();
            while (fraction.charAt(end - 1) == '0') {
                end--;
            }
            text.append('.').append(fraction, 0, end);
        }
        return text.toString();
    }

    private static StringBuilder two(StringBuilder text, int value) {
        return text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    // ------------------------------------------------------------------ JSON

    private byte[] json(RowData row) {
        jsonBytes.reset();
        try (JsonGenerator json = jsonFactory.createGenerator(jsonBytes)) {
            json.writeStartObject();
            for (int i = 0; i < types.length; i++) {
                json.writeFieldName(names.get(i));
                writeJson(json, getters[i].getFieldOrNull(row), types[i]);
            }
            if (changelog) {
                json.writeNumberField(OP_COLUMN, isDelete(row) ? 1 : 0);
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jsonBytes.toByteArray();
    }

    private static void writeJson(JsonGenerator json, Object value, LogicalType type)
            throws IOException {
        if (value == null) {
            json.writeNull();
            return;
        }
        switch (type.getTypeRoot()) {
            case BOOLEAN -> json.writeBoolean((Boolean) value);
            case TINYINT -> json.writeNumber((Byte) value);
            case SMALLINT -> json.writeNumber((Short) value);
            case INTEGER -> json.writeNumber((Integer) value);
            case BIGINT -> json.writeNumber((Long) value);
            case FLOAT -> json.writeNumber((Float) value);
            case DOUBLE -> json.writeNumber((Double) value);
            case DECIMAL ->
                    json.writeNumber(
                            ((org.apache.flink.table.data.DecimalData) value).toBigDecimal());
            case ARRAY -> {
                ArrayData array = (ArrayData) value;
                LogicalType element = ((ArrayType) type).getElementType();
                ArrayData.ElementGetter getter = ArrayData.createElementGetter(element);
                json.writeStartArray();
                for (int i = 0; i < array.size(); i++) {
                    writeJson(json, getter.getElementOrNull(array, i), element);
                }
                json.writeEndArray();
            }
            case MAP -> {
                MapData map = (MapData) value;
                MapType mapType = (MapType) type;
                ArrayData.ElementGetter keys = ArrayData.createElementGetter(mapType.getKeyType());
                ArrayData.ElementGetter values =
                        ArrayData.createElementGetter(mapType.getValueType());
                json.writeStartObject();
                for (int i = 0; i < map.size(); i++) {
                    Object key = keys.getElementOrNull(map.keyArray(), i);
                    json.writeFieldName(
                            key == null ? "null" : scalarText(key, mapType.getKeyType()));
                    writeJson(
                            json,
                            values.getElementOrNull(map.valueArray(), i),
                            mapType.getValueType());
                }
                json.writeEndObject();
            }
            case ROW -> {
                RowType rowType = (RowType) type;
                RowData nested = (RowData) value;
                json.writeStartObject();
                for (int i = 0; i < rowType.getFieldCount(); i++) {
                    json.writeFieldName(rowType.getFieldNames().get(i));
                    writeJson(
                            json,
                            RowData.createFieldGetter(rowType.getTypeAt(i), i)
                                    .getFieldOrNull(nested),
                            rowType.getTypeAt(i));
                }
                json.writeEndObject();
            }
            default -> json.writeString(scalarText(value, type));
        }
    }
}
