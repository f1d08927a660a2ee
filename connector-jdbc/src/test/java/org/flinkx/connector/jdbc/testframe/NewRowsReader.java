package org.flinkx.connector.jdbc.testframe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.connector.testframe.external.ExternalSystemDataReader;

/**
 * Reads what a sink made visible like a consumer: every poll returns the rows that appeared since
 * the last poll (all visible rows as a multiset minus those returned before), so a duplicate write
 * is returned as a further row. Subclasses list all visible rows.
 */
public abstract class NewRowsReader implements ExternalSystemDataReader<TestRow> {

    private static final Duration MAX_WAIT = Duration.ofMillis(200);

    private final Map<TestRow, Integer> returned = new HashMap<>();

    /** Every row the target shows now. */
    protected abstract List<TestRow> visibleRows() throws Exception;

    @Override
    public List<TestRow> poll(Duration timeout) {
        List<TestRow> fresh = new ArrayList<>();
        Map<TestRow, Integer> seen = new HashMap<>();
        try {
            for (TestRow row : visibleRows()) {
                int count = seen.merge(row, 1, Integer::sum);
                if (count > returned.getOrDefault(row, 0)) {
                    fresh.add(row);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("Reading the sink's target failed", e);
        }
        fresh.forEach(row -> returned.merge(row, 1, Integer::sum));
        if (fresh.isEmpty()) {
            try {
                Thread.sleep(Math.min(timeout.toMillis(), MAX_WAIT.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return fresh;
    }

    @Override
    public void close() {}
}
