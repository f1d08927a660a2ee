package org.flinkx.connector.jdbc.sink;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.XAConnection;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.apache.flink.table.data.RowData;
import org.apache.flink.types.RowKind;
import org.flinkx.connector.common.error.SqlErrors;
import org.flinkx.connector.common.metrics.RowSizes;
import org.flinkx.connector.common.retry.ErrorClassifier;
import org.flinkx.connector.common.sink.Batch;
import org.flinkx.connector.common.sink.FlinkxSinkWriter;
import org.flinkx.connector.common.sink.Rejected;
import org.flinkx.connector.common.sink.RowKeys;
import org.flinkx.connector.common.sink.TargetWriter;
import org.flinkx.connector.common.sink.TransactionId;
import org.flinkx.connector.jdbc.config.JdbcWriteConfig;
import org.flinkx.connector.jdbc.converter.JdbcRowConverter;
import org.flinkx.connector.jdbc.dialect.JdbcDialect;
import org.flinkx.connector.jdbc.internal.JdbcConnections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes batches of rows into a table, for {@link FlinkxSinkWriter} (which buffers, retries and
 * counts). With a key the buffer holds each key's last change; a batch runs its upserts, then its
 * deletes. With at-least-once or none each batch commits at once; with exactly-once every
 * checkpoint's batches go into one XA branch that is prepared at the checkpoint and committed by
 * {@link JdbcCommitter} when the checkpoint completes. On start the writer rolls back the prepared
 * branches an earlier attempt left behind after the checkpoint it restores from.
 */
final class JdbcWriter implements TargetWriter<RowData, JdbcCommittable, JdbcWriterState> {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcWriter.class);

    private final JdbcWriteConfig config;
    private final JdbcDialect dialect;
    private final int subtask;
    private final RowSizes sizes;
    private final JdbcBatchExecutor executor;
    private final RowKeys keys;

    private Connection connection;
    private XAConnection xaConnection;
    private XAResource xaResource;
    private TransactionId currentTransaction;

    JdbcWriter(JdbcWriteConfig config, JdbcDialect dialect, int subtask) {
        this.config = config;
        this.dialect = dialect;
        this.subtask = subtask;
        this.sizes = RowSizes.forType(config.rowType());
        this.executor =
                new JdbcBatchExecutor(
                        config, dialect, new JdbcRowConverter(config.rowType(), dialect));
        this.keys = RowKeys.of(config.rowType(), config.keys());
    }

    @Override
    public String describe() {
        return config.table() + " at " + config.connection().safeUrl();
    }

    @Override
    public ErrorClassifier errors() {
        return SqlErrors.CLASSIFIER;
    }

    /** With exactly-once a failed write loses the open XA branch: only a restart can repeat it. */
    @Override
    public boolean retriesWrites() {
        return !config.exactlyOnce();
    }

    @Override
    public long sizeOf(RowData row) {
        return sizes.of(row);
    }

    /**
     * With a key, an UPDATE_BEFORE counts as a delete of the key: the UPDATE_AFTER that normally
     * follows replaces it in the buffer, and when a filter dropped that UPDATE_AFTER the row is
     * gone indeed.
     */
    @Override
    public Object keyOf(RowData row) {
        return keys.keyOf(row);
    }

    // ------------------------------------------------------------------ writing

    @Override
    public List<Rejected> write(Batch<RowData> rows)
            throws SQLException, java.io.IOException, InterruptedException {
        List<RowData> batch = rows.rows();
        if (connection == null) {
            connect();
        }
        List<RowData> writes = new ArrayList<>(batch.size());
        List<RowData> deletes = new ArrayList<>();
        for (RowData row : batch) {
            boolean retract =
                    keys.isKeyed()
                            && (row.getRowKind() == RowKind.DELETE
                                    || row.getRowKind() == RowKind.UPDATE_BEFORE);
            (retract ? deletes : writes).add(row);
        }
        executor.takeRejected(); // those of a failed attempt were rolled back with it
        try {
            executor.writeRows(writes);
            executor.deleteRows(deletes);
            if (!config.exactlyOnce()) {
                connection.commit();
            }
        } catch (SQLException e) {
            if (config.exactlyOnce()) {
                throw new SQLException(
                        SqlErrors.message(e)
                                + ". The open transaction is lost; the job"
                                + " restarts from its last checkpoint and writes these rows again.",
                        e.getSQLState(),
                        e);
            }
            rollbackAfter(e);
            throw e;
        } catch (RuntimeException e) {
            rollbackAfter(e);
            throw e;
        }
        List<Rejected> rejected = new ArrayList<>();
        for (JdbcBatchExecutor.Rejected row : executor.takeRejected()) {
            rejected.add(new Rejected(config.table(), row.row(), row.kind(), row.error()));
        }
        return rejected;
    }

    private void rollbackAfter(Exception failure) {
        if (config.exactlyOnce()) {
            return;
        }
        try {
            connection.rollback();
        } catch (SQLException rollback) {
            failure.addSuppressed(rollback);
        }
    }

    /**
     * Before a retry (after the backoff): a connection that still works was rolled back and is
     * reused; a broken one is replaced. A failed reconnect fails this attempt, with its cause.
     */
    @Override
    public void recover() throws SQLException {
        if (connection != null && isValid(connection)) {
            return;
        }
        disconnect();
        connect();
    }

    private static boolean isValid(Connection connection) {
        try {
            return connection.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    private void connect() throws SQLException {
        if (config.exactlyOnce()) {
            xaConnection = JdbcConnections.openXa(config.connection(), dialect);
            xaResource = xaConnection.getXAResource();
            connection = xaConnection.getConnection();
        } else {
            connection = JdbcConnections.open(config.connection(), dialect);
            connection.setAutoCommit(false);
        }
        executor.open(connection);
    }

    private void disconnect() {
        JdbcConnections.closeQuietly(connection);
        JdbcConnections.closeQuietly(xaConnection);
        connection = null;
        xaConnection = null;
        xaResource = null;
    }

    // ------------------------------------------------------------------ transactions

    @Override
    public void begin(long checkpointId) throws SQLException {
        if (!config.exactlyOnce()) {
            return;
        }
        if (connection == null) {
            connect();
        }
        TransactionId id = new TransactionId(config.transactionPrefix(), subtask, checkpointId);
        try {
            xaResource.start(XaIds.of(id), XAResource.TMNOFLAGS);
        } catch (XAException e) {
            throw xaFailure("start", id, e);
        }
        currentTransaction = id;
    }

    @Override
    public Collection<JdbcCommittable> prepareCommit() throws SQLException {
        if (currentTransaction == null) {
            return List.of();
        }
        TransactionId id = currentTransaction;
        currentTransaction = null;
        Xid xid = XaIds.of(id);
        try {
            xaResource.end(xid, XAResource.TMSUCCESS);
            if (xaResource.prepare(xid) == XAResource.XA_RDONLY) {
                return List.of();
            }
        } catch (XAException e) {
            throw xaFailure("prepare", id, e);
        }
        LOG.debug("Prepared {}", id);
        if (dialect.xaPrepareBindsConnection()) {
            // The prepared branch survives the disconnect; the next one needs a free connection.
            disconnect();
            try {
                connect();
            } catch (SQLException e) {
                throw new SQLException(
                        "Cannot reconnect to "
                                + config.connection().safeUrl()
                                + " after preparing "
                                + id
                                + ": "
                                + e.getMessage(),
                        e.getSQLState(),
                        e);
            }
        }
        return List.of(new JdbcCommittable(id));
    }

    @Override
    public List<JdbcWriterState> snapshotState(long checkpointId) {
        return List.of(new JdbcWriterState(config.transactionPrefix(), List.of(subtask)));
    }

    /**
     * Connects, and with exactly-once rolls back prepared branches of this prefix that belong to
     * this subtask (or to the subtasks whose state it inherited, or, on subtask 0, to subtasks
     * beyond the current parallelism) and were opened after the restored checkpoint: their rows
     * were never part of a checkpoint, so the restored job writes them again. Branches up to the
     * restored checkpoint are left to the committer.
     */
    @Override
    public void abortLeftovers(Restore<JdbcWriterState> restore) throws SQLException {
        connect();
        if (!config.exactlyOnce()) {
            return;
        }
        Set<Integer> owned = new TreeSet<>();
        owned.add(subtask);
        for (JdbcWriterState state : restore.states()) {
            owned.addAll(state.subtasks());
        }
        Xid[] prepared;
        try {
            prepared = xaResource.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN);
        } catch (XAException e) {
            throw new SQLException(
                    "Cannot list prepared XA transactions ("
                            + dialect.xaPrerequisites()
                            + "): "
                            + XaErrors.describe(e),
                    e);
        }
        for (Xid xid : prepared == null ? new Xid[0] : prepared) {
            TransactionId id = XaIds.parse(xid, config.transactionPrefix());
            if (id == null) {
                continue;
            }
            boolean mine =
                    owned.contains(id.subtask())
                            || (subtask == 0 && id.subtask() >= restore.parallelism());
            boolean afterRestored =
                    restore.restoredCheckpoint().isEmpty()
                            || id.checkpointId() > restore.restoredCheckpoint().getAsLong();
            if (mine && afterRestored) {
                try {
                    xaResource.rollback(xid);
                    LOG.info("Rolled back {} left by an earlier attempt", id);
                } catch (XAException e) {
                    if (e.errorCode != XAException.XAER_NOTA) {
                        throw new SQLException(
                                "Cannot roll back the leftover transaction "
                                        + id
                                        + ": "
                                        + XaErrors.describe(e),
                                e);
                    }
                }
            }
        }
    }

    private static SQLException xaFailure(String action, TransactionId id, XAException e) {
        return new SQLException(
                "XA " + action + " of " + id + " failed: " + XaErrors.describe(e), e);
    }

    @Override
    public void close() throws Exception {
        try {
            if (currentTransaction != null && xaResource != null) {
                Xid xid = XaIds.of(currentTransaction);
                try {
                    xaResource.end(xid, XAResource.TMFAIL);
                    xaResource.rollback(xid);
                } catch (XAException e) {
                    LOG.debug("Rolling back {} on close failed", currentTransaction, e);
                }
            }
            executor.close();
        } finally {
            disconnect();
        }
    }
}
