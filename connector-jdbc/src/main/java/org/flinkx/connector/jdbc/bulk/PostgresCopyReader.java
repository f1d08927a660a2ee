package org.flinkx.connector.jdbc.bulk;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * Reads a split with {@code COPY (SELECT ...) TO STDOUT} (text format) and parses each row's
 * tab-separated fields straight from the bytes pgjdbc hands over: strings are wrapped as UTF-8
 * without decoding, integers, decimals, dates and timestamps parsed without intermediate objects
 * where simple. Only columns whose PostgreSQL type matches the declared Flink type are read this
 * way ({@link #supports}); the output formats relied on are pgjdbc's session settings (UTF8,
 * DateStyle ISO) and PostgreSQL's defaults for the rest.
 */
@Internal
public final class PostgresCopyReader implements BulkReader {

    @Override
    public boolean supports(Connection connection, String selectSql, RowType columns)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(selectSql)) {
            ResultSetMetaData metadata = statement.getMetaData();
            if (metadata == null || metadata.getColumnCount() != columns.getFieldCount()) {
                return false;
            }
            for (int i = 0; i < columns.getFieldCount(); i++) {
                if (!accepts(columns.getTypeAt(i), metadata.getColumnTypeName(i + 1))) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final Set<String> INTEGERS = Set.of("int2", "int4", "int8");
    private static final Set<String> TEXT =
            Set.of("text", "varchar", "bpchar", "json", "jsonb", "uuid");

    static boolean accepts(LogicalType type, String pgType) {
        return switch (type.getTypeRoot()) {
            case BOOLEAN -> pgType.equals("bool");
            case TINYINT, SMALLINT, INTEGER, BIGINT -> INTEGERS.contains(pgType);
            case FLOAT, DOUBLE ->
                    pgType.equals("float4") || pgType.equals("float8") || INTEGERS.contains(pgType);
            case DECIMAL -> pgType.equals("numeric") || INTEGERS.contains(pgType);
            case CHAR, VARCHAR -> TEXT.contains(pgType);
            case DATE -> pgType.equals("date");
            case TIME_WITHOUT_TIME_ZONE -> pgType.equals("time");
            case TIMESTAMP_WITHOUT_TIME_ZONE -> pgType.equals("timestamp");
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> pgType.equals("timestamptz");
            default -> false;
        };
    }

    @Override
    public String literal(Object value) {
        if (value instanceof Long
                || value instanceof Integer
                || value instanceof Short
                || value instanceof Byte) {
            return value.toString();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Boolean b) {
            return b ? "TRUE" : "FALSE";
        }
        if (value instanceof Double || value instanceof Float) {
            return "'" + value + "'"; // quoted: NaN and Infinity too; coerced to the column type
        }
        if (value instanceof String s) {
            if (s.indexOf('\\') >= 0 || s.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("string with a backslash");
            }
            return "'" + s.replace("'", "''") + "'";
        }
        if (value instanceof LocalDate
                || value instanceof LocalDateTime
                || value instanceof LocalTime
                || value instanceof Instant
                || value instanceof OffsetDateTime) {
            return "'" + value + "'";
        }
        throw new IllegalArgumentException(
                "no literal for " + (value == null ? null : value.getClass()));
    }

    @Override
    public BulkRows open(Connection connection, String selectSql, RowType columns)
            throws SQLException {
        CopyOut copy =
                connection
                        .unwrap(PGConnection.class)
                        .getCopyAPI()
                        .copyOut("COPY (" + selectSql + ") TO STDOUT");
        return new CopyRows(copy, columns.getChildren());
    }

    // ------------------------------------------------------------------ parsing

    private static final class CopyRows implements BulkRows {
        private final CopyOut copy;
        private final CopyTextFields.FieldParser[] parsers;

        CopyRows(CopyOut copy, List<LogicalType> types) {
            this.copy = copy;
            this.parsers =
                    types.stream()
                            .map(CopyTextFields::parser)
                            .toArray(CopyTextFields.FieldParser[]::new);
        }

        @Override
        public BulkRow next() throws SQLException {
            byte[] row = copy.readFromCopy();
            if (row == null) {
                return null;
            }
            CopyRow result = new CopyRow(row, parsers);
            result.split(); // here, on the reading thread; the fields are parsed where emitted
            return result;
        }

        @Override
        public void close() throws SQLException {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** One row's text; split into fields on first access, in one pass that also notes escapes. */
    private static final class CopyRow implements BulkRow {
        private final byte[] row;
        private final CopyTextFields.FieldParser[] parsers;
        private int[] bounds; // start, end and escaped (0/1) per field

        CopyRow(byte[] row, CopyTextFields.FieldParser[] parsers) {
            this.row = row;
            this.parsers = parsers;
        }

        void split() {
            int[] result = new int[parsers.length * 3];
            int end = row.length > 0 && row[row.length - 1] == '\n' ? row.length - 1 : row.length;
            int field = 0;
            int start = 0;
            int escaped = 0;
            for (int i = 0; i <= end; i++) {
                byte b = i == end ? (byte) '\t' : row[i];
                if (b == '\t') {
                    if (field == parsers.length) {
                        field++;
                        break;
                    }
                    result[3 * field] = start;
                    result[3 * field + 1] = i;
                    result[3 * field + 2] = escaped;
                    field++;
                    start = i + 1;
                    escaped = 0;
                } else if (b == '\\') {
                    escaped = 1;
                }
            }
            if (field != parsers.length) {
                throw new IllegalArgumentException(
                        "COPY returned a row with "
                                + field
                                + " fields, expected "
                                + parsers.length);
            }
            bounds = result;
        }

        @Override
        public Object field(int index) {
            if (bounds == null) {
                split();
            }
            int start = bounds[3 * index];
            int end = bounds[3 * index + 1];
            if (bounds[3 * index + 2] == 0) {
                return parsers[index].parse(row, start, end);
            }
            if (end - start == 2 && row[start + 1] == 'N') {
                return null;
            }
            byte[] plain = CopyTextFields.unescape(row, start, end);
            return parsers[index].parse(plain, 0, plain.length);
        }

        @Override
        public int size() {
            return row.length;
        }

        @Override
        public String raw() {
            return new String(row, StandardCharsets.UTF_8).replace('\t', ',').trim();
        }
    }
}
