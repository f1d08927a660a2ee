package org.flinkx.connector.starrocks.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.MapData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.MapType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.utils.LogicalTypeChecks;
import org.apache.flink.types.RowKind;
import org.flinkx.connector.common.text.TextBytes;
import org.flinkx.connector.common.text.TextBytes.Fraction;

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
    private final CsvValue[] csvValues;
    private final boolean changelog;
    private final JsonFactory jsonFactory =
            JsonFactory.builder()
                    .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                    .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                    .build();
    private final JsonTarget jsonTarget = new JsonTarget();
    private JsonGenerator json;
    private final TextBytes line = new TextBytes(256);
    private final TextBytes scratch = new TextBytes(256);

    /** The text of one JSON scalar (a DECIMAL, a date), reused: see {@link #scalarText}. */
    private final TextBytes scalar = new TextBytes(32);

    private final byte[] separator;
    private final byte[] delimiter;
    private final byte[] enclose;
    private final boolean[] mayCollide;
    private final byte[][] special;
    private final boolean[] specialFirstBytes = new boolean[256];

    private static final byte[] NULL = {'\\', 'N'};

    /** A column's non-NULL value written as CSV text. */
    @FunctionalInterface
    private interface CsvValue {
        void write(RowData row, int pos, TextBytes out);
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
        this.special =
                enclose == null
                        ? new byte[][] {separator, delimiter}
                        : new byte[][] {separator, delimiter, enclose};
        for (byte[] needle : special) {
            if (needle.length > 0) {
                specialFirstBytes[needle[0] & 0xFF] = true;
            }
        }
        this.csvValues = new CsvValue[types.length];
        for (int i = 0; i < types.length; i++) {
            csvValues[i] = csvValue(types[i], getters[i]);
        }
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
            if (row.isNullAt(i)) {
                continue;
            }
            scratch.reset();
            csvValues[i].write(row, i, scratch);
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
    void encodeTo(RowData row, TextBytes out) {
        if (format.json()) {
            json(row, out);
        } else {
            csv(row, out);
        }
    }

    /** The row as a JSON object, for dirty records. */
    public String describe(RowData row) {
        line.reset();
        json(row, line);
        return new String(line.toByteArray(), StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ CSV

    private void csv(RowData row, TextBytes out) {
        for (int i = 0; i < types.length; i++) {
            if (i > 0) {
                out.put(separator);
            }
            if (row.isNullAt(i)) {
                out.put(NULL);
                continue;
            }
            int start = out.length();
            csvValues[i].write(row, i, out);
            if (mayCollide[i] && needsEnclosing(out, start)) {
                if (enclose == null) {
                    throw new IllegalStateException("A row to encode was not checked");
                }
                enclose(out, start);
            }
        }
        if (changelog) {
            out.put(separator);
            out.put((byte) (isDelete(row) ? '1' : '0'));
        }
        out.put(delimiter);
    }

    private boolean needsEnclosing(TextBytes out, int start) {
        return out.containsAny(start, specialFirstBytes, special) || out.equalsFrom(start, NULL);
    }

    /** Encloses the value written from {@code start}, doubling the enclose character in it. */
    private void enclose(TextBytes out, int start) {
        byte[] value = out.copyFrom(start);
        out.truncate(start);
        out.put(enclose);
        for (int i = 0; i < value.length; i++) {
            if (value[i] == enclose[0]
                    && java.util.Arrays.equals(
                            value,
                            i,
                            Math.min(value.length, i + enclose.length),
                            enclose,
                            0,
                            enclose.length)) {
                out.put(enclose);
                out.put(enclose);
                i += enclose.length - 1;
            } else {
                out.put(value[i]);
            }
        }
        out.put(enclose);
    }

    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

    /** How a column's value is written as CSV, read with the type's own getter (no boxing). */
    private CsvValue csvValue(LogicalType type, RowData.FieldGetter getter) {
        switch (type.getTypeRoot()) {
            case CHAR, VARCHAR:
                return (row, pos, out) -> out.putString(row.getString(pos));
            case BOOLEAN:
                return (row, pos, out) -> out.put(row.getBoolean(pos) ? TRUE : FALSE);
            case TINYINT:
                return (row, pos, out) -> out.putLong(row.getByte(pos));
            case SMALLINT:
                return (row, pos, out) -> out.putLong(row.getShort(pos));
            case INTEGER:
                return (row, pos, out) -> out.putLong(row.getInt(pos));
            case BIGINT:
                return (row, pos, out) -> out.putLong(row.getLong(pos));
            case FLOAT:
                return (row, pos, out) -> out.putFloat(row.getFloat(pos));
            case DOUBLE:
                return (row, pos, out) -> out.putDouble(row.getDouble(pos));
            case DECIMAL:
                DecimalType decimal = (DecimalType) type;
                int precision = decimal.getPrecision();
                int scale = decimal.getScale();
                return (row, pos, out) -> out.putDecimal(row.getDecimal(pos, precision, scale));
            case DATE:
                return (row, pos, out) -> out.putDate(row.getInt(pos));
            case TIME_WITHOUT_TIME_ZONE:
                return (row, pos, out) ->
                        out.putTime(row.getInt(pos) * 1_000_000L, Fraction.MICROS_TRIMMED);
            case TIMESTAMP_WITHOUT_TIME_ZONE, TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                int timestampPrecision = LogicalTypeChecks.getPrecision(type);
                return (row, pos, out) ->
                        out.putTimestamp(
                                row.getTimestamp(pos, timestampPrecision), Fraction.MICROS_TRIMMED);
            default: // ARRAY, MAP, ROW: as JSON
                return (row, pos, out) -> nestedJson(getter.getFieldOrNull(row), type, out);
        }
    }

    private void nestedJson(Object value, LogicalType type, TextBytes out) {
        try {
            JsonGenerator generator = generator(out);
            writeJson(generator, value, type);
            generator.flush();
        } catch (IOException | RuntimeException e) {
            json = null; // half an object written: the next value starts on a new generator
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /** A scalar's text in JSON and as a MAP key: as in CSV, for the types CSV writes as text. */
    private String scalarText(Object value, LogicalType type) {
        LogicalTypeRoot root = type.getTypeRoot();
        if (root == LogicalTypeRoot.DECIMAL
                || root == LogicalTypeRoot.DATE
                || root == LogicalTypeRoot.TIME_WITHOUT_TIME_ZONE
                || root == LogicalTypeRoot.TIMESTAMP_WITHOUT_TIME_ZONE
                || root == LogicalTypeRoot.TIMESTAMP_WITH_LOCAL_TIME_ZONE) {
            TextBytes text = scalar;
            text.reset();
            switch (root) {
                case DECIMAL -> text.putDecimal((DecimalData) value);
                case DATE -> text.putDate((Integer) value);
                case TIME_WITHOUT_TIME_ZONE ->
                        text.putTime((Integer) value * 1_000_000L, Fraction.MICROS_TRIMMED);
                default -> text.putTimestamp((TimestampData) value, Fraction.MICROS_TRIMMED);
            }
            return new String(text.toByteArray(), StandardCharsets.US_ASCII);
        }
        return value.toString();
    }

    /** The generator of this encoder, writing into {@code out} until the next call. */
    private JsonGenerator generator(TextBytes out) throws IOException {
        jsonTarget.bytes = out;
        if (json == null) {
            json = jsonFactory.createGenerator(jsonTarget);
            json.setRootValueSeparator(null); // rows are separated by the body, not by Jackson
        }
        return json;
    }

    /** Hands what the generator flushes to the buffer it writes into. */
    private static final class JsonTarget extends OutputStream {
        private TextBytes bytes;

        @Override
        public void write(int b) {
            bytes.put((byte) b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes.put(b, off, len);
        }
    }

    // ------------------------------------------------------------------ JSON

    private void json(RowData row, TextBytes out) {
        try {
            JsonGenerator generator = generator(out);
            generator.writeStartObject();
            for (int i = 0; i < types.length; i++) {
                generator.writeFieldName(names.get(i));
                writeJson(generator, getters[i].getFieldOrNull(row), types[i]);
            }
            if (changelog) {
                generator.writeNumberField(OP_COLUMN, isDelete(row) ? 1 : 0);
            }
            generator.writeEndObject();
            generator.flush();
        } catch (IOException | RuntimeException e) {
            json = null; // half an object written: the next row starts on a new generator
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    private void writeJson(JsonGenerator json, Object value, LogicalType type) throws IOException {
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
            case DECIMAL -> json.writeNumber(((DecimalData) value).toBigDecimal());
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
