package org.flinkx.connector.jdbc.bulk;

import org.apache.flink.table.types.logical.RowType;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A database's bulk path for reading a split's SELECT (PostgreSQL {@code COPY (query) TO STDOUT}):
 * the same rows in the same order as the result set, parsed straight into Flink's internal values.
 * The statement takes no parameters, so the split's values are written into it as literals.
 */
public interface BulkReader {

    /**
     * Whether every column of {@code selectSql} (described by the server, not executed) has a
     * database type this reader parses into the given Flink type.
     */
    boolean supports(Connection connection, String selectSql, RowType columns) throws SQLException;

    /**
     * The value as a SQL literal for the query text.
     *
     * @throws IllegalArgumentException for a value it does not render (the caller then reads the
     *     split with a result set)
     */
    String literal(Object value);

    /** Starts reading the rows of {@code selectSql}. */
    BulkRows open(Connection connection, String selectSql, RowType columns) throws SQLException;

    /** The rows of one bulk read, one at a time. */
    interface BulkRows extends AutoCloseable {

        /** Moves to the next row; false after the last one. */
        boolean next() throws SQLException;

        /**
         * The current row's column {@code index} (0-based) as Flink's internal value.
         *
         * @throws IllegalArgumentException when the text does not parse as the column's type
         */
        Object field(int index);

        /** Estimated size of the current row in bytes (its text). */
        int size();

        /** The current row's text, for dirty storage. */
        String raw();

        /** Ends the read; cancels it when rows are left. */
        @Override
        void close() throws SQLException;
    }
}
