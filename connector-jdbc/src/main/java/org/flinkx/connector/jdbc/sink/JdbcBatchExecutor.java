package org.flinkx.connector.jdbc.sink;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;
import org.flinkx.connector.common.dirty.RowText;
import org.flinkx.connector.common.error.SqlErrors;
import org.flinkx.connector.jdbc.bulk.BulkInserter;
import org.flinkx.connector.jdbc.config.JdbcWriteConfig;
import org.flinkx.connector.jdbc.config.WriteMode;
import org.flinkx.connector.jdbc.converter.JdbcRowConverter;
import org.flinkx.connector.jdbc.dialect.JdbcDialect;
import org.flinkx.connector.jdbc.dialect.Statements;

/**
 * Runs one group of rows (upserts or deletes) as a JDBC batch inside the writer's transaction. Each
 * group runs behind a savepoint: a permanent error rolls back to it and replays the group row by
 * row, each row behind its own savepoint, so only the bad rows are rejected and the rest of the
 * transaction survives. The rejected rows are collected ({@link #takeRejected()}); the writer sends
 * them to dirty storage once the attempt that rejected them succeeded. A transient error (a lost
 * connection, a deadlock) is thrown as it is: the writer's retry policy rolls back and retries the
 * whole attempt, so there is one retry loop, not two.
 */
final class JdbcBatchExecutor implements AutoCloseable {

    private static final org.slf4j.Logger LOG =
            org.slf4j.LoggerFactory.getLogger(JdbcBatchExecutor.class);

    private final JdbcWriteConfig config;
    private final JdbcDialect dialect;
    private final JdbcRowConverter converter;
    private final List<Rejected> rejected = new ArrayList<>();
    private final String writeSql;
    private final String deleteSql;
    private final String updateSql;
    private final String insertSql;
    private final RowText rowText;
    private final int[] allFields;
    private final int[] keyFields;
    private final int[] nonKeyFields;

    /** Rows per multi-row statement for inserts, upserts and replaces; 0: plain JDBC batches. */
    private final int rowsPerStatement;

    /** The multi-row statement for a full chunk of {@link #rowsPerStatement} rows. */
    private PreparedStatement multiWrite;

    /** COPY / LOAD DATA for appends; null when not used (or found unavailable). */
    private BulkInserter bulk;

    private Connection connection;
    private PreparedStatement write;
    private PreparedStatement delete;
    private PreparedStatement update;

    /** The INSERT of the update-then-insert upsert, when the dialect has no upsert statement. */
    private PreparedStatement fallbackInsert;

    JdbcBatchExecutor(JdbcWriteConfig config, JdbcDialect dialect, JdbcRowConverter converter) {
        this.rowText = RowText.of(config.rowType());
        this.config = config;
        this.dialect = dialect;
        this.converter = converter;
        RowType type = config.rowType();
        List<String> columns = type.getFieldNames();
        List<String> keys = config.keys();
        this.allFields = IntStream.range(0, columns.size()).toArray();
        this.keyFields = keys.stream().mapToInt(columns::indexOf).toArray();
        this.nonKeyFields =
                IntStream.range(0, columns.size())
                        .filter(i -> !keys.contains(columns.get(i)))
                        .toArray();
        String table = config.table();
        this.insertSql = Statements.insert(dialect, table, columns);
        this.updateSql = keys.isEmpty() ? null : Statements.update(dialect, table, columns, keys);
        this.deleteSql = keys.isEmpty() ? null : Statements.delete(dialect, table, keys);
        this.bulk =
                config.bulkInsert() && config.writeMode() == WriteMode.INSERT
                        ? dialect.bulkInserter(table, columns, type).orElse(null)
                        : null;
        this.writeSql = writeStatement(1);
        this.rowsPerStatement =
                writeSql != null && config.writeMode() != WriteMode.UPDATE
                        ? dialect.multiRowStatementRows(columns.size())
                        : 0;
    }

    void open(Connection newConnection) throws SQLException {
        closeStatements();
        this.connection = newConnection;
        if (writeSql != null) {
            write = connection.prepareStatement(writeSql);
        }
        if (deleteSql != null) {
            delete = connection.prepareStatement(deleteSql);
        }
        if (updateSql != null) {
            update = connection.prepareStatement(updateSql);
        }
        if (writeSql == null) {
            fallbackInsert = connection.prepareStatement(insertSql);
        }
        if (rowsPerStatement > 1) {
            multiWrite = connection.prepareStatement(writeStatement(rowsPerStatement));
        }
    }

    /**
     * The write statement of the write mode for {@code rows} rows, or null if the dialect has none.
     */
    private String writeStatement(int rows) {
        RowType type = config.rowType();
        List<String> columns = type.getFieldNames();
        String table = config.table();
        List<String> keys = config.keys();
        return switch (config.writeMode()) {
            case INSERT -> Statements.insert(dialect, table, columns, rows);
            case UPDATE -> Statements.update(dialect, table, columns, keys);
            case UPSERT -> dialect.upsertStatement(table, columns, keys, rows).orElse(null);
            case REPLACE -> dialect.replaceStatement(table, columns, keys, rows).orElse(null);
        };
    }

    /** Writes inserts and updates; returns how many rows were written (not dirty). */
    long writeRows(List<RowData> rows) throws SQLException, IOException, InterruptedException {
        if (rows.isEmpty()) {
            return 0;
        }
        if (writeSql == null) {
            // The dialect has no upsert statement: update, then insert where nothing was updated.
            return runGroup(rows, this::updateOrInsert, this::updateOrInsert);
        }
        return runGroup(rows, this::appendOrBatchWrite, this::singleWrite);
    }

    private void appendOrBatchWrite(List<RowData> rows) throws SQLException {
        if (bulk != null) {
            bulk.insert(connection, rows);
        } else {
            batchWrite(rows);
        }
    }

    long deleteRows(List<RowData> rows) throws SQLException, IOException, InterruptedException {
        if (rows.isEmpty()) {
            return 0;
        }
        return runGroup(rows, this::batchDelete, this::singleDelete);
    }

    @FunctionalInterface
    private interface GroupAction {
        void run(List<RowData> rows) throws SQLException;
    }

    @FunctionalInterface
    private interface RowAction {
        void run(RowData row) throws SQLException;
    }

    /** A row the database refused, with its error kind and error. */
    record Rejected(String row, String kind, SQLException error) {}

    /** The rows rejected since the last call, in order; clears them. */
    List<Rejected> takeRejected() {
        List<Rejected> taken = List.copyOf(rejected);
        rejected.clear();
        return taken;
    }

    private long runGroup(List<RowData> rows, GroupAction batch, RowAction single)
            throws SQLException, IOException {
        while (true) {
            Savepoint savepoint = connection.setSavepoint();
            try {
                runBatch(batch, rows);
                connection.releaseSavepoint(savepoint);
                return rows.size();
            } catch (SQLException e) {
                if (SqlErrors.isTransient(e)) {
                    throw e;
                }
                connection.rollback(savepoint);
                if (e instanceof SQLFeatureNotSupportedException && bulk != null) {
                    LOG.warn(
                            "Bulk inserts into {} are not available ({}); using batched INSERTs.",
                            config.table(),
                            e.getMessage());
                    bulk = null;
                    continue;
                }
                return isolate(rows, single);
            }
        }
    }

    /**
     * Runs a batch. pgjdbc reports a connection that died during a batch as an AssertionError
     * ("getAutoCommit() should not throw"); it becomes the connection failure it is.
     */
    private static void runBatch(GroupAction batch, List<RowData> rows) throws SQLException {
        try {
            batch.run(rows);
        } catch (AssertionError e) {
            throw new SQLException(
                    "The connection failed during a batch: " + e.getMessage(), "08006", e);
        }
    }

    /** Replays a failed group row by row; the rows that fail are rejected. */
    private long isolate(List<RowData> rows, RowAction single) throws SQLException, IOException {
        long written = 0;
        for (RowData row : rows) {
            Savepoint savepoint = connection.setSavepoint();
            try {
                single.run(row);
                connection.releaseSavepoint(savepoint);
                written++;
            } catch (SQLException e) {
                if (SqlErrors.isTransient(e)) {
                    throw e;
                }
                connection.rollback(savepoint);
                rejected.add(
                        new Rejected(
                                rowText.render(row),
                                SqlErrors.kind(e),
                                new SQLException(SqlErrors.message(e), e.getSQLState())));
            }
        }
        return written;
    }

    private void batchWrite(List<RowData> rows) throws SQLException {
        if (rowsPerStatement > 1) {
            multiRowWrite(rows);
            return;
        }
        for (RowData row : rows) {
            bindWrite(write, row);
            write.addBatch();
        }
        write.executeBatch();
    }

    /**
     * The rows as multi-row statements of {@link #rowsPerStatement} rows (the last one shorter).
     */
    private void multiRowWrite(List<RowData> rows) throws SQLException {
        for (int from = 0; from < rows.size(); from += rowsPerStatement) {
            int count = Math.min(rowsPerStatement, rows.size() - from);
            PreparedStatement statement =
                    count == rowsPerStatement
                            ? multiWrite
                            : connection.prepareStatement(writeStatement(count));
            try {
                for (int r = 0; r < count; r++) {
                    converter.bind(statement, rows.get(from + r), allFields, r * allFields.length);
                }
                statement.executeUpdate();
            } finally {
                if (statement != multiWrite) {
                    statement.close();
                }
            }
        }
    }

    private void singleWrite(RowData row) throws SQLException {
        bindWrite(write, row);
        write.executeUpdate();
    }

    private void bindWrite(PreparedStatement statement, RowData row) throws SQLException {
        if (config.writeMode() == WriteMode.UPDATE) {
            bindUpdate(statement, row);
        } else {
            converter.bind(statement, row, allFields, 0);
        }
    }

    private void bindUpdate(PreparedStatement statement, RowData row) throws SQLException {
        converter.bind(statement, row, nonKeyFields, 0);
        converter.bind(statement, row, keyFields, nonKeyFields.length);
    }

    private void batchDelete(List<RowData> rows) throws SQLException {
        for (RowData row : rows) {
            converter.bind(delete, row, keyFields, 0);
            delete.addBatch();
        }
        delete.executeBatch();
    }

    private void singleDelete(RowData row) throws SQLException {
        converter.bind(delete, row, keyFields, 0);
        delete.executeUpdate();
    }

    private void updateOrInsert(List<RowData> rows) throws SQLException {
        for (RowData row : rows) {
            updateOrInsert(row);
        }
    }

    private void updateOrInsert(RowData row) throws SQLException {
        bindUpdate(update, row);
        if (update.executeUpdate() == 0) {
            converter.bind(fallbackInsert, row, allFields, 0);
            fallbackInsert.executeUpdate();
        }
    }

    private void closeStatements() {
        for (PreparedStatement statement :
                new PreparedStatement[] {write, delete, update, fallbackInsert, multiWrite}) {
            if (statement != null) {
                try {
                    statement.close();
                } catch (SQLException ignored) {
                    // the connection is being replaced
                }
            }
        }
        write = null;
        delete = null;
        update = null;
        fallbackInsert = null;
        multiWrite = null;
    }

    @Override
    public void close() {
        closeStatements();
    }
}
