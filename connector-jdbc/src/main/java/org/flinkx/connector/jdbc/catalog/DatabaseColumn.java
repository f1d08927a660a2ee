package org.flinkx.connector.jdbc.catalog;

import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;

/**
 * A column as the database's {@code information_schema.columns} describes it.
 *
 * @param name the column's name
 * @param dataType the type's name without its size, lower case ({@code varchar}, {@code int}; for
 *     PostgreSQL the {@code udt_name}: {@code int4}, {@code _text} for arrays)
 * @param columnType the full type as declared ({@code int(10) unsigned}, {@code tinyint(1)}; for
 *     PostgreSQL the {@code data_type}: {@code character varying}, {@code ARRAY})
 * @param length the character or binary length, or null
 * @param octets the most bytes a value of a character type takes ({@code character_octet_length}: a
 *     {@code varchar(10)} in utf8mb4 takes 40), or null
 * @param precision the numeric precision, or null
 * @param scale the numeric scale, or null
 * @param fraction the fractional seconds of a time or timestamp, or null
 * @param nullable whether the column takes NULL
 */
@Internal
public record DatabaseColumn(
        String name,
        String dataType,
        String columnType,
        @Nullable Long length,
        @Nullable Long octets,
        @Nullable Integer precision,
        @Nullable Integer scale,
        @Nullable Integer fraction,
        boolean nullable) {

    /**
     * The columns a query of {@code information_schema} returns, its result columns being name,
     * type name, declared type, length, octet length, precision, scale, fractional seconds and
     * "YES" if nullable.
     */
    static java.util.List<DatabaseColumn> read(java.sql.PreparedStatement query)
            throws java.sql.SQLException {
        java.util.List<DatabaseColumn> columns = new java.util.ArrayList<>();
        try (java.sql.ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                columns.add(
                        new DatabaseColumn(
                                rows.getString(1),
                                rows.getString(2).toLowerCase(java.util.Locale.ROOT),
                                rows.getString(3),
                                longOf(rows, 4),
                                longOf(rows, 5),
                                intOf(rows, 6),
                                intOf(rows, 7),
                                intOf(rows, 8),
                                "YES".equals(rows.getString(9))));
            }
        }
        return columns;
    }

    /** A number of {@code information_schema} (whose integer types differ by database), or null. */
    @Nullable
    static Long longOf(java.sql.ResultSet rows, int column) throws java.sql.SQLException {
        Object value = rows.getObject(column);
        return value == null ? null : ((Number) value).longValue();
    }

    /** {@link #longOf} as an int. */
    @Nullable
    static Integer intOf(java.sql.ResultSet rows, int column) throws java.sql.SQLException {
        Long value = longOf(rows, column);
        return value == null ? null : value.intValue();
    }
}
