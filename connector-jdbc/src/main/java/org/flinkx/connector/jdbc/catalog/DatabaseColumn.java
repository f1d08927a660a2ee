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
        @Nullable Integer precision,
        @Nullable Integer scale,
        @Nullable Integer fraction,
        boolean nullable) {

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
