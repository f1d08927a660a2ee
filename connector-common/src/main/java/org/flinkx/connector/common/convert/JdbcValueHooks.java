package org.flinkx.connector.common.convert;

import java.io.Serializable;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;

/**
 * What a database (or a reader's session) decides about JDBC values in {@link JdbcValues}; every
 * other rule is the shared one. The defaults are plain JDBC.
 */
@Internal
public interface JdbcValueHooks extends Serializable {

    /** Plain JDBC. */
    JdbcValueHooks STANDARD = new JdbcValueHooks() {};

    /** Reads a TIMESTAMP_LTZ column as an instant. */
    @Nullable
    default Instant readInstant(ResultSet rs, int column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** Binds an instant to a TIMESTAMP_LTZ parameter. */
    default void setInstant(PreparedStatement statement, int index, Instant value)
            throws SQLException {
        statement.setTimestamp(index, Timestamp.from(value));
    }

    /** Binds a BOOLEAN parameter. */
    default void setBoolean(PreparedStatement statement, int index, boolean value)
            throws SQLException {
        statement.setBoolean(index, value);
    }

    /** The SQL type sent for a NULL parameter of a column of the given SQL type. */
    default int nullType(int sqlType) {
        return sqlType;
    }

    /**
     * Whether TINYINT, SMALLINT and INT columns are read as a long and narrowed as {@link
     * FlinkValues#number} narrows (as a change stream's values are), instead of through the
     * driver's range-checked {@code getByte} / {@code getShort} / {@code getInt}.
     */
    default boolean narrowsIntegers() {
        return false;
    }
}
