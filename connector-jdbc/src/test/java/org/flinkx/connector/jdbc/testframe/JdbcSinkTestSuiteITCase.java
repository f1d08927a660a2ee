package org.flinkx.connector.jdbc.testframe;

import java.util.concurrent.TimeUnit;
import org.apache.flink.connector.testframe.environment.MiniClusterTestEnvironment;
import org.apache.flink.connector.testframe.external.ExternalContextFactory;
import org.apache.flink.connector.testframe.junit.annotations.TestContext;
import org.apache.flink.connector.testframe.junit.annotations.TestEnv;
import org.apache.flink.connector.testframe.junit.annotations.TestSemantics;
import org.apache.flink.connector.testframe.testsuites.SinkTestSuiteBase;
import org.apache.flink.core.execution.CheckpointingMode;
import org.flinkx.connector.jdbc.testutils.MariaDbServer;
import org.flinkx.connector.jdbc.testutils.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

/**
 * Flink's connector testing framework against the JDBC sink on PostgreSQL and MariaDB: every test
 * of {@link SinkTestSuiteBase}, exactly-once (XA, table without key: a duplicate would show) and
 * at-least-once (upsert on the key). See {@link JdbcSinkExternalContext}.
 *
 * <p>The records are {@link TestRow}s, a {@code RowData} that is {@code Comparable} as the suite
 * requires ({@code SinkTestSuiteBase<RowData>} does not compile: {@code RowData} is not
 * comparable). Several framework checks wait without a limit; the timeout turns a hang into a
 * failure, and jobs a failed test left running are cancelled after each test.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class JdbcSinkTestSuiteITCase extends SinkTestSuiteBase<TestRow> {

    @TestEnv MiniClusterTestEnvironment flink = new MiniClusterTestEnvironment();

    @TestContext
    ExternalContextFactory<JdbcSinkExternalContext> postgres =
            JdbcSinkExternalContext.factory(PostgresServer::get, "postgresql");

    @TestContext
    ExternalContextFactory<JdbcSinkExternalContext> mariadb =
            JdbcSinkExternalContext.factory(MariaDbServer::get, "mariadb");

    @TestSemantics
    CheckpointingMode[] semantics = {
        CheckpointingMode.EXACTLY_ONCE, CheckpointingMode.AT_LEAST_ONCE
    };

    @AfterEach
    void cancelLeftoverJobs() throws Exception {
        LeftoverJobs.cancel(flink);
    }
}
