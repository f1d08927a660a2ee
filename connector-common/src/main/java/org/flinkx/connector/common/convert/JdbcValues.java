package org.flinkx.connector.common.convert;

import java.math.BigDecimal;
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
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LogicalType;

/**
 * JDBC values ↔ Flink's internal values, per declared type, by the rules of {@link FlinkValues}: a
 * reader per column of a result set, a writer per statement parameter, and the conversion of the
 * objects JDBC arrays hold. Readers and writers are built once per column, so the per-row work is
 * plain calls. Dates and times go through {@code java.time} ({@code getObject(i,
 * LocalDateTime.class)}), so no JVM or session time zone shifts a TIMESTAMP; TIMESTAMP_LTZ is an
 * instant, read and bound through the {@link JdbcValueHooks}.
 */
@Internal
public final class JdbcValues {

    /** Reads one column of the current row of a result set as an internal value (null: NULL). */
    @FunctionalInterface
    public interface Reader {
        Object read(ResultSet rs, int column) throws SQLException;
    }

    /** Binds one field of a row (not null) to a statement parameter. */
    @FunctionalInterface
    public interface Writer {
        void write(PreparedStatement ps, int index, RowData row, int field) throws SQLException;
    }

    /**
     * The reader of a column declared as a scalar type; for other types a reader that fails each
     * value with {@link FlinkValues#unsupported}.
     */
    public static Reader reader(LogicalType type, JdbcValueHooks hooks) {
        boolean narrow = hooks.narrowsIntegers();
        switch (type.getTypeRoot()) {
            case BOOLEAN:
                return (rs, i) -> nullable(rs, rs.getBoolean(i));
            case TINYINT:
                return narrow
                        ? (rs, i) -> nullable(rs, FlinkValues.number(rs.getLong(i), type))
                        : (rs, i) -> nullable(rs, rs.getByte(i));
            case SMALLINT:
                return narrow
                        ? (rs, i) -> nullable(rs, FlinkValues.number(rs.getLong(i), type))
                        : (rs, i) -> nullable(rs, rs.getShort(i));
            case INTEGER:
                return narrow
                        ? (rs, i) -> nullable(rs, FlinkValues.number(rs.getLong(i), type))
                        : (rs, i) -> nullable(rs, rs.getInt(i));
            case BIGINT:
                return (rs, i) -> nullable(rs, rs.getLong(i));
            case FLOAT:
                return (rs, i) -> nullable(rs, rs.getFloat(i));
            case DOUBLE:
                return (rs, i) -> nullable(rs, rs.getDouble(i));
            case DECIMAL:
                DecimalType decimal = (DecimalType) type;
                return (rs, i) -> decimal(rs.getBigDecimal(i), decimal);
            case CHAR:
            case VARCHAR:
                return (rs, i) -> {
                    String s = rs.getString(i);
                    return s == null ? null : FlinkValues.string(s);
                };
            case BINARY:
            case VARBINARY:
                return ResultSet::getBytes;
            case DATE:
                return (rs, i) -> {
                    LocalDate d = rs.getObject(i, LocalDate.class);
                    return d == null ? null : FlinkValues.date(d);
                };
            case TIME_WITHOUT_TIME_ZONE:
                return (rs, i) -> {
                    LocalTime t = rs.getObject(i, LocalTime.class);
                    return t == null ? null : FlinkValues.time(t);
                };
            case TIMESTAMP_WITHOUT_TIME_ZONE:
                return (rs, i) -> {
                    LocalDateTime t = rs.getObject(i, LocalDateTime.class);
                    return t == null ? null : FlinkValues.timestamp(t);
                };
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
            case TIMESTAMP_WITH_TIME_ZONE:
                return (rs, i) -> {
                    Instant t = hooks.readInstant(rs, i);
                    return t == null ? null : FlinkValues.timestamp(t);
                };
            default:
                return (rs, i) -> {
                    throw FlinkValues.unsupported(type);
                };
        }
    }

    private static Object nullable(ResultSet rs, Object value) throws SQLException {
        return rs.wasNull() ? null : value;
    }

    /**
     * DECIMAL of a JDBC number; one that does not fit fails with SQL state 22003 (out of range).
     */
    private static DecimalData decimal(BigDecimal value, DecimalType type) throws SQLException {
        if (value == null) {
            return null;
        }
        try {
            return FlinkValues.decimal(value, type);
        } catch (IllegalArgumentException e) {
            throw new SQLException(e.getMessage(), "22003");
        }
    }

    /**
     * The writer of a parameter of a scalar type, NULL included (sent as {@link
     * JdbcValueHooks#nullType} of {@link #sqlType}).
     *
     * @throws IllegalArgumentException for other types
     */
    public static Writer writer(LogicalType type, JdbcValueHooks hooks) {
        Writer writer = nonNullWriter(type, hooks);
        int nullType = hooks.nullType(sqlType(type));
        return (ps, index, row, field) -> {
            if (row.isNullAt(field)) {
                ps.setNull(index, nullType);
            } else {
                writer.write(ps, index, row, field);
            }
        };
    }

    private static Writer nonNullWriter(LogicalType type, JdbcValueHooks hooks) {
        switch (type.getTypeRoot()) {
            case BOOLEAN:
                return (ps, i, row, f) -> hooks.setBoolean(ps, i, row.getBoolean(f));
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
                int precision = FlinkValues.timestampPrecision(type);
                return (ps, i, row, f) ->
                        ps.setObject(i, row.getTimestamp(f, precision).toLocalDateTime());
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
            case TIMESTAMP_WITH_TIME_ZONE:
                int ltzPrecision = FlinkValues.timestampPrecision(type);
                return (ps, i, row, f) ->
                        hooks.setInstant(ps, i, row.getTimestamp(f, ltzPrecision).toInstant());
            default:
                throw FlinkValues.unsupported(type);
        }
    }

    /** The {@link Types} code of a parameter of this type (its NULL is sent as this type). */
    public static int sqlType(LogicalType type) {
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

    // ------------------------------------------------------------------ objects (array elements)

    /** The internal value of an object a JDBC driver returns (an array element). */
    public static Object fromObject(Object value, LogicalType type) throws SQLException {
        if (value == null) {
            return null;
        }
        if (FlinkValues.isNumber(type)) {
            return FlinkValues.number((Number) value, type);
        }
        switch (type.getTypeRoot()) {
            case BOOLEAN:
                return value;
            case DECIMAL:
                return decimal(new BigDecimal(value.toString()), (DecimalType) type);
            case CHAR:
            case VARCHAR:
                return FlinkValues.string(value.toString());
            case BINARY:
            case VARBINARY:
                return value;
            case DATE:
                return FlinkValues.date(((Date) value).toLocalDate());
            case TIME_WITHOUT_TIME_ZONE:
                return FlinkValues.time(((Time) value).toLocalTime());
            case TIMESTAMP_WITHOUT_TIME_ZONE:
                return FlinkValues.timestamp(((Timestamp) value).toLocalDateTime());
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                return FlinkValues.timestamp(((Timestamp) value).toInstant());
            default:
                throw new SQLException("Unsupported array element type " + type);
        }
    }

    /** The object a JDBC driver takes (an array element) for an internal value. */
    public static Object toObject(Object internal, LogicalType type) {
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

    private JdbcValues() {}
}
