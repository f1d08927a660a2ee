package org.flinkx.connector.jdbc.testframe;

import java.util.concurrent.TimeUnit;
import org.apache.flink.connector.testframe.environment.MiniClusterTestEnvironment;
import org.apache.flink.connector.testframe.external.ExternalContextFactory;
import org.apache.flink.connector.testframe.junit.annotations.TestContext;
import org.apache.flink.connector.testframe.junit.annotations.TestEnv;
import org.apache.flink.connector.testframe.junit.annotations.TestSemantics;
import org.apache.flink.connector.testframe.testsuites.SourceTestSuiteBase;
import org.apache.flink.core.execution.CheckpointingMode;
import org.flinkx.connector.jdbc.testutils.MariaDbServer;
import org.flinkx.connector.jdbc.testutils.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

/**
 * Flink's connector testing framework against the JDBC source on PostgreSQL and MariaDB: every test
 * of {@link SourceTestSuiteBase}, for both semantics (the JDBC source has no semantic setting; the
 * framework checks AT_LEAST_ONCE more loosely). See {@link JdbcSourceExternalContext} for how the
 * framework's splits and boundedness map to the JDBC source (one table per split; the bounded
 * source for the bounded tests, the polling incremental source for the unbounded ones).
 *
 * <p>Several framework checks wait without a limit; the timeout turns a hang into a failure, and
 * jobs a failed test left running are cancelled after each test.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class JdbcSourceTestSuiteITCase extends TestRowSourceTestSuiteBase {

    @TestEnv MiniClusterTestEnvironment flink = new MiniClusterTestEnvironment();

    @TestContext
    ExternalContextFactory<JdbcSourceExternalContext> postgres =
            JdbcSourceExternalContext.factory(PostgresServer::get, "postgresql");

    @TestContext
    ExternalContextFactory<JdbcSourceExternalContext> mariadb =
            JdbcSourceExternalContext.factory(MariaDbServer::get, "mariadb");

    @TestSemantics
    CheckpointingMode[] semantics = {
        CheckpointingMode.EXACTLY_ONCE, CheckpointingMode.AT_LEAST_ONCE
    };

    @AfterEach
    void cancelLeftoverJobs() throws Exception {
        LeftoverJobs.cancel(flink);
    }
}
