package org.flinkx.connector.binlog.source.reader;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.flinkx.connector.binlog.client.SnapshotSql;

/**
 * The parts of a snapshot chunk's query that deal with a whole key of several columns: the
 * condition that resumes after a key, binding key values, and reading them back in the canonical
 * form the split state compares ({@code SnapshotKeys}).
 */
final class WholeKeys {

    private WholeKeys() {}

    /**
     * The rows after the whole key {@code values} of the key columns {@code key}: {@code a >= x AND
     * (a > x OR (a = x AND b > y) OR ...)}, as the JDBC source resumes a split (the redundant
     * {@code a >= x} gives the server a range on the leading column; MariaDB does not always use an
     * index for a row-value comparison). Adds the parameters to {@code params}.
     */
    static String after(List<String> key, List<Object> values, List<Object> params) {
        StringBuilder sql = new StringBuilder();
        sql.append(SnapshotSql.quote(key.get(0))).append(" >= ?");
        params.add(values.get(0));
        sql.append(" AND (");
        for (int i = 0; i < key.size(); i++) {
            if (i > 0) {
                sql.append(" OR (");
                for (int j = 0; j < i; j++) {
                    sql.append(SnapshotSql.quote(key.get(j))).append(" = ? AND ");
                    params.add(values.get(j));
                }
            }
            sql.append(SnapshotSql.quote(key.get(i))).append(" > ?");
            params.add(values.get(i));
            if (i > 0) {
                sql.append(")");
            }
        }
        return sql.append(")").toString();
    }

    /** Binds a bound: an integer, or a canonical key value (see {@code SnapshotKeys}). */
    static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value instanceof BigInteger integer) {
            statement.setBigDecimal(index, new BigDecimal(integer));
        } else if (value instanceof BigDecimal decimal) {
            statement.setBigDecimal(index, decimal);
        } else if (value instanceof Instant instant) {
            // the session is in UTC
            statement.setObject(index, LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
        } else if (value instanceof LocalDate || value instanceof LocalDateTime) {
            statement.setObject(index, value);
        } else {
            throw new SQLException("Cannot bind the key value " + value + " of a snapshot chunk");
        }
    }

    /** Reads one value of a whole key in its canonical form (see {@code SnapshotKeys}). */
    interface KeyValue {
        Object read(ResultSet rs, int column) throws SQLException;
    }

    /**
     * How the key column {@code column} of the chunk's result is read; fails for a type whose order
     * a chunk cannot record.
     */
    static KeyValue keyValue(ResultSetMetaData meta, int column, String table) throws SQLException {
        int type = meta.getColumnType(column);
        String name = meta.getColumnTypeName(column).toUpperCase(Locale.ROOT);
        switch (type) {
            case Types.TINYINT:
            case Types.SMALLINT:
            case Types.INTEGER:
            case Types.BIGINT:
            case Types.DECIMAL:
            case Types.NUMERIC:
            case Types.BIT:
            case Types.BOOLEAN:
                return (rs, c) -> rs.getBigDecimal(c);
            case Types.DATE:
                return (rs, c) -> rs.getObject(c, LocalDate.class);
            case Types.TIMESTAMP:
                if (name.startsWith("TIMESTAMP")) {
                    return (rs, c) -> {
                        LocalDateTime utc = rs.getObject(c, LocalDateTime.class);
                        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
                    };
                }
                return (rs, c) -> rs.getObject(c, LocalDateTime.class);
            default:
                throw new SQLException(
                        "Key column "
                                + meta.getColumnName(column)
                                + " of "
                                + table
                                + " has the type "
                                + name
                                + ", whose order a chunk cannot record");
        }
    }
}
