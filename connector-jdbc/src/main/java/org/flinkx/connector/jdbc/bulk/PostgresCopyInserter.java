package org.flinkx.connector.jdbc.bulk;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Appends a group with {@code COPY table (columns) FROM STDIN} in text format, streamed from one
 * reused buffer. COPY is a statement of the current transaction (also an XA branch), so savepoints,
 * two-phase commit and the row-by-row replay of a rejected group work as with INSERT.
 */
@Internal
public final class PostgresCopyInserter implements BulkInserter {

    private static final int CHUNK = 1 << 16;

    private final String copySql;
    private final TextRowEncoder encoder;

    public PostgresCopyInserter(String quotedTable, List<String> quotedColumns, RowType rowType) {
        this.copySql =
                "COPY " + quotedTable + " (" + String.join(", ", quotedColumns) + ") FROM STDIN";
        this.encoder = TextRowEncoder.forType(rowType, TextRowEncoder.Flavor.POSTGRES_COPY);
        if (encoder == null) {
            throw new IllegalArgumentException("No COPY text encoding for " + rowType);
        }
    }

    @Override
    public void insert(Connection connection, List<RowData> rows) throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
        try {
            // Encoded and sent in chunks: the server parses one chunk while the next is encoded.
            encoder.reset();
            for (RowData row : rows) {
                encoder.add(row);
                if (encoder.length() >= CHUNK) {
                    copy.writeToCopy(encoder.buffer(), 0, encoder.length());
                    encoder.reset();
                }
            }
            if (encoder.length() > 0) {
                copy.writeToCopy(encoder.buffer(), 0, encoder.length());
            }
            long copied = copy.endCopy();
            if (copied != rows.size()) {
                throw new SQLException(
                        "COPY took " + copied + " of " + rows.size() + " rows", "22000");
            }
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }
}
