package org.flinkx.connector.jdbc.sink;

import java.sql.Connection;
import java.sql.Statement;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.table.data.RowData;
import org.flinkx.connector.jdbc.config.JdbcWriteConfig;
import org.flinkx.connector.jdbc.dialect.JdbcDialect;
import org.flinkx.connector.jdbc.internal.JdbcConnections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code sink.pre-sql} once before any writer of the sink writes a row, in front of the
 * writers: subtask 0 runs the statements; every other subtask passes no row on until subtask 0 has
 * finished, which it learns from a global aggregate of the JobManager. (Run by subtask 0's writer
 * alone, the statements raced with the other writers: a {@code DELETE} removed rows they had
 * written already, or, with exactly-once, waited for their open transactions until the lock wait
 * timed out.)
 *
 * <p>A job restored from a checkpoint or savepoint runs no pre-SQL. A job that restarts before its
 * first checkpoint runs it again in subtask 0; then the other subtasks do not wait (the JobManager
 * cannot tell them whether subtask 0 restarted too), which a job that fails that early may have to
 * be started again for.
 */
final class PreSqlOperator extends AbstractStreamOperator<RowData>
        implements OneInputStreamOperator<RowData, RowData> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(PreSqlOperator.class);
    private static final long POLL_MILLIS = 100;

    private final JdbcWriteConfig config;
    private final JdbcDialect dialect;
    private transient boolean restored;

    PreSqlOperator(JdbcWriteConfig config, JdbcDialect dialect) {
        this.config = config;
        this.dialect = dialect;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        restored = context.isRestored();
    }

    @Override
    public void open() throws Exception {
        super.open();
        if (restored) {
            return;
        }
        String name = "flinkx-pre-sql-" + getOperatorID();
        if (getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
            try (Connection connection = JdbcConnections.open(config.connection(), dialect);
                    Statement statement = connection.createStatement()) {
                for (String sql : config.preSql()) {
                    LOG.info("Running pre-SQL on {}: {}", config.table(), sql);
                    statement.execute(sql);
                }
            }
            getRuntimeContext()
                    .getGlobalAggregateManager()
                    .updateGlobalAggregate(name, true, new Done());
        } else if (getRuntimeContext().getTaskInfo().getAttemptNumber() == 0) {
            LOG.info("Waiting for the pre-SQL of {} (subtask 0) before writing", config.table());
            while (!Boolean.TRUE.equals(
                    getRuntimeContext()
                            .getGlobalAggregateManager()
                            .updateGlobalAggregate(name, false, new Done()))) {
                Thread.sleep(POLL_MILLIS);
            }
        }
    }

    @Override
    public void processElement(StreamRecord<RowData> element) {
        output.collect(element);
    }

    /** Whether subtask 0 has run the statements: true once any update said so. */
    private static final class Done implements AggregateFunction<Boolean, Boolean, Boolean> {
        private static final long serialVersionUID = 1L;

        @Override
        public Boolean createAccumulator() {
            return false;
        }

        @Override
        public Boolean add(Boolean value, Boolean accumulator) {
            return value || accumulator;
        }

        @Override
        public Boolean getResult(Boolean accumulator) {
            return accumulator;
        }

        @Override
        public Boolean merge(Boolean a, Boolean b) {
            return a || b;
        }
    }
}
