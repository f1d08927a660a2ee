package org.flinkx.connector.starrocks.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.MapData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
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
    private final BodyBuffer line = new BodyBuffer(256);
    private final BodyBuffer scratch = new BodyBuffer(256);
    private final byte[] separator;
    private final byte[] delimiter;
    private final byte[] enclose;
    private final boolean[] mayCollide;

    private static final byte[] NULL = {'\\', 'N'};
    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

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
        this.separator = utf8(format.json() ? "" : format.columnSeparator());
        this.delimiter = utf8(format.json() ? "" : format.rowDelimiter());
        this.enclose =
                format.enclose() == null
                        ? null
                        : String.valueOf(format.enclose()).getBytes(StandardCharsets.UTF_8);
        this.mayCollide = mayCollide(format);
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

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
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
        if (format.json() || enclose != null) {
            return;
        }
        for (int i = 0; i < types.length; i++) {
            if (!mayCollide[i]) {
                continue;
            }
            Object value = getters[i].getFieldOrNull(row);
            if (value == null) {
                continue;
            }
            scratch.reset();
            writeValue(scratch, value, types[i]);
            if (needsEnclosing(scratch, 0)) {
                throw new UnencodableRowException(
                        names.get(i),
                        "its value contains the column separator or the row delimiter, or reads "
                                + "as NULL (\\N), in CSV; set 'sink.properties.enclose' (StarRocks "
                                + "3.0+) or 'sink.properties.format' = 'json'");
            }
        }
    }

    /**
     * Which columns' text may contain the separator, the delimiter or the enclose character: text
     * and nested columns always; numbers, booleans and dates only when those contain a character
     * such values are written with (digits, signs, '.', ':', ' ', letters of true/NaN/E).
     */
    private boolean[] mayCollide(LoadFormat format) {
        if (format.json()) {
            return new boolean[types.length];
        }
        String written = "0123456789+-.: EINaefilnrstuy";
        StringBuilder special = new StringBuilder(format.columnSeparator());
        special.append(format.rowDelimiter());
        if (format.enclose() != null) {
            special.append(format.enclose());
        }
        boolean scalars = special.chars().anyMatch(c -> written.indexOf(c) >= 0);
        boolean[] result = new boolean[types.length];
        for (int i = 0; i < types.length; i++) {
            result[i] =
                    scalars
                            || switch (types[i].getTypeRoot()) {
                                case CHAR, VARCHAR, ARRAY, MAP, ROW -> true;
                                default -> false;
                            };
        }
        return result;
    }

    /** One row of the body, of a row {@link #check} took. */
    public byte[] encode(RowData row) {
        line.reset();
        encodeTo(row, line);
        return line.toByteArray();
    }

    /** Appends one row of the body, of a row {@link #check} took. */
    void encodeTo(RowData row, BodyBuffer out) {
        if (format.json()) {
            out.write(json(row));
        } else {
            csv(row, out);
        }
    }

    /** The row as a JSON object, for dirty records. */
    public String describe(RowData row) {
        return new String(json(row), StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ CSV

    private void csv(RowData row, BodyBuffer out) {
        for (int i = 0; i < types.length; i++) {
            if (i > 0) {
                out.write(separator);
            }
            Object value = getters[i].getFieldOrNull(row);
            if (value == null) {
                out.write(NULL);
                continue;
            }
            int start = out.length();
            writeValue(out, value, types[i]);
            if (mayCollide[i] && needsEnclosing(out, start)) {
                if (enclose == null) {
                    throw new IllegalStateException("A row to encode was not checked");
                }
                enclose(out, start);
            }
        }
        if (changelog) {
            out.write(separator);
            out.write((byte) (isDelete(row) ? '1' : '0'));
        }
        out.write(delimiter);
    }

    private boolean needsEnclosing(BodyBuffer out, int start) {
        return out.contains(start, separator)
                || out.contains(start, delimiter)
                || out.equalsFrom(start, NULL)
                || (enclose != null && out.contains(start, enclose));
    }

    /** Encloses the value written from {@code start}, doubling the enclose character in it. */
    private void enclose(BodyBuffer out, int start) {
        byte[] value = out.copyFrom(start);
        out.truncate(start);
        out.write(enclose);
        for (int i = 0; i < value.length; i++) {
            if (value[i] == enclose[0]
                    && java.util.Arrays.equals(
                            value,
                            i,
                            Math.min(value.length, i + enclose.length),
                            enclose,
                            0,
                            enclose.length)) {
                out.write(enclose);
                out.write(enclose);
                i += enclose.length - 1;
            } else {
                out.write(value[i]);
            }
        }
        out.write(enclose);
    }

    /** A value's CSV text, written as UTF-8 without intermediate strings where it can. */
    private void writeValue(BodyBuffer out, Object value, LogicalType type) {
        switch (type.getTypeRoot()) {
            case CHAR, VARCHAR -> out.write((StringData) value);
            case TINYINT -> out.write((long) (Byte) value);
            case SMALLINT -> out.write((long) (Short) value);
            case INTEGER -> out.write((long) (Integer) value);
            case BIGINT -> out.write((long) (Long) value);
            case DECIMAL -> decimal(out, (DecimalData) value);
            case DATE -> date(out, (Integer) value);
            case TIMESTAMP_WITHOUT_TIME_ZONE, TIMESTAMP_WITH_LOCAL_TIME_ZONE ->
                    timestamp(out, (TimestampData) value);
            case ARRAY, MAP, ROW -> out.write(nestedJson(value, type));
            default -> out.write(scalarText(value, type));
        }
    }

    private static void decimal(BodyBuffer out, DecimalData value) {
        int scale = value.scale();
        if (!DecimalData.isCompact(value.precision()) || scale >= POWERS_OF_TEN.length) {
            out.write(value.toBigDecimal().toPlainString());
            return;
        }
        long unscaled = value.toUnscaledLong();
        if (scale == 0) {
            out.write(unscaled);
            return;
        }
        if (unscaled < 0) {
            out.write((byte) '-');
            unscaled = -unscaled;
        }
        long power = POWERS_OF_TEN[scale];
        out.write(unscaled / power);
        out.write((byte) '.');
        out.digits(unscaled % power, scale);
    }

    private static void date(BodyBuffer out, long epochDay) {
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            out.write(date.toString());
            return;
        }
        out.digits(year, 4);
        out.write((byte) '-');
        out.digits(date.getMonthValue(), 2);
        out.write((byte) '-');
        out.digits(date.getDayOfMonth(), 2);
    }

    /** {@code yyyy-MM-dd HH:mm:ss}, with the fraction (at most micros, StarRocks' DATETIME). */
    private static void timestamp(BodyBuffer out, TimestampData value) {
        long millis = value.getMillisecond();
        long millisOfDay = Math.floorMod(millis, MILLIS_PER_DAY);
        date(out, Math.floorDiv(millis, MILLIS_PER_DAY));
        out.write((byte) ' ');
        out.digits(millisOfDay / 3_600_000, 2);
        out.write((byte) ':');
        out.digits(millisOfDay / 60_000 % 60, 2);
        out.write((byte) ':');
        out.digits(millisOfDay / 1000 % 60, 2);
        long micros = millisOfDay % 1000 * 1000 + value.getNanoOfMillisecond() / 1000;
        if (micros != 0) {
            int width = 6;
            while (micros % 10 == 0) {
                micros /= 10;
                width--;
            }
            out.write((byte) '.');
            out.digits(micros, width);
        }
    }

    private byte[] nestedJson(Object value, LogicalType type) {
        jsonBytes.reset();
        try (JsonGenerator json = jsonFactory.createGenerator(jsonBytes)) {
            writeJson(json, value, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jsonBytes.toByteArray();
    }

    /** A scalar's text in JSON and as a MAP key. */
    private static String scalarText(Object value, LogicalType type) {
        switch (type.getTypeRoot()) {
            case DECIMAL, DATE, TIMESTAMP_WITHOUT_TIME_ZONE, TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                BodyBuffer text = new BodyBuffer(32);
                if (type.getTypeRoot()
                        == org.apache.flink.table.types.logical.LogicalTypeRoot.DECIMAL) {
                    decimal(text, (DecimalData) value);
                } else if (type.getTypeRoot()
                        == org.apache.flink.table.types.logical.LogicalTypeRoot.DATE) {
                    date(text, (Integer) value);
                } else {
                    timestamp(text, (TimestampData) value);
                }
                return new String(text.toByteArray(), StandardCharsets.US_ASCII);
            case TIME_WITHOUT_TIME_ZONE:
                return LocalTime.ofNanoOfDay((Integer) value * 1_000_000L).toString();
            default:
                return value.toString();
        }
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
