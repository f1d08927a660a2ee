package org.flinkx.connector.hdfs.testframe;

import org.flinkx.connector.hdfs.config.FileFormat;
import org.flinkx.connector.jdbc.testframe.LeftoverJobs;
import org.flinkx.connector.jdbc.testframe.TestRow;

import org.apache.flink.connector.testframe.environment.MiniClusterTestEnvironment;
import org.apache.flink.connector.testframe.external.ExternalContextFactory;
import org.apache.flink.connector.testframe.junit.annotations.TestContext;
import org.apache.flink.connector.testframe.junit.annotations.TestEnv;
import org.apache.flink.connector.testframe.junit.annotations.TestSemantics;
import org.apache.flink.connector.testframe.testsuites.SourceTestSuiteBase;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.CloseableIterator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Flink's connector testing framework against the HDFS source on a real HDFS: every test of {@link
 * SourceTestSuiteBase}, Parquet and text files, bounded and monitoring. See {@link
 * HdfsSourceExternalContext}.
 *
 * <p>Records are compared by value as {@link TestRow}s (the collected rows are {@code
 * BinaryRowData}, the written ones {@code TestRow}s); the framework's checks run unchanged.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class HdfsSourceTestSuiteITCase extends SourceTestSuiteBase<RowData> {

    @TestEnv MiniClusterTestEnvironment flink = new MiniClusterTestEnvironment();

    @TestContext
    ExternalContextFactory<HdfsSourceExternalContext> parquet =
            HdfsSourceExternalContext.factory(FileFormat.PARQUET);

    @TestContext
    ExternalContextFactory<HdfsSourceExternalContext> text =
            HdfsSourceExternalContext.factory(FileFormat.TEXT);

    @TestSemantics
    CheckpointingMode[] semantics = {CheckpointingMode.EXACTLY_ONCE, CheckpointingMode.AT_LEAST_ONCE};

    @AfterEach
    void cancelLeftoverJobs() throws Exception {
        LeftoverJobs.cancel(flink);
    }

    /**
     * Compares by value. The framework matches records with {@code equals}; the collected records
     * are {@code BinaryRowData} (they went through the collect sink's serializer) and the test data
     * are {@link TestRow}s, and Flink's {@code RowData} classes only equal their own class. Both
     * sides are turned into {@link TestRow}s, which compare all four columns; the framework's checks
     * (order within a split, counts, duplicates by semantic) run unchanged.
     */
    @Override
    protected void checkResultWithSemantic(
            CloseableIterator<RowData> resultIterator,
            List<List<RowData>> testData,
            CheckpointingMode semantic,
            Integer limit) {
        List<List<RowData>> expected =
                testData.stream()
                        .map(split -> split.stream().<RowData>map(TestRow::from).toList())
                        .toList();
        super.checkResultWithSemantic(new ByValue(resultIterator), expected, semantic, limit);
    }

    /** The collected rows as {@link TestRow}s; closing is left to the framework's iterator. */
    private record ByValue(CloseableIterator<RowData> rows) implements CloseableIterator<RowData> {
        @Override
        public boolean hasNext() {
            return rows.hasNext();
        }

        @Override
        public RowData next() {
            return TestRow.from(rows.next());
        }

        @Override
        public void close() throws Exception {
            rows.close();
        }
    }
}
