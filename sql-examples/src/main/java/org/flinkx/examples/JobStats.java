package org.flinkx.examples;

import org.apache.flink.api.common.JobStatus;
import org.apache.flink.runtime.rest.messages.JobPlanInfo;
import org.apache.flink.runtime.rest.messages.job.JobDetailsInfo;

import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the cluster reports of a job.
 *
 * @param rows the records received by the job's sink writer vertices (those whose name holds a
 *     Sink V2 "Writer"; without one, those with no downstream vertex): the rows written so far. A
 *     sink's commit topology may follow its writer (FlinkX's post-SQL and file-commit finishers),
 *     so the last vertex is not always the writer. Flink SQL runs each sink writer as the first
 *     operator of its own vertex, whose {@code read-records} count is refreshed while the job runs
 *     (as often as the cluster's {@code metrics.fetcher.update-interval}) and exact once the job
 *     has ended.
 */
record JobStats(String name, String id, JobStatus status, Duration duration, long rows) {

    static JobStats of(JobDetailsInfo details) {
        Set<String> upstream = details.getPlan().getNodes().stream()
                .map(JobPlanInfo.Plan.Node::getInputs)
                .filter(inputs -> inputs != null)
                .flatMap(Collection::stream)
                .map(JobPlanInfo.Plan.Node.Input::getId)
                .collect(Collectors.toSet());
        boolean writers = details.getJobVertexInfos().stream()
                .anyMatch(vertex -> vertex.getName().contains("Writer"));
        long rows = details.getJobVertexInfos().stream()
                .filter(vertex -> writers
                        ? vertex.getName().contains("Writer")
                        : !upstream.contains(vertex.getJobVertexID().toString()))
                .mapToLong(vertex -> Math.max(0, vertex.getJobVertexMetrics().getRecordsRead()))
                .sum();
        return new JobStats(
                details.getName(),
                details.getJobId().toString(),
                details.getJobStatus(),
                Duration.ofMillis(details.getDuration()),
                rows);
    }

    /** E.g. {@code Job insert-into_t (3f2a...) FINISHED in 4.2 s: 2,000,000 rows, 476,190 rows/s}. */
    String summary() {
        return String.format(
                "Job %s (%s) %s in %s: %s, %s rows/s",
                name,
                id,
                status,
                Formats.duration(duration),
                Formats.count(rows, "row"),
                Formats.rate(rows, duration));
    }
}
