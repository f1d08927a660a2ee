package org.flinkx.connector.jdbc.sink;

import java.sql.Connection;
import java.sql.Statement;
import javax.sql.XAConnection;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.flinkx.connector.common.sink.AfterCommitsOperator;
import org.flinkx.connector.jdbc.config.JdbcWriteConfig;
import org.flinkx.connector.jdbc.dialect.JdbcDialect;
import org.flinkx.connector.jdbc.internal.JdbcConnections;

/**
 * Runs {@code sink.post-sql} once, in a single task after all writers and committers, when a
 * bounded job has written everything. Without exactly-once every row is committed when the input
 * ends. With exactly-once the last rows are committed with the final checkpoint; the statements run
 * once no prepared transaction of this sink is left. An unbounded job never runs them; a failed one
 * neither.
 */
final class PostSqlOperator extends AfterCommitsOperator<JdbcCommittable> {

    private static final long serialVersionUID = 1L;

    private final JdbcWriteConfig config;
    private final JdbcDialect dialect;

    PostSqlOperator(JdbcWriteConfig config, JdbcDialect dialect) {
        this.config = config;
        this.dialect = dialect;
    }

    @Override
    protected boolean commitsAtFinalCheckpoint() {
        return config.exactlyOnce() && super.commitsAtFinalCheckpoint();
    }

    /** Whether prepared transactions of this sink wait for their commit. */
    @Override
    protected boolean commitsPending() throws Exception {
        XAConnection connection = JdbcConnections.openXa(config.connection(), dialect);
        try {
            Xid[] xids =
                    connection
                            .getXAResource()
                            .recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN);
            for (Xid xid : xids == null ? new Xid[0] : xids) {
                if (XaIds.parse(xid, config.transactionPrefix()) != null) {
                    return true;
                }
            }
            return false;
        } finally {
            JdbcConnections.closeQuietly(connection);
        }
    }

    @Override
    protected void afterCommits() throws Exception {
        try (Connection connection = JdbcConnections.open(config.connection(), dialect);
                Statement statement = connection.createStatement()) {
            for (String sql : config.postSql()) {
                LOG.info("Running post-SQL on {}: {}", config.table(), sql);
                statement.execute(sql);
            }
        }
    }

    @Override
    protected String describe() {
        return "Prepared transactions of " + config.table() + " ('sink.post-sql')";
    }
}
