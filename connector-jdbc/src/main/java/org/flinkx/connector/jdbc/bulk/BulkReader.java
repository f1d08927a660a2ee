package org.flinkx.connector.jdbc.bulk;

import java.sql.Connection;
import java.sql.SQLException;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.types.logical.RowType;

/**
 * A database's bulk path for reading a split's SELECT (PostgreSQL {@code COPY (query) TO STDOUT}):
 * the same rows in the same order as the result set, parsed straight into Flink's internal values.
 * The statement takes no parameters, so the split's values are written into it as literals.
 */
@Internal
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

        /** The next row, or null after the last one. */
        BulkRow next() throws SQLException;

        /** Ends the read; cancels it when rows are left. */
        @Override
        void close() throws SQLException;
    }

    /**
     * One row as read, parsed on demand: the fetcher thread only reads rows, the task thread parses
     * them, so the two share the work.
     */
    interface BulkRow {

        /**
         * Column {@code index} (0-based) as Flink's internal value.
         *
         * @throws IllegalArgumentException when the text does not parse as the column's type
         */
        Object field(int index);

        /** Estimated size of the row in bytes (its text). */
        int size();

        /** The row's text, for dirty storage. */
        String raw();
    }
}
