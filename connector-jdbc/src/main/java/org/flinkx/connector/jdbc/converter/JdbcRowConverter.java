package org.flinkx.connector.jdbc.converter;

import java.io.Serializable;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
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
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.flinkx.connector.common.convert.FlinkValues;
import org.flinkx.connector.common.convert.JdbcValueHooks;
import org.flinkx.connector.common.convert.JdbcValues;
import org.flinkx.connector.common.metrics.RowSizes;
import org.flinkx.connector.jdbc.dialect.JdbcDialect;

/**
 * Converts between JDBC and Flink's internal rows, driven by the Flink types the user declared. The
 * values of scalar columns are converted by the shared rules of connector-common ({@link
 * JdbcValues}, {@link FlinkValues}), with this connector's dialect as their {@link JdbcValueHooks};
 * what stays here is JDBC-connector specific: the dialect's UTF-8 fast path for strings, ARRAY
 * columns, and read offsets. One reader and one writer function per field are built once, so the
 * per-row work is a loop over plain calls.
 */
@Internal
public final class JdbcRowConverter implements Serializable {

    private static final long serialVersionUID = 1L;

    private final RowType rowType;
    private final JdbcDialect dialect;
    private final JdbcValueHooks hooks;
    private transient JdbcValues.Reader[] readers;
    private transient JdbcValues.Writer[] writers;

    public JdbcRowConverter(RowType rowType, JdbcDialect dialect) {
        JdbcTypes.validate(rowType, dialect);
        this.rowType = rowType;
        this.dialect = dialect;
        this.hooks = new DialectHooks(dialect);
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

    private static final JdbcValues.Reader UTF8_BYTES =
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
            size += RowSizes.sizeOf(value);
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

    // ------------------------------------------------------------------ reading

    private JdbcValues.Reader[] createReaders() {
        List<LogicalType> types = rowType.getChildren();
        JdbcValues.Reader[] result = new JdbcValues.Reader[types.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = reader(types.get(i));
        }
        return result;
    }

    private JdbcValues.Reader reader(LogicalType type) {
        if (!(type instanceof ArrayType array)) {
            return JdbcValues.reader(type, hooks);
        }
        LogicalType element = array.getElementType();
        return (rs, i) -> {
            Object[] external = dialect.readArray(rs, i, element);
            if (external == null) {
                return null;
            }
            Object[] internal = new Object[external.length];
            for (int k = 0; k < external.length; k++) {
                internal[k] = JdbcValues.fromObject(external[k], element);
            }
            return new GenericArrayData(internal);
        };
    }

    // ------------------------------------------------------------------ writing

    private JdbcValues.Writer[] createWriters() {
        List<LogicalType> types = rowType.getChildren();
        JdbcValues.Writer[] result = new JdbcValues.Writer[types.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = writer(types.get(i));
        }
        return result;
    }

    private JdbcValues.Writer writer(LogicalType type) {
        if (!(type instanceof ArrayType array)) {
            return JdbcValues.writer(type, hooks);
        }
        LogicalType element = array.getElementType();
        String elementTypeName = dialect.arrayElementTypeName(element);
        ArrayData.ElementGetter getter = ArrayData.createElementGetter(element);
        int nullType = dialect.nullType(JdbcValues.sqlType(type));
        return (ps, i, row, f) -> {
            if (row.isNullAt(f)) {
                ps.setNull(i, nullType);
                return;
            }
            ArrayData values = row.getArray(f);
            Object[] external = new Object[values.size()];
            for (int k = 0; k < external.length; k++) {
                external[k] = JdbcValues.toObject(getter.getElementOrNull(values, k), element);
            }
            Connection connection = ps.getConnection();
            ps.setArray(i, connection.createArrayOf(elementTypeName, external));
        };
    }

    /** The dialect's hooks into the shared value conversion. */
    private static final class DialectHooks implements JdbcValueHooks {
        private static final long serialVersionUID = 1L;
        private final JdbcDialect dialect;

        DialectHooks(JdbcDialect dialect) {
            this.dialect = dialect;
        }

        @Override
        public Instant readInstant(ResultSet rs, int column) throws SQLException {
            return dialect.readInstant(rs, column);
        }

        @Override
        public void setInstant(PreparedStatement statement, int index, Instant value)
                throws SQLException {
            dialect.setInstant(statement, index, value);
        }

        @Override
        public void setBoolean(PreparedStatement statement, int index, boolean value)
                throws SQLException {
            dialect.setBoolean(statement, index, value);
        }

        @Override
        public int nullType(int sqlType) {
            return dialect.nullType(sqlType);
        }
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
