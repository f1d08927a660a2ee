package org.flinkx.connector.hdfs.format;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;

/**
 * Hive's delimited text ({@code LazySimpleSerDe} with an escape character): one row per line,
 * fields separated by one character, NULL written as a literal ({@code \N}). Backslash, the
 * delimiter, CR and LF inside values are escaped with a backslash, so every string survives a round
 * trip and a value can never be mistaken for NULL. Timestamps are written as {@code yyyy-MM-dd
 * HH:mm:ss[.fffffffff]}; {@code TIMESTAMP_LTZ} as that wall time in UTC; binary values in Base64.
 */
@Internal
public final class DelimitedTextCodec implements LineEncoder, LineDecoder {

    private static final long serialVersionUID = 1L;

    static final char ESCAPE = '\\';

    private static final DateTimeFormatter TIMESTAMP =
            new DateTimeFormatterBuilder()
                    .append(DateTimeFormatter.ISO_LOCAL_DATE)
                    .optionalStart()
                    .appendLiteral(' ')
                    .optionalEnd()
                    .optionalStart()
                    .appendLiteral('T')
                    .optionalEnd()
                    .append(DateTimeFormatter.ofPattern("HH:mm[:ss]"))
                    .optionalStart()
                    .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
                    .optionalEnd()
                    .toFormatter();

    private final RowType rowType;
    private final char delimiter;
    private final String nullLiteral;
    private final String charsetName;
    private transient Charset charset;

    public DelimitedTextCodec(RowType rowType, char delimiter, String nullLiteral, String charset) {
        this.rowType = rowType;
        this.delimiter = delimiter;
        this.nullLiteral = nullLiteral;
        this.charsetName = charset;
    }

    private Charset charset() {
        if (charset == null) {
            charset = Charset.forName(charsetName);
        }
        return charset;
    }

    // ------------------------------------------------------------------ writing

    @Override
    public byte[] encode(RowData row) {
        StringBuilder line = new StringBuilder(16 * row.getArity());
        for (int i = 0; i < row.getArity(); i++) {
            if (i > 0) {
                line.append(delimiter);
            }
            if (row.isNullAt(i)) {
                line.append(nullLiteral);
            } else {
                appendValue(line, row, i, rowType.getTypeAt(i));
            }
        }
        return line.toString().getBytes(charset());
    }

    private void appendValue(StringBuilder line, RowData row, int i, LogicalType type) {
        switch (type.getTypeRoot()) {
            case CHAR:
            case VARCHAR:
                appendEscaped(line, row.getString(i).toString());
                break;
            case BOOLEAN:
                line.append(row.getBoolean(i));
                break;
            case TINYINT:
                line.append(row.getByte(i));
                break;
            case SMALLINT:
                line.append(row.getShort(i));
                break;
            case INTEGER:
                line.append(row.getInt(i));
                break;
            case BIGINT:
                line.append(row.getLong(i));
                break;
            case FLOAT:
                line.append(row.getFloat(i));
                break;
            case DOUBLE:
                line.append(row.getDouble(i));
                break;
            case DECIMAL:
                DecimalType decimal = (DecimalType) type;
                line.append(
                        row.getDecimal(i, decimal.getPrecision(), decimal.getScale())
                                .toBigDecimal()
                                .toPlainString());
                break;
            case DATE:
                line.append(LocalDate.ofEpochDay(row.getInt(i)));
                break;
            case TIME_WITHOUT_TIME_ZONE:
                line.append(LocalTime.ofNanoOfDay(row.getInt(i) * 1_000_000L));
                break;
            case TIMESTAMP_WITHOUT_TIME_ZONE:
                appendTimestamp(line, row.getTimestamp(i, precision(type)).toLocalDateTime());
                break;
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                appendTimestamp(
                        line,
                        LocalDateTime.ofInstant(
                                row.getTimestamp(i, precision(type)).toInstant(), ZoneOffset.UTC));
                break;
            case BINARY:
            case VARBINARY:
                line.append(Base64.getEncoder().encodeToString(row.getBinary(i)));
                break;
            default:
                throw new IllegalStateException("Unsupported type " + type);
        }
    }

    private static int precision(LogicalType type) {
        return org.apache.flink.table.types.logical.utils.LogicalTypeChecks.getPrecision(type);
    }

    private static void appendTimestamp(StringBuilder line, LocalDateTime value) {
        line.append(value.toLocalDate()).append(' ');
        LocalTime time = value.toLocalTime();
        appendTwo(line, time.getHour()).append(':');
        appendTwo(line, time.getMinute()).append(':');
        appendTwo(line, time.getSecond());
        int nanos = time.getNano();
        if (nanos != 0) {
            String fraction = String.format("%09d", nanos);
            int end = fraction.length();
            while (fraction.charAt(end - 1) == '0') {
                end--;
            }
            line.append('.').append(fraction, 0, end);
        }
    }

    private static StringBuilder appendTwo(StringBuilder line, int value) {
        return line.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    private void appendEscaped(StringBuilder line, String value) {
        // A string that reads like the null literal gets one escaped character (not 'n' or 'r',
        // whose escapes mean line breaks), so its raw text differs from the literal.
        int forced = value.equals(nullLiteral) ? plainlyEscapable(value) : -1;
        for (int k = 0; k < value.length(); k++) {
            char c = value.charAt(k);
            if (c == ESCAPE || c == delimiter || k == forced) {
                line.append(ESCAPE).append(c);
            } else if (c == '\n') {
                line.append(ESCAPE).append('n');
            } else if (c == '\r') {
                line.append(ESCAPE).append('r');
            } else {
                line.append(c);
            }
        }
    }

    static int plainlyEscapable(String value) {
        for (int k = 0; k < value.length(); k++) {
            char c = value.charAt(k);
            if (c != 'n' && c != 'r') {
                return k;
            }
        }
        return -1;
    }

    // ------------------------------------------------------------------ reading

    @Override
    public RowData decode(byte[] bytes, int length) throws IOException {
        String line = new String(bytes, 0, length, charset());
        List<String> fields = split(line);
        int arity = rowType.getFieldCount();
        if (fields.size() != arity) {
            throw new IOException(
                    String.format(
                            "Expected %d fields separated by '%s', found %d.",
                            arity, printable(delimiter), fields.size()));
        }
        GenericRowData row = new GenericRowData(arity);
        for (int i = 0; i < arity; i++) {
            String raw = fields.get(i);
            if (raw == null) {
                continue;
            }
            try {
                row.setField(i, parse(raw, rowType.getTypeAt(i)));
            } catch (RuntimeException e) {
                throw new IOException(
                        String.format(
                                "Column '%s' (%s): cannot read '%s': %s",
                                rowType.getFieldNames().get(i),
                                rowType.getTypeAt(i),
                                raw,
                                e.getMessage()),
                        e);
            }
        }
        return row;
    }

    /**
     * Splits at unescaped delimiters and unescapes. A field whose raw text is the null literal is
     * null; the writer escapes a string that equals the literal, so the two never meet.
     */
    private List<String> split(String line) {
        List<String> fields = new ArrayList<>(rowType.getFieldCount());
        StringBuilder field = new StringBuilder();
        int fieldStart = 0;
        boolean escaped = false;
        for (int k = 0; k < line.length(); k++) {
            char c = line.charAt(k);
            if (escaped) {
                field.append(c == 'n' ? '\n' : c == 'r' ? '\r' : c);
                escaped = false;
            } else if (c == ESCAPE) {
                escaped = true;
            } else if (c == delimiter) {
                fields.add(finish(line, fieldStart, k, field));
                field.setLength(0);
                fieldStart = k + 1;
            } else {
                field.append(c);
            }
        }
        if (escaped) {
            field.append(ESCAPE);
        }
        fields.add(finish(line, fieldStart, line.length(), field));
        return fields;
    }

    private String finish(String line, int start, int end, StringBuilder field) {
        if (end - start == nullLiteral.length() && line.startsWith(nullLiteral, start)) {
            return null;
        }
        return field.toString();
    }

    private static Object parse(String raw, LogicalType type) {
        switch (type.getTypeRoot()) {
            case CHAR:
            case VARCHAR:
                return StringData.fromString(raw);
            case BOOLEAN:
                if (raw.equalsIgnoreCase("true")) {
                    return true;
                }
                if (raw.equalsIgnoreCase("false")) {
                    return false;
                }
                throw new IllegalArgumentException("not a boolean");
            case TINYINT:
                return Byte.parseByte(raw.trim());
            case SMALLINT:
                return Short.parseShort(raw.trim());
            case INTEGER:
                return Integer.parseInt(raw.trim());
            case BIGINT:
                return Long.parseLong(raw.trim());
            case FLOAT:
                return Float.parseFloat(raw);
            case DOUBLE:
                return Double.parseDouble(raw);
            case DECIMAL:
                DecimalType decimal = (DecimalType) type;
                DecimalData value =
                        DecimalData.fromBigDecimal(
                                new BigDecimal(raw.trim()),
                                decimal.getPrecision(),
                                decimal.getScale());
                if (value == null) {
                    throw new IllegalArgumentException("does not fit " + type);
                }
                return value;
            case DATE:
                return (int) LocalDate.parse(raw.trim()).toEpochDay();
            case TIME_WITHOUT_TIME_ZONE:
                return (int) (LocalTime.parse(raw.trim()).toNanoOfDay() / 1_000_000L);
            case TIMESTAMP_WITHOUT_TIME_ZONE:
                return TimestampData.fromLocalDateTime(LocalDateTime.parse(raw.trim(), TIMESTAMP));
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                return TimestampData.fromInstant(
                        LocalDateTime.parse(raw.trim(), TIMESTAMP).toInstant(ZoneOffset.UTC));
            case BINARY:
            case VARBINARY:
                return Base64.getDecoder().decode(raw);
            default:
                throw new IllegalStateException("Unsupported type " + type);
        }
    }

    private static String printable(char c) {
        return c < 32 ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }
}
