package org.flinkx.connector.jdbc.converter;

import java.io.Serializable;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.flinkx.connector.common.metrics.RowSizes;
import org.flinkx.connector.jdbc.dialect.JdbcDialect;

/**
 * Converts between JDBC and Flink's internal rows, driven by the Flink types the user declared. One
 * reader and one writer function per field are built once, so the per-row work is a loop over plain
 * calls. Date and time values go through {@code java.time} ({@code getObject(i,
 * LocalDateTime.class)}), so no JVM or session time zone shifts a TIMESTAMP; TIMESTAMP_LTZ is an
 * instant and is exchanged as one.
 */
@Internal
public final class JdbcRowConverter implements Serializable {

    private static final long serialVersionUID = 1L;

    private final RowType rowType;
    private final JdbcDialect dialect;
    private transient FieldReader[] readers;
    private transient FieldWriter[] writers;

    public JdbcRowConverter(RowType rowType, JdbcDialect dialect) {
        JdbcTypes.validate(rowType, dialect);
        this.rowType = rowType;
        this.dialect = dialect;
    }

    public RowType rowType() {
        return rowType;
    }

    /**
     * Adapts the readers to a result set about to be read: string columns whose bytes the driver
     * hands over as UTF-8 (see {@link JdbcDialect#readsUtf8Bytes}) are wrapped without decoding.
     */
    public void prepareFor(ResultSet rs) throws SQLException {
        readers = createReaders();
        java.sql.ResultSetMetaData metadata = rs.getMetaData();
        List<LogicalType> types = rowType.getChildren();
        for (int i = 0; i < readers.length; i++) {
            LogicalType type = types.get(i);
            boolean text =
                    type.getTypeRoot()
                                    == org.apache.flink.table.types.logical.LogicalTypeRoot.VARCHAR
                            || type.getTypeRoot()
                                    == org.apache.flink.table.types.logical.LogicalTypeRoot.CHAR;
            if (text && dialect.readsUtf8Bytes(metadata, i + 1)) {
                readers[i] = UTF8_BYTES;
            }
        }
    }

    private static final FieldReader UTF8_BYTES =
            (rs, i) -> {
                byte[] bytes = rs.getBytes(i);
                return bytes == null ? null : StringData.fromBytes(bytes);
            };

    /**
     * Reads columns {@code 1..n} of the current result set row into {@code row} (fields {@code
     * 0..n-1}).
     *
     * @return the estimated size of the row in bytes
     */
    public long read(ResultSet rs, GenericRowData row) throws SQLException {
        if (readers == null) {
            readers = createReaders();
        }
        long size = 0;
        for (int i = 0; i < readers.length; i++) {
            Object value = readers[i].read(rs, i + 1);
            row.setField(i, value);
            size += sizeOf(value);
        }
        return size;
    }

    /**
     * Binds {@code fields} of {@code row} to parameters {@code offset+1...} of {@code statement}.
     */
    public void bind(PreparedStatement statement, RowData row, int[] fields, int offset)
            throws SQLException {
        if (writers == null) {
            writers = createWriters();
        }
        for (int i = 0; i < fields.length; i++) {
            int field = fields[i];
            writers[field].write(statement, offset + i + 1, row, field);
        }
    }

    /** The estimated size of a row in bytes, as used by rate limits and byte metrics. */
    public static long estimateSize(RowData row) {
        return RowSizes.estimate(row);
    }

    private static long sizeOf(Object value) {
        return RowSizes.sizeOf(value);
    }

    // ------------------------------------------------------------------ reading

    @FunctionalInterface
    private interface FieldReader {
        Object read(ResultSet rs, int column) throws SQLException;
    }

    private FieldReader[] createReaders() {
        List<LogicalType> types = rowType.getChildren();
        FieldReader[] result = new FieldReader[types.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = reader(types.get(i));
        }
        return result;
    }

    private FieldReader reader(LogicalType type) {
        switch (type.getTypeRoot()) {
            case BOOLEAN:
                return (rs, i) -> nullable(rs, rs.getBoolean(i));
            case TINYINT:
                return (rs, i) -> nullable(rs, rs.getByte(i));
            case SMALLINT:
                return (rs, i) -> nullable(rs, rs.getShort(i));
            case INTEGER:
                return (rs, i) -> nullable(rs, rs.getInt(i));
            case BIGINT:
                return (rs, i) -> nullable(rs, rs.getLong(i));
            case FLOAT:
                return (rs, i) -> nullable(rs, rs.getFloat(i));
            case DOUBLE:
                return (rs, i) -> nullable(rs, rs.getDouble(i));
            case DECIMAL:
                DecimalType decimal = (DecimalType) type;
                return (rs, i) -> toDecimal(rs.getBigDecimal(i), decimal);
            case CHAR:
            case VARCHAR:
                return (rs, i) -> {
                    String s = rs.getString(i);
                    return s == null ? null : StringData.fromString(s);
                };
            case BINARY:
            case VARBINARY:
                return ResultSet::getBytes;
            case DATE:
                return (rs, i) -> {
                    LocalDate d = rs.getObject(i, LocalDate.class);
                    return d == null ? null : (int) d.toEpochDay();
                };
            case TIME_WITHOUT_TIME_ZONE:
                return (rs, i) -> {
                    LocalTime t = rs.getObject(i, LocalTime.class);
                    return t == null ? null : (int) (t.toNanoOfDay() / 1_000_000L);
                };
            case TIMESTAMP_WITHOUT_TIME_ZONE:
                return (rs, i) -> {
                    LocalDateTime t = rs.getObject(i, LocalDateTime.class);
                    return t == null ? null : TimestampData.fromLocalDateTime(t);
                };
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
            case TIMESTAMP_WITH_TIME_ZONE:
                return (rs, i) -> {
                    Instant t = dialect.readInstant(rs, i);
                    return t == null ? null : TimestampData.fromInstant(t);
                };
            case ARRAY:
                LogicalType element = ((ArrayType) type).getElementType();
                return (rs, i) -> {
                    Array array = rs.getArray(i);
                    if (array == null) {
                        return null;
                    }
                    try {
                        Object[] values = (Object[]) array.getArray();
                        Object[] internal = new Object[values.length];
                        for (int k = 0; k < values.length; k++) {
                            internal[k] = toInternal(values[k], element);
                        }
                        return new GenericArrayData(internal);
                    } finally {
                        array.free();
                    }
                };
            default:
                throw new IllegalStateException("Unsupported type " + type);
        }
    }

    private static Object nullable(ResultSet rs, Object value) throws SQLException {
        return rs.wasNull() ? null : value;
    }

    private static DecimalData toDecimal(BigDecimal value, DecimalType type) throws SQLException {
        if (value == null) {
            return null;
        }
        DecimalData data = DecimalData.fromBigDecimal(value, type.getPrecision(), type.getScale());
        if (data == null) {
            throw new SQLException(
                    "Value " + value.toPlainString() + " does not fit into " + type, "22003");
        }
        return data;
    }

    /** Converts a JDBC object (an array element) into Flink's internal representation. */
    private static Object toInternal(Object value, LogicalType type) throws SQLException {
        if (value == null) {
            return null;
        }
        switch (type.getTypeRoot()) {
            case BOOLEAN:
                return value;
            case TINYINT:
                return ((Number) value).byteValue();
            case SMALLINT:
                return ((Number) value).shortValue();
            case INTEGER:
                return ((Number) value).intValue();
            case BIGINT:
                return ((Number) value).longValue();
            case FLOAT:
                return ((Number) value).floatValue();
            case DOUBLE:
                return ((Number) value).doubleValue();
            case DECIMAL:
                return toDecimal(new BigDecimal(value.toString()), (DecimalType) type);
            case CHAR:
            case VARCHAR:
                return StringData.fromString(value.toString());
            case BINARY:
            case VARBINARY:
                return value;
            case DATE:
                return (int) ((Date) value).toLocalDate().toEpochDay();
            case TIME_WITHOUT_TIME_ZONE:
                return (int) (((Time) value).toLocalTime().toNanoOfDay() / 1_000_000L);
            case TIMESTAMP_WITHOUT_TIME_ZONE:
                return TimestampData.fromLocalDateTime(((Timestamp) value).toLocalDateTime());
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                return TimestampData.fromInstant(((Timestamp) value).toInstant());
            default:
                throw new SQLException("Unsupported array element type " + type);
        }
    }

    // ------------------------------------------------------------------ writing

    @FunctionalInterface
    private interface FieldWriter {
        void write(PreparedStatement ps, int index, RowData row, int field) throws SQLException;
    }

    private FieldWriter[] createWriters() {
        List<LogicalType> types = rowType.getChildren();
        FieldWriter[] result = new FieldWriter[types.size()];
        for (int i = 0; i < result.length; i++) {
            FieldWriter writer = writer(types.get(i));
            int sqlType = dialect.nullType(sqlType(types.get(i)));
            result[i] =
                    (ps, index, row, field) -> {
                        if (row.isNullAt(field)) {
                            ps.setNull(index, sqlType);
                        } else {
                            writer.write(ps, index, row, field);
                        }
                    };
        }
        return result;
    }

    private FieldWriter writer(LogicalType type) {
        switch (type.getTypeRoot()) {
            case BOOLEAN:
                return (ps, i, row, f) -> dialect.setBoolean(ps, i, row.getBoolean(f));
            case TINYINT:
                return (ps, i, row, f) -> ps.setByte(i, row.getByte(f));
            case SMALLINT:
                return (ps, i, row, f) -> ps.setShort(i, row.getShort(f));
            case INTEGER:
                return (ps, i, row, f) -> ps.setInt(i, row.getInt(f));
            case BIGINT:
                return (ps, i, row, f) -> ps.setLong(i, row.getLong(f));
            case FLOAT:
                return (ps, i, row, f) -> ps.setFloat(i, row.getFloat(f));
            case DOUBLE:
                return (ps, i, row, f) -> ps.setDouble(i, row.getDouble(f));
            case DECIMAL:
                DecimalType decimal = (DecimalType) type;
                return (ps, i, row, f) ->
                        ps.setBigDecimal(
                                i,
                                row.getDecimal(f, decimal.getPrecision(), decimal.getScale())
                                        .toBigDecimal());
            case CHAR:
            case VARCHAR:
                return (ps, i, row, f) -> ps.setString(i, row.getString(f).toString());
            case BINARY:
            case VARBINARY:
                return (ps, i, row, f) -> ps.setBytes(i, row.getBinary(f));
            case DATE:
                return (ps, i, row, f) -> ps.setObject(i, LocalDate.ofEpochDay(row.getInt(f)));
            case TIME_WITHOUT_TIME_ZONE:
                return (ps, i, row, f) ->
                        ps.setObject(i, LocalTime.ofNanoOfDay(row.getInt(f) * 1_000_000L));
            case TIMESTAMP_WITHOUT_TIME_ZONE:
                int precision = JdbcTypes.timestampPrecision(type);
                return (ps, i, row, f) ->
                        ps.setObject(i, row.getTimestamp(f, precision).toLocalDateTime());
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
            case TIMESTAMP_WITH_TIME_ZONE:
                int ltzPrecision = JdbcTypes.timestampPrecision(type);
                return (ps, i, row, f) ->
                        dialect.setInstant(ps, i, row.getTimestamp(f, ltzPrecision).toInstant());
            case ARRAY:
                LogicalType element = ((ArrayType) type).getElementType();
                String elementTypeName = dialect.arrayElementTypeName(element);
                ArrayData.ElementGetter getter = ArrayData.createElementGetter(element);
                return (ps, i, row, f) -> {
                    ArrayData array = row.getArray(f);
                    Object[] values = new Object[array.size()];
                    for (int k = 0; k < values.length; k++) {
                        values[k] = toExternal(getter.getElementOrNull(array, k), element);
                    }
                    Connection connection = ps.getConnection();
                    ps.setArray(i, connection.createArrayOf(elementTypeName, values));
                };
            default:
                throw new IllegalStateException("Unsupported type " + type);
        }
    }

    private static Object toExternal(Object internal, LogicalType type) {
        if (internal == null) {
            return null;
        }
        switch (type.getTypeRoot()) {
            case DECIMAL:
                return ((DecimalData) internal).toBigDecimal();
            case CHAR:
            case VARCHAR:
                return internal.toString();
            case DATE:
                return Date.valueOf(LocalDate.ofEpochDay((Integer) internal));
            case TIME_WITHOUT_TIME_ZONE:
                return Time.valueOf(LocalTime.ofNanoOfDay((Integer) internal * 1_000_000L));
            case TIMESTAMP_WITHOUT_TIME_ZONE:
                return Timestamp.valueOf(((TimestampData) internal).toLocalDateTime());
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                return Timestamp.from(((TimestampData) internal).toInstant());
            default:
                return internal;
        }
    }

    private static int sqlType(LogicalType type) {
        return switch (type.getTypeRoot()) {
            case BOOLEAN -> Types.BOOLEAN;
            case TINYINT -> Types.TINYINT;
            case SMALLINT -> Types.SMALLINT;
            case INTEGER -> Types.INTEGER;
            case BIGINT -> Types.BIGINT;
            case FLOAT -> Types.REAL;
            case DOUBLE -> Types.DOUBLE;
            case DECIMAL -> Types.DECIMAL;
            case CHAR, VARCHAR -> Types.VARCHAR;
            case BINARY, VARBINARY -> Types.VARBINARY;
            case DATE -> Types.DATE;
            case TIME_WITHOUT_TIME_ZONE -> Types.TIME;
            case TIMESTAMP_WITHOUT_TIME_ZONE -> Types.TIMESTAMP;
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE, TIMESTAMP_WITH_TIME_ZONE ->
                    Types.TIMESTAMP_WITH_TIMEZONE;
            case ARRAY -> Types.ARRAY;
            default -> Types.OTHER;
        };
    }

    // ------------------------------------------------------------------ offsets

    /**
     * Binds an offset, bound or filter value (see {@link #readOffset}) to a statement parameter.
     */
    public static void bindOffset(
            PreparedStatement ps, int index, Object value, JdbcDialect dialect)
            throws SQLException {
        if (value instanceof Instant instant) {
            dialect.setInstant(ps, index, instant);
        } else if (value instanceof OffsetDateTime odt) {
            dialect.setInstant(ps, index, odt.toInstant());
        } else {
            ps.setObject(index, value);
        }
    }

    /** Reads column {@code index} as an offset value of a column of the given Flink type. */
    public static Object readOffset(ResultSet rs, int index, LogicalType type, JdbcDialect dialect)
            throws SQLException {
        Object value =
                switch (type.getTypeRoot()) {
                    case TINYINT, SMALLINT, INTEGER, BIGINT -> rs.getLong(index);
                    case FLOAT, DOUBLE -> rs.getDouble(index);
                    case DECIMAL -> rs.getBigDecimal(index);
                    case CHAR, VARCHAR -> rs.getString(index);
                    case DATE -> rs.getObject(index, LocalDate.class);
                    case TIMESTAMP_WITHOUT_TIME_ZONE -> rs.getObject(index, LocalDateTime.class);
                    case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> dialect.readInstant(rs, index);
                    default ->
                            throw new SQLException(
                                    "A column of type " + type + " cannot hold a read offset.");
                };
        return rs.wasNull() ? null : value;
    }

    /** The offset value (as {@link #readOffset} returns it) of an internal field value. */
    public static Object offsetOf(Object internal, LogicalType type) {
        if (internal == null) {
            return null;
        }
        return switch (type.getTypeRoot()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT -> ((Number) internal).longValue();
            case FLOAT, DOUBLE -> ((Number) internal).doubleValue();
            case DECIMAL -> ((DecimalData) internal).toBigDecimal();
            case CHAR, VARCHAR -> internal.toString();
            case DATE -> LocalDate.ofEpochDay((Integer) internal);
            case TIMESTAMP_WITHOUT_TIME_ZONE -> ((TimestampData) internal).toLocalDateTime();
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> ((TimestampData) internal).toInstant();
            default ->
                    throw new IllegalArgumentException(
                            "A column of type " + type + " cannot hold a read offset.");
        };
    }

    /** Parses a user-given bound or start value for a column of the given Flink type. */
    public static Object parseOffset(String text, LogicalType type) {
        if (text == null) {
            return null;
        }
        return switch (type.getTypeRoot()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT -> Long.parseLong(text.trim());
            case FLOAT, DOUBLE -> Double.parseDouble(text.trim());
            case DECIMAL -> new BigDecimal(text.trim());
            case CHAR, VARCHAR -> text;
            case DATE -> LocalDate.parse(text.trim());
            case TIMESTAMP_WITHOUT_TIME_ZONE -> LocalDateTime.parse(text.trim().replace(' ', 'T'));
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> Instant.parse(text.trim());
            default ->
                    throw new IllegalArgumentException(
                            "A column of type " + type + " cannot hold a read offset.");
        };
    }
}
