package org.flinkx.connector.kafka.testframe;

import java.util.concurrent.TimeUnit;
import org.apache.flink.connector.testframe.environment.MiniClusterTestEnvironment;
import org.apache.flink.connector.testframe.external.ExternalContextFactory;
import org.apache.flink.connector.testframe.junit.annotations.TestContext;
import org.apache.flink.connector.testframe.junit.annotations.TestEnv;
import org.apache.flink.connector.testframe.junit.annotations.TestSemantics;
import org.apache.flink.connector.testframe.testsuites.SinkTestSuiteBase;
import org.apache.flink.streaming.api.CheckpointingMode;
import org.flinkx.connector.jdbc.testframe.LeftoverJobs;
import org.flinkx.connector.jdbc.testframe.TestRow;
import org.flinkx.connector.kafka.testutils.KafkaTestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Flink's connector testing framework against FlinkX's Kafka sink and a real broker: every test of
 * {@link SinkTestSuiteBase}, exactly-once and at-least-once (see {@link KafkaSinkExternalContext}).
 * Several framework checks wait without a limit; the timeout turns a hang into a failure.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class KafkaSinkTestSuiteITCase extends SinkTestSuiteBase<TestRow> {

    @RegisterExtension static final KafkaTestBroker KAFKA = new KafkaTestBroker();

    @TestEnv MiniClusterTestEnvironment flink = new MiniClusterTestEnvironment();

    @TestContext
    ExternalContextFactory<KafkaSinkExternalContext> kafka =
            KafkaSinkExternalContext.factory(KAFKA);

    @TestSemantics
    CheckpointingMode[] semantics = {
        CheckpointingMode.EXACTLY_ONCE, CheckpointingMode.AT_LEAST_ONCE
    };

    @AfterEach
    void cancelLeftoverJobs() throws Exception {
        LeftoverJobs.cancel(flink);
    }
}
