package org.flinkx.connector.es.testframe;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

/**
 * Flink's connector testing framework against the Elasticsearch sink and a real node (Elasticsearch
 * 7.10 or OpenSearch 2.19, one per failsafe execution): every test of {@link SinkTestSuiteBase},
 * unchanged, for both semantics. The sink is at-least-once; {@code EXACTLY_ONCE} runs it with
 * upserts by the primary key (each row ends as one document, as the check requires), {@code
 * AT_LEAST_ONCE} with generated ids (see {@link EsSinkExternalContext}).
 *
 * <p>Several framework checks wait without a limit; the timeout turns a hang into a failure, and
 * jobs a failed test left running are cancelled after each test.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class EsSinkTestSuiteITCase extends SinkTestSuiteBase<TestRow> {

    @TestEnv MiniClusterTestEnvironment flink = new MiniClusterTestEnvironment();

    @TestContext
    ExternalContextFactory<EsSinkExternalContext> elasticsearch =
            EsSinkExternalContext.factory(TestRowDocuments::sharedServer);

    @TestSemantics
    CheckpointingMode[] semantics = {
        CheckpointingMode.EXACTLY_ONCE, CheckpointingMode.AT_LEAST_ONCE
    };

    @AfterEach
    void cancelLeftoverJobs() throws Exception {
        LeftoverJobs.cancel(flink);
    }
}
