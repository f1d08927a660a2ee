package org.flinkx.connector.starrocks.testframe;

import java.util.concurrent.TimeUnit;
import org.apache.flink.connector.testframe.environment.MiniClusterTestEnvironment;
import org.apache.flink.connector.testframe.external.ExternalContextFactory;
import org.apache.flink.connector.testframe.junit.annotations.TestContext;
import org.apache.flink.connector.testframe.junit.annotations.TestEnv;
import org.apache.flink.connector.testframe.junit.annotations.TestSemantics;
import org.apache.flink.connector.testframe.testsuites.SinkTestSuiteBase;
import org.apache.flink.core.execution.CheckpointingMode;
import org.flinkx.connector.jdbc.testframe.LeftoverJobs;
import org.flinkx.connector.jdbc.testframe.TestRow;
import org.flinkx.connector.starrocks.testserver.StarRocksTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

/**
 * Flink's connector testing framework against the StarRocks sink and the Stream Load test server:
 * every test of {@link SinkTestSuiteBase}, exactly-once (transactions, duplicate-key table: a
 * duplicate would show) and at-least-once (primary-key table). See {@link
 * StarRocksSinkExternalContext}. Several framework checks wait without a limit; the timeout turns a
 * hang into a failure, and jobs a failed test left running are cancelled after each test.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class StarRocksSinkTestSuiteITCase extends SinkTestSuiteBase<TestRow> {

    private static StarRocksTestServer server;

    @TestEnv MiniClusterTestEnvironment flink = new MiniClusterTestEnvironment();

    @TestContext
    ExternalContextFactory<StarRocksSinkExternalContext> starRocks =
            StarRocksSinkExternalContext.factory(StarRocksSinkTestSuiteITCase::server);

    @TestSemantics
    CheckpointingMode[] semantics = {
        CheckpointingMode.EXACTLY_ONCE, CheckpointingMode.AT_LEAST_ONCE
    };

    private static synchronized StarRocksTestServer server() {
        if (server == null) {
            try {
                server =
                        StarRocksTestServer.start(
                                StarRocksSinkExternalContext.USER,
                                StarRocksSinkExternalContext.PASSWORD,
                                2);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return server;
    }

    @AfterEach
    void cancelLeftoverJobs() throws Exception {
        LeftoverJobs.cancel(flink);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }
}
