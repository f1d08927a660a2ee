package org.flinkx.connector.hdfs.testframe;

import java.util.concurrent.TimeUnit;
import org.apache.flink.connector.testframe.environment.MiniClusterTestEnvironment;
import org.apache.flink.connector.testframe.external.ExternalContextFactory;
import org.apache.flink.connector.testframe.junit.annotations.TestContext;
import org.apache.flink.connector.testframe.junit.annotations.TestEnv;
import org.apache.flink.connector.testframe.junit.annotations.TestSemantics;
import org.apache.flink.connector.testframe.testsuites.SourceTestSuiteBase;
import org.apache.flink.core.execution.CheckpointingMode;
import org.flinkx.connector.hdfs.config.FileFormat;
import org.flinkx.connector.jdbc.testframe.LeftoverJobs;
import org.flinkx.connector.jdbc.testframe.TestRowSourceTestSuiteBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

/**
 * Flink's connector testing framework against the HDFS source on a real HDFS: every test of {@link
 * SourceTestSuiteBase}, Parquet and text files, bounded and monitoring. See {@link
 * HdfsSourceExternalContext}.
 *
 * <p>Records are compared by value (see {@link TestRowSourceTestSuiteBase}).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class HdfsSourceTestSuiteITCase extends TestRowSourceTestSuiteBase {

    @TestEnv MiniClusterTestEnvironment flink = new MiniClusterTestEnvironment();

    @TestContext
    ExternalContextFactory<HdfsSourceExternalContext> parquet =
            HdfsSourceExternalContext.factory(FileFormat.PARQUET);

    @TestContext
    ExternalContextFactory<HdfsSourceExternalContext> text =
            HdfsSourceExternalContext.factory(FileFormat.TEXT);

    @TestSemantics
    CheckpointingMode[] semantics = {
        CheckpointingMode.EXACTLY_ONCE, CheckpointingMode.AT_LEAST_ONCE
    };

    @AfterEach
    void cancelLeftoverJobs() throws Exception {
        LeftoverJobs.cancel(flink);
    }
}
