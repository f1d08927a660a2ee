package org.flinkx.connector.jdbc.testutils;

import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;

/** Reads the counters a finished job reported. */
public final class Metrics {

    /** The sum of the job's counters whose name ends with {@code .suffix}, over all subtasks. */
    public static long sum(InMemoryReporter reporter, JobID job, String suffix) {
        Map<String, Metric> metrics = reporter.findMetrics(job, suffix);
        long total = 0;
        for (Map.Entry<String, Metric> entry : metrics.entrySet()) {
            if (entry.getKey().endsWith("." + suffix)
                    && entry.getValue() instanceof Counter counter) {
                total += counter.getCount();
            }
        }
        return total;
    }

    private Metrics() {}
}
