package org.flinkx.connector.jdbc.sink;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

import org.flinkx.connector.jdbc.config.JdbcWriteConfig;
import org.flinkx.connector.jdbc.dialect.JdbcDialect;
import org.flinkx.connector.jdbc.internal.JdbcConnections;

import javax.sql.XAConnection;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

/**
 * Runs {@code sink.post-sql} once, in a single task after all writers and committers, when a
 * bounded job has written everything. Without exactly-once every row is committed when the input
 * ends. With exactly-once the last rows are committed with the final checkpoint, which completes
 * after the input ended: the statements then run when the task closes after that checkpoint, once
 * no prepared transaction of this sink is left. An unbounded job never runs them; a failed one
 * neither.
 */
final class PostSqlOperator extends AbstractStreamOperator<Void>
        implements OneInputStreamOperator<CommittableMessage<JdbcCommittable>, Void>, BoundedOneInput {

    private static final long serialVersionUID = 1L;
    private static final Duration COMMIT_WAIT = Duration.ofMinutes(10);

    private final JdbcWriteConfig config;
    private final JdbcDialect dialect;
    private transient boolean inputEnded;
    private transient boolean finished;
    private transient boolean done;

    PostSqlOperator(JdbcWriteConfig config, JdbcDialect dialect) {
        this.config = config;
        this.dialect = dialect;
    }

    @Override
    public void processElement(StreamRecord<CommittableMessage<JdbcCommittable>> element) {
        // Only the end of the input matters.
    }

    @Override
    public void endInput() throws Exception {
        inputEnded = true;
        boolean checkpointing =
                getRuntimeContext()
                        .getJobConfiguration()
                        .getOptional(CheckpointingOptions.CHECKPOINTING_INTERVAL)
                        .isPresent();
        if (!config.exactlyOnce() || !checkpointing) {
            // Without checkpoints the committers committed before the input ended here.
            runPostSql();
        }
    }

    @Override
    public void finish() throws Exception {
        super.finish();
        finished = true;
    }

    /**
     * With exactly-once the last transactions are committed when the final checkpoint completes;
     * the task closes its operators only after that checkpoint, so the wait here cannot hold up a
     * checkpoint (waiting in a checkpoint notification could: the barrier of the final checkpoint
     * would queue behind it).
     */
    @Override
    public void close() throws Exception {
        try {
            if (finished && inputEnded && !done) {
                awaitCommits();
                runPostSql();
            }
        } finally {
            super.close();
        }
    }

    /** Waits until the committers committed every prepared transaction of this sink. */
    private void awaitCommits() throws Exception {
        long deadline = System.nanoTime() + COMMIT_WAIT.toNanos();
        while (preparedTransactions() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "Prepared transactions of " + config.table() + " were not committed within "
                                + COMMIT_WAIT + "; 'sink.post-sql' did not run.");
            }
            Thread.sleep(100);
        }
    }

    private int preparedTransactions() throws Exception {
        XAConnection connection = JdbcConnections.openXa(config.connection(), dialect);
        try {
            int count = 0;
            Xid[] xids = connection.getXAResource().recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN);
            for (Xid xid : xids == null ? new Xid[0] : xids) {
                if (XaIds.parse(xid, config.transactionPrefix()) != null) {
                    count++;
                }
            }
            return count;
        } finally {
            JdbcConnections.closeQuietly(connection);
        }
    }

    private void runPostSql() throws Exception {
        if (done) {
            return;
        }
        try (Connection connection = JdbcConnections.open(config.connection(), dialect);
                Statement statement = connection.createStatement()) {
            for (String sql : config.postSql()) {
                LOG.info("Running post-SQL on {}: {}", config.table(), sql);
                statement.execute(sql);
            }
        }
        done = true;
    }
}
