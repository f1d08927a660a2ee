package org.flinkx.connector.jdbc.sink;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.types.RowKind;

import org.flinkx.connector.common.error.DirtyDataHandler;
import org.flinkx.connector.common.error.SqlErrors;
import org.flinkx.connector.common.sink.BufferedSinkWriter;
import org.flinkx.connector.common.sink.TransactionId;
import org.flinkx.connector.jdbc.config.JdbcWriteConfig;
import org.flinkx.connector.jdbc.converter.JdbcRowConverter;
import org.flinkx.connector.jdbc.dialect.JdbcDialect;
import org.flinkx.connector.jdbc.internal.JdbcConnections;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.XAConnection;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes rows into a table. Rows are buffered (reduced to the last change per key when the table
 * has a key, so changes to one key are never reordered) and written in batches. With
 * at-least-once or none each flush commits at once; with exactly-once every checkpoint's rows go
 * into one XA branch that is prepared at the checkpoint and committed by {@link JdbcCommitter} when
 * the checkpoint completes. On start the writer rolls back the prepared branches an earlier
 * attempt left behind after the checkpoint it restores from.
 */
final class JdbcWriter extends BufferedSinkWriter<RowData, JdbcCommittable>
        implements StatefulSinkWriter<RowData, JdbcWriterState> {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcWriter.class);

    private final JdbcWriteConfig config;
    private final JdbcDialect dialect;
    private final int subtask;
    private final TypeSerializer<RowData> copier;
    private final DirtyDataHandler dirty;
    private final JdbcBatchExecutor executor;
    private final RowData.FieldGetter[] keyGetters;
    private final Map<RowData, RowData> keyedBuffer = new LinkedHashMap<>();
    private final List<RowData> appendBuffer = new ArrayList<>();

    private Connection connection;
    private XAConnection xaConnection;
    private XAResource xaResource;
    private TransactionId currentTransaction;
    private long nextCheckpointId;

    JdbcWriter(
            WriterInitContext context,
            JdbcWriteConfig config,
            JdbcDialect dialect,
            String connectorName,
            Collection<JdbcWriterState> restoredStates)
            throws IOException {
        super(context, config.buffer(), config.deliveryGuarantee(), config.rateLimit());
        this.config = config;
        this.dialect = dialect;
        this.subtask = context.getTaskInfo().getIndexOfThisSubtask();
        this.copier = context.isObjectReuseEnabled() ? context.createInputSerializer() : null;
        String owner = DirtyDataHandler.owner("sink", connectorName, context.metricGroup(), subtask);
        this.dirty =
                new DirtyDataHandler(
                        connectorName, config.errorLimit(), config.dirtyData(), owner, metrics);
        JdbcRowConverter converter = new JdbcRowConverter(config.rowType(), dialect);
        this.executor = new JdbcBatchExecutor(config, dialect, converter, dirty);
        List<String> columns = config.rowType().getFieldNames();
        this.keyGetters = new RowData.FieldGetter[config.keys().size()];
        for (int i = 0; i < keyGetters.length; i++) {
            int field = columns.indexOf(config.keys().get(i));
            keyGetters[i] = RowData.createFieldGetter(config.rowType().getTypeAt(field), field);
        }
        long restored = context.getRestoredCheckpointId().orElse(0L);
        this.nextCheckpointId = restored + 1;
        try {
            connect();
            if (config.exactlyOnce()) {
                abortLeftovers(restoredStates, context.getRestoredCheckpointId().isPresent(), restored,
                        context.getTaskInfo().getNumberOfParallelSubtasks());
            }
        } catch (SQLException e) {
            close();
            String message = "Cannot start writing to " + config.table() + ": " + e.getMessage();
            SqlErrors.throwIfUnrecoverable(message, e);
            throw new IOException(message, e);
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

    // ------------------------------------------------------------------ buffering

    @Override
    protected long addToBuffer(RowData row) {
        // With a key, an UPDATE_BEFORE counts as a delete of the key: the UPDATE_AFTER that normally
        // follows replaces it in the buffer, and when a filter dropped that UPDATE_AFTER the row is
        // gone indeed.
        RowData owned = copier == null ? row : copier.copy(row);
        if (keyGetters.length == 0) {
            appendBuffer.add(owned);
        } else {
            RowData key = key(owned);
            keyedBuffer.remove(key); // keeps the buffer in the order of the last change per key
            keyedBuffer.put(key, owned);
        }
        return JdbcRowConverter.estimateSize(owned);
    }

    private RowData key(RowData row) {
        GenericRowData key = new GenericRowData(keyGetters.length);
        for (int i = 0; i < keyGetters.length; i++) {
            key.setField(i, keyGetters[i].getFieldOrNull(row));
        }
        return key;
    }

    @Override
    protected long writeBuffer() throws IOException, InterruptedException {
        List<RowData> writes = new ArrayList<>(appendBuffer);
        List<RowData> deletes = new ArrayList<>();
        for (RowData row : keyedBuffer.values()) {
            boolean retract = row.getRowKind() == RowKind.DELETE || row.getRowKind() == RowKind.UPDATE_BEFORE;
            (retract ? deletes : writes).add(row);
        }
        for (int attempt = 0; ; attempt++) {
            try {
                beginTransactionIfNeeded();
                long written = executor.writeRows(writes) + executor.deleteRows(deletes);
                if (!config.exactlyOnce()) {
                    connection.commit();
                }
                dirty.recordsProcessed(written);
                appendBuffer.clear();
                keyedBuffer.clear();
                return written;
            } catch (SQLException e) {
                if (config.exactlyOnce() || attempt >= config.buffer().maxRetries() || !SqlErrors.isTransient(e)) {
                    throw new IOException(failureMessage(e), e);
                }
                LOG.warn("Writing to {} failed (attempt {}), reconnecting: {}",
                        config.table(), attempt + 1, e.getMessage());
                reconnect();
                Thread.sleep(config.buffer().retryBackoff().toMillis() << Math.min(attempt, 10));
            }
        }
    }

    private String failureMessage(SQLException e) {
        String message = "Writing " + bufferedRows() + " buffered rows to " + config.table() + " at "
                + config.connection().safeUrl() + " failed: " + SqlErrors.message(e);
        if (config.exactlyOnce()) {
            message += ". The open transaction is lost; the job restarts from its last checkpoint"
                    + " and writes these rows again.";
        }
        return message;
    }

    private void reconnect() {
        JdbcConnections.closeQuietly(connection);
        JdbcConnections.closeQuietly(xaConnection);
        try {
            connect();
        } catch (SQLException e) {
            LOG.warn("Reconnecting to {} failed: {}", config.connection().safeUrl(), e.getMessage());
        }
    }

    // ------------------------------------------------------------------ transactions

    private void beginTransactionIfNeeded() throws SQLException {
        if (!config.exactlyOnce() || currentTransaction != null) {
            return;
        }
        TransactionId id = new TransactionId(config.transactionPrefix(), subtask, nextCheckpointId);
        try {
            xaResource.start(XaIds.of(id), XAResource.TMNOFLAGS);
        } catch (XAException e) {
            throw xaFailure("start", id, e);
        }
        currentTransaction = id;
    }

    @Override
    protected Collection<JdbcCommittable> prepareTransaction() throws IOException {
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
            throw new IOException(xaFailure("prepare", id, e).getMessage(), e);
        }
        LOG.debug("Prepared {}", id);
        if (dialect.xaPrepareBindsConnection()) {
            // The prepared branch survives the disconnect; the next one needs a free connection.
            JdbcConnections.closeQuietly(connection);
            JdbcConnections.closeQuietly(xaConnection);
            try {
                connect();
            } catch (SQLException e) {
                throw new IOException("Cannot reconnect to " + config.connection().safeUrl()
                        + " after preparing " + id + ": " + e.getMessage(), e);
            }
        }
        return List.of(new JdbcCommittable(id));
    }

    @Override
    public List<JdbcWriterState> snapshotState(long checkpointId) {
        nextCheckpointId = checkpointId + 1;
        return List.of(new JdbcWriterState(config.transactionPrefix(), List.of(subtask)));
    }

    /**
     * Rolls back prepared branches of this prefix that belong to this subtask (or to the subtasks
     * whose state it inherited, or, on subtask 0, to subtasks beyond the current parallelism) and
     * were opened after the restored checkpoint: their rows were never part of a checkpoint, so the
     * restored job writes them again. Branches up to the restored checkpoint are left to the
     * committer.
     */
    private void abortLeftovers(
            Collection<JdbcWriterState> states, boolean restoredRun, long restored, int parallelism)
            throws SQLException {
        Set<Integer> owned = new TreeSet<>();
        owned.add(subtask);
        for (JdbcWriterState state : states) {
            owned.addAll(state.subtasks());
        }
        Xid[] prepared;
        try {
            prepared = xaResource.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN);
        } catch (XAException e) {
            throw new SQLException("Cannot list prepared XA transactions (" + dialect.xaPrerequisites() + "): " + XaErrors.describe(e), e);
        }
        for (Xid xid : prepared == null ? new Xid[0] : prepared) {
            TransactionId id = XaIds.parse(xid, config.transactionPrefix());
            if (id == null) {
                continue;
            }
            boolean mine = owned.contains(id.subtask()) || (subtask == 0 && id.subtask() >= parallelism);
            if (mine && (!restoredRun || id.checkpointId() > restored)) {
                try {
                    xaResource.rollback(xid);
                    LOG.info("Rolled back {} left by an earlier attempt", id);
                } catch (XAException e) {
                    if (e.errorCode != XAException.XAER_NOTA) {
                        throw new SQLException("Cannot roll back the leftover transaction " + id + ": " + XaErrors.describe(e), e);
                    }
                }
            }
        }
    }

    private static SQLException xaFailure(String action, TransactionId id, XAException e) {
        return new SQLException("XA " + action + " of " + id + " failed: " + XaErrors.describe(e), e);
    }

    @Override
    public void close() throws IOException {
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
            JdbcConnections.closeQuietly(connection);
            JdbcConnections.closeQuietly(xaConnection);
            dirty.close();
        }
    }
}
