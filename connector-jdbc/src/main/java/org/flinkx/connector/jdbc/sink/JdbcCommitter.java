package org.flinkx.connector.jdbc.sink;

import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.util.FlinkRuntimeException;

import org.flinkx.connector.common.error.UnrecoverableException;
import org.flinkx.connector.common.sink.TransactionId;
import org.flinkx.connector.jdbc.config.JdbcWriteConfig;
import org.flinkx.connector.jdbc.dialect.JdbcDialect;
import org.flinkx.connector.jdbc.internal.JdbcConnections;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.XAConnection;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Collection;

/**
 * Commits prepared XA branches once their checkpoint is complete. Idempotent: a branch the database
 * no longer knows was committed before (a repeated commit after recovery; the writer never rolls
 * back a branch of a restored checkpoint). A lost connection is retried; any other failure fails
 * the job with the id of the branch, which stays prepared on the server so no data is lost.
 */
final class JdbcCommitter implements Committer<JdbcCommittable> {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcCommitter.class);

    private final JdbcWriteConfig config;
    private final JdbcDialect dialect;
    private XAConnection connection;
    private XAResource resource;

    JdbcCommitter(JdbcWriteConfig config, JdbcDialect dialect) {
        this.config = config;
        this.dialect = dialect;
    }

    @Override
    public void commit(Collection<CommitRequest<JdbcCommittable>> requests)
            throws IOException, InterruptedException {
        for (CommitRequest<JdbcCommittable> request : requests) {
            TransactionId id = request.getCommittable().transaction();
            try {
                resource().commit(XaIds.of(id), false);
                LOG.debug("Committed {}", id);
            } catch (XAException e) {
                handleFailure(request, id, e);
            } catch (SQLException e) {
                retryOrFail(request, id, e.getMessage(), e);
            } catch (UnrecoverableException e) {
                // Say which transaction waits on the server, and fail without restarts (they would
                // fail the same way, say with a wrong password).
                request.signalFailedWithKnownReason(
                        new UnrecoverableException(failure(id, e.getMessage(), e).getMessage(), e));
            }
        }
    }

    private void handleFailure(CommitRequest<JdbcCommittable> request, TransactionId id, XAException e) {
        if (XaErrors.isUnknownTransaction(e)) {
            LOG.info("Transaction {} is not prepared any more: it was committed before.", id);
            request.signalAlreadyCommitted();
        } else if (XaErrors.isTransient(e)) {
            retryOrFail(request, id, XaErrors.describe(e), e);
        } else {
            request.signalFailedWithKnownReason(failure(id, XaErrors.describe(e), e));
        }
    }

    private void retryOrFail(CommitRequest<JdbcCommittable> request, TransactionId id, String reason, Exception e) {
        closeConnection();
        if (request.getNumberOfRetries() < config.buffer().maxRetries()) {
            LOG.warn("Committing {} failed, will retry: {}", id, reason);
            request.retryLater();
        } else {
            request.signalFailedWithKnownReason(failure(id, reason, e));
        }
    }

    private FlinkRuntimeException failure(TransactionId id, String reason, Exception cause) {
        return new FlinkRuntimeException(
                String.format(
                        "Cannot commit the XA transaction %s of %s at %s: %s. Its rows stay prepared "
                                + "(not visible) on the server; nothing is lost while it stays there. "
                                + "Fix the cause and restart the job from its last checkpoint, which "
                                + "commits it again.",
                        id, config.table(), config.connection().safeUrl(), reason),
                cause);
    }

    private XAResource resource() throws SQLException {
        if (resource == null) {
            connection = JdbcConnections.openXa(config.connection(), dialect);
            resource = connection.getXAResource();
        }
        return resource;
    }

    private void closeConnection() {
        JdbcConnections.closeQuietly(connection);
        connection = null;
        resource = null;
    }

    @Override
    public void close() {
        closeConnection();
    }
}
