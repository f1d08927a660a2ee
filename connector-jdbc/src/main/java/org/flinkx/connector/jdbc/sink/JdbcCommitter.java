package org.flinkx.connector.jdbc.sink;

import java.sql.SQLException;
import javax.sql.XAConnection;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import org.flinkx.connector.common.error.SqlErrors;
import org.flinkx.connector.common.retry.ErrorClassifier;
import org.flinkx.connector.common.sink.FlinkxCommitter;
import org.flinkx.connector.common.sink.TargetCommitter;
import org.flinkx.connector.common.sink.TransactionId;
import org.flinkx.connector.jdbc.config.JdbcWriteConfig;
import org.flinkx.connector.jdbc.dialect.JdbcDialect;
import org.flinkx.connector.jdbc.internal.JdbcConnections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits prepared XA branches once their checkpoint is complete, for {@link FlinkxCommitter}.
 * Idempotent: a branch the database no longer knows was committed before (a repeated commit after
 * recovery; the writer never rolls back a branch of a restored checkpoint). A lost connection is
 * retried; any other failure fails the job with the id of the branch, which stays prepared on the
 * server so no data is lost.
 */
final class JdbcCommitter implements TargetCommitter<JdbcCommittable> {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcCommitter.class);

    /** Lost connections and XA's transient codes; a branch unknown to the server is no error. */
    private static final ErrorClassifier ERRORS =
            new ErrorClassifier() {
                private static final long serialVersionUID = 1L;

                @Override
                public boolean isTransient(Throwable error) {
                    return error instanceof XAException xa
                            ? XaErrors.isTransient(xa)
                            : SqlErrors.CLASSIFIER.isTransient(error);
                }

                @Override
                public boolean isUnrecoverable(Throwable error) {
                    return SqlErrors.CLASSIFIER.isUnrecoverable(error);
                }

                @Override
                public String describe(Throwable error) {
                    return error instanceof XAException xa
                            ? XaErrors.describe(xa)
                            : SqlErrors.CLASSIFIER.describe(error);
                }
            };

    private final JdbcWriteConfig config;
    private final JdbcDialect dialect;
    private XAConnection connection;
    private XAResource resource;

    JdbcCommitter(JdbcWriteConfig config, JdbcDialect dialect) {
        this.config = config;
        this.dialect = dialect;
    }

    @Override
    public boolean commit(JdbcCommittable committable) throws SQLException, XAException {
        TransactionId id = committable.transaction();
        try {
            resource().commit(XaIds.of(id), false);
            LOG.debug("Committed {}", id);
            return true;
        } catch (XAException e) {
            if (XaErrors.isUnknownTransaction(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public ErrorClassifier errors() {
        return ERRORS;
    }

    @Override
    public void recover() {
        closeConnection();
    }

    @Override
    public String describe(JdbcCommittable committable) {
        return "the XA transaction "
                + committable.transaction()
                + " of "
                + config.table()
                + " at "
                + config.connection().safeUrl();
    }

    @Override
    public String whenFailed(JdbcCommittable committable) {
        return "Its rows stay prepared (not visible) on the server; nothing is lost while it stays there. "
                + "Fix the cause and restart the job from its last checkpoint, which commits it again.";
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
