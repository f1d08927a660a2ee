package org.flinkx.connector.jdbc.bulk;

import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.Iterator;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;

/**
 * Appends a group with {@code LOAD DATA LOCAL INFILE} whose "file" is a stream the MariaDB driver
 * sends from memory ({@code org.mariadb.jdbc.Statement#setLocalInfileInputStream}); no file is
 * written.
 *
 * <p>LOCAL loads do not stop at a bad row: the server skips rows with a duplicate key and turns
 * values it has to cut or convert into warnings. So the load counts as successful only when the
 * server took exactly as many rows as were sent and reported no warning; anything else fails the
 * group, which the writer then rolls back and replays row by row with INSERT (bad rows go to dirty
 * storage with the server's error, as without the bulk path).
 */
@Internal
public final class MariaDbLoadDataInserter implements BulkInserter {

    private static final int CHUNK = 1 << 16;

    private final String loadSql;
    private final TextRowEncoder encoder;

    public MariaDbLoadDataInserter(
            String quotedTable, List<String> quotedColumns, RowType rowType) {
        this.loadSql =
                "LOAD DATA LOCAL INFILE 'flinkx-stream' INTO TABLE "
                        + quotedTable
                        + " CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\'"
                        + " LINES TERMINATED BY '\\n' ("
                        + String.join(", ", quotedColumns)
                        + ")";
        this.encoder = TextRowEncoder.forType(rowType, TextRowEncoder.Flavor.MYSQL_LOAD_DATA);
        if (encoder == null) {
            throw new IllegalArgumentException("No LOAD DATA text encoding for " + rowType);
        }
    }

    @Override
    public void insert(Connection connection, List<RowData> rows) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            if (!statement.isWrapperFor(org.mariadb.jdbc.Statement.class)) {
                throw new SQLFeatureNotSupportedException(
                        "LOAD DATA from a stream needs the MariaDB driver, not "
                                + statement.getClass().getName());
            }
            statement
                    .unwrap(org.mariadb.jdbc.Statement.class)
                    .setLocalInfileInputStream(new RowStream(rows.iterator()));
            int loaded;
            try {
                loaded = statement.executeUpdate(loadSql);
            } catch (SQLException e) {
                if (isLocalInfileDisabled(e)) {
                    throw new SQLFeatureNotSupportedException(
                            "LOAD DATA LOCAL is disabled: " + e.getMessage(), e.getSQLState(), e);
                }
                throw e;
            }
            SQLWarning warning = statement.getWarnings();
            if (loaded != rows.size() || warning != null) {
                throw new SQLException(
                        "LOAD DATA took "
                                + loaded
                                + " of "
                                + rows.size()
                                + " rows"
                                + (warning == null
                                        ? ""
                                        : " with warnings, first: " + warning.getMessage()),
                        "22000");
            }
        }
    }

    /**
     * The rows as the driver reads them, encoded a chunk at a time while the server inserts the
     * chunks already sent.
     */
    private final class RowStream extends InputStream {
        private final Iterator<RowData> rows;
        private int position;

        RowStream(Iterator<RowData> rows) {
            this.rows = rows;
            encoder.reset();
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            if (position == encoder.length()) {
                encoder.reset();
                position = 0;
                while (rows.hasNext() && encoder.length() < CHUNK) {
                    encoder.add(rows.next());
                }
                if (encoder.length() == 0) {
                    return -1;
                }
            }
            int count = Math.min(length, encoder.length() - position);
            System.arraycopy(encoder.buffer(), position, target, offset, count);
            position += count;
            return count;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }
    }

    /** Error 1148/4166 (ER_NOT_ALLOWED_COMMAND / ER_LOAD_INFILE_CAPABILITY_DISABLED). */
    private static boolean isLocalInfileDisabled(SQLException e) {
        return e.getErrorCode() == 1148 || e.getErrorCode() == 4166 || e.getErrorCode() == 3948;
    }
}
