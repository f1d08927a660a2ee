package org.flinkx.connector.jdbc.bulk;

import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.utils.LogicalTypeChecks;
import org.flinkx.connector.common.text.TextBytes;
import org.flinkx.connector.common.text.TextBytes.Fraction;

/**
 * Encodes rows as the tab-separated text that PostgreSQL's {@code COPY ... FROM STDIN} (text
 * format) and MariaDB's {@code LOAD DATA ... FIELDS TERMINATED BY '\t' ESCAPED BY '\\'} both read:
 * fields separated by tabs, rows by newlines, NULL as {@code \N}, and backslash, tab, newline and
 * carriage return (and NUL for MariaDB) escaped with a backslash. Values are written by {@link
 * TextBytes} (Flink's UTF-8 bytes copied, numbers and dates digit by digit). One encoder per row
 * type; field encoders are chosen once.
 */
@Internal
public final class TextRowEncoder {

    /** What the two databases read differently. */
    public enum Flavor {
        /** PostgreSQL COPY text format: bytea as {@code \\x<hex>}, instants with {@code +00}. */
        POSTGRES_COPY,
        /** MariaDB/MySQL LOAD DATA: microseconds at most, UTC wall time (the session is UTC). */
        MYSQL_LOAD_DATA
    }

    @FunctionalInterface
    private interface FieldEncoder {
        void encode(RowData row, int field, TextBytes out);
    }

    private static final byte[] NULL = {'\\', 'N'};
    private static final byte[] UTC_SUFFIX = {'+', '0', '0'};

    /**
     * The letter after the backslash for a byte that needs escaping. NUL becomes {@code \0}:
     * MariaDB reads it back as NUL; PostgreSQL text cannot hold NUL and rejects the row either way.
     */
    private static final byte[] ESCAPES = new byte[256];

    static {
        ESCAPES['\\'] = '\\';
        ESCAPES['\t'] = 't';
        ESCAPES['\n'] = 'n';
        ESCAPES['\r'] = 'r';
        ESCAPES[0] = '0';
    }

    private static final int KEPT_BYTES = 1 << 24;

    private final FieldEncoder[] encoders;
    private final TextBytes out = new TextBytes(1 << 16);

    private TextRowEncoder(FieldEncoder[] encoders) {
        this.encoders = encoders;
    }

    /** The encoder for the row type, or null when a field type has no text encoding here. */
    public static TextRowEncoder forType(RowType type, Flavor flavor) {
        List<LogicalType> fields = type.getChildren();
        FieldEncoder[] encoders = new FieldEncoder[fields.size()];
        for (int i = 0; i < encoders.length; i++) {
            encoders[i] = encoder(fields.get(i), flavor);
            if (encoders[i] == null) {
                return null;
            }
        }
        return new TextRowEncoder(encoders);
    }

    /** Whether every field type has a text encoding here. */
    public static boolean supports(RowType type, Flavor flavor) {
        return forType(type, flavor) != null;
    }

    private static FieldEncoder encoder(LogicalType type, Flavor flavor) {
        // nanoseconds for PostgreSQL (it rounds), microseconds for MariaDB
        Fraction fraction = flavor == Flavor.POSTGRES_COPY ? Fraction.NANOS : Fraction.MICROS;
        switch (type.getTypeRoot()) {
            case BOOLEAN:
                // '1'/'0': read as booleans by both, and accepted by PostgreSQL bit(1) columns too.
                return (row, f, out) -> out.put(row.getBoolean(f) ? (byte) '1' : (byte) '0');
            case TINYINT:
                return (row, f, out) -> out.putLong(row.getByte(f));
            case SMALLINT:
                return (row, f, out) -> out.putLong(row.getShort(f));
            case INTEGER:
                return (row, f, out) -> out.putLong(row.getInt(f));
            case BIGINT:
                return (row, f, out) -> out.putLong(row.getLong(f));
            case FLOAT:
                // Schubfach (as in Jackson and JDK 19+): the shortest text that reads back as the
                // same value, several times faster than JDK 17's Float/Double.toString.
                return (row, f, out) -> out.putFloat(row.getFloat(f));
            case DOUBLE:
                return (row, f, out) -> out.putDouble(row.getDouble(f));
            case DECIMAL:
                DecimalType decimal = (DecimalType) type;
                int precision = decimal.getPrecision();
                int scale = decimal.getScale();
                return (row, f, out) -> out.putDecimal(row.getDecimal(f, precision, scale));
            case CHAR:
            case VARCHAR:
                return (row, f, out) -> out.putEscaped(row.getString(f), ESCAPES);
            case BINARY:
            case VARBINARY:
                if (flavor != Flavor.POSTGRES_COPY) {
                    return null; // LOAD DATA would read the bytes in the load's character set
                }
                return (row, f, out) -> putByteaHex(out, row.getBinary(f));
            case DATE:
                return (row, f, out) -> out.putDate(row.getInt(f));
            case TIME_WITHOUT_TIME_ZONE:
                return (row, f, out) -> out.putTime(row.getInt(f) * 1_000_000L, fraction);
            case TIMESTAMP_WITHOUT_TIME_ZONE:
                int precisionTs = LogicalTypeChecks.getPrecision(type);
                return (row, f, out) ->
                        out.putTimestamp(row.getTimestamp(f, precisionTs), fraction);
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                int precisionLtz = LogicalTypeChecks.getPrecision(type);
                // the instant's UTC wall time
                if (flavor == Flavor.POSTGRES_COPY) {
                    return (row, f, out) -> {
                        out.putTimestamp(row.getTimestamp(f, precisionLtz), fraction);
                        out.put(UTC_SUFFIX);
                    };
                }
                return (row, f, out) ->
                        out.putTimestamp(row.getTimestamp(f, precisionLtz), fraction);
            default:
                return null;
        }
    }

    /** Appends one row (fields in row order) and its newline. */
    public void add(RowData row) {
        for (int i = 0; i < encoders.length; i++) {
            if (i > 0) {
                out.put((byte) '\t');
            }
            if (row.isNullAt(i)) {
                out.put(NULL);
            } else {
                encoders[i].encode(row, i, out);
            }
        }
        out.put((byte) '\n');
    }

    public byte[] buffer() {
        return out.array();
    }

    public int length() {
        return out.length();
    }

    /** Empties the buffer; one grown past 16 MB by an outsized batch is not kept. */
    public void reset() {
        out.reset(KEPT_BYTES);
    }

    private static final byte[] HEX = {
        '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'
    };

    /** {@code \\x<hex>}, with the backslash itself escaped for the COPY text format. */
    private static void putByteaHex(TextBytes out, byte[] value) {
        out.ensure(3 + value.length * 2);
        out.put((byte) '\\');
        out.put((byte) '\\');
        out.put((byte) 'x');
        for (byte b : value) {
            out.put(HEX[(b >> 4) & 0xF]);
            out.put(HEX[b & 0xF]);
        }
    }
}
