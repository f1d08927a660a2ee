package org.flinkx.connector.hdfs.testframe;

import java.util.concurrent.TimeUnit;
import org.apache.flink.connector.testframe.environment.MiniClusterTestEnvironment;
import org.apache.flink.connector.testframe.external.ExternalContextFactory;
import org.apache.flink.connector.testframe.junit.annotations.TestContext;
import org.apache.flink.connector.testframe.junit.annotations.TestEnv;
import org.apache.flink.connector.testframe.junit.annotations.TestSemantics;
import org.apache.flink.connector.testframe.testsuites.SinkTestSuiteBase;
import org.apache.flink.core.execution.CheckpointingMode;
import org.flinkx.connector.hdfs.config.FileFormat;
import org.flinkx.connector.jdbc.testframe.LeftoverJobs;
import org.flinkx.connector.jdbc.testframe.TestRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

/**
 * Flink's connector testing framework against the HDFS sink on a real HDFS: every test of {@link
 * SinkTestSuiteBase}, Parquet and text files. See {@link HdfsSinkExternalContext}.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class HdfsSinkTestSuiteITCase extends SinkTestSuiteBase<TestRow> {

    @TestEnv MiniClusterTestEnvironment flink = new MiniClusterTestEnvironment();

    @TestContext
    ExternalContextFactory<HdfsSinkExternalContext> parquet =
            HdfsSinkExternalContext.factory(FileFormat.PARQUET);

    @TestContext
    ExternalContextFactory<HdfsSinkExternalContext> text =
            HdfsSinkExternalContext.factory(FileFormat.TEXT);

    @TestSemantics
    CheckpointingMode[] semantics = {
        CheckpointingMode.EXACTLY_ONCE, CheckpointingMode.AT_LEAST_ONCE
    };

    @AfterEach
    void cancelLeftoverJobs() throws Exception {
        LeftoverJobs.cancel(flink);
    }
}
