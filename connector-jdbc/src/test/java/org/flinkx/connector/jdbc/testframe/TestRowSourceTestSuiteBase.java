package org.flinkx.connector.jdbc.testframe;

import java.util.List;
import org.apache.flink.connector.testframe.testsuites.SourceTestSuiteBase;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.CloseableIterator;

/**
 * {@link SourceTestSuiteBase} for sources that produce rows of the test table ({@link TestRow}):
 * the framework's checks run unchanged on rows compared by value.
 */
public abstract class TestRowSourceTestSuiteBase extends SourceTestSuiteBase<RowData> {

    /**
     * Compares by value. The framework matches records with {@code equals}; the collected records
     * are {@code BinaryRowData} (they went through the collect sink's serializer) and the test data
     * are {@link TestRow}s, and Flink's {@code RowData} classes only equal their own class. Both
     * sides are turned into {@link TestRow}s, which compare all four columns; the framework's
     * checks (order within a split, counts, duplicates by semantic) run unchanged.
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
