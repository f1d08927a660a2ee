package org.flinkx.connector.jdbc.bulk;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.RowData;

/**
 * A database's own bulk path for appending rows (PostgreSQL {@code COPY FROM STDIN}, MariaDB {@code
 * LOAD DATA LOCAL INFILE} from a stream). It runs inside the writer's transaction and succeeds or
 * fails as a whole: the writer rolls a failed group back to its savepoint and replays it row by row
 * with INSERT, so bad rows still reach dirty storage one by one.
 */
@Internal
public interface BulkInserter {

    /**
     * Inserts all rows over the connection, in its current transaction.
     *
     * @throws java.sql.SQLFeatureNotSupportedException when the connection cannot take bulk loads
     *     at all (the writer then uses batched INSERTs from there on)
     * @throws SQLException when any row is rejected, or the database did not take every row as it
     *     is
     */
    void insert(Connection connection, List<RowData> rows) throws SQLException;
}
