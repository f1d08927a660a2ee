package org.flinkx.launcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobID;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.runtime.jobgraph.JobVertexID;
import org.apache.flink.runtime.rest.messages.EmptyRequestBody;
import org.apache.flink.runtime.rest.messages.JobIDPathParameter;
import org.apache.flink.runtime.rest.messages.JobPlanInfo;
import org.apache.flink.runtime.rest.messages.JobVertexIdPathParameter;
import org.apache.flink.runtime.rest.messages.MessageQueryParameter;
import org.apache.flink.runtime.rest.messages.job.JobDetailsInfo;
import org.apache.flink.runtime.rest.messages.job.metrics.AggregatedMetric;
import org.apache.flink.runtime.rest.messages.job.metrics.AggregatedSubtaskMetricsHeaders;
import org.apache.flink.runtime.rest.messages.job.metrics.AggregatedSubtaskMetricsParameters;
import org.apache.flink.runtime.rest.messages.job.metrics.MetricsFilterParameter;

/**
 * Reads a job's progress from the cluster's REST endpoint: for each source vertex (no inputs) and
 * each sink writer vertex (a Sink V2 "Writer", else a vertex with no outputs) the records, bytes
 * and dirty records that FlinkX's metrics ({@code flinkx.numRecordsRead|Written}, {@code
 * flinkx.numBytesRead|Written}, {@code flinkx.numDirtyRecords}) count, summed over the subtasks.
 * For connectors without FlinkX metrics (datagen, print, ...), the vertex's own network counters
 * stand in.
 */
final class JobMetrics {

    private static final long TIMEOUT_SECONDS = 30;
    private static final String GROUP = ".flinkx.";

    private final RestClusterClient<?> client;

    JobMetrics(RestClusterClient<?> client) {
        this.client = client;
    }

    JobStats stats(JobID jobId) throws Exception {
        JobDetailsInfo details = client.getJobDetails(jobId).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Set<String> upstream = new java.util.HashSet<>();
        Set<String> withInputs = new java.util.HashSet<>();
        for (JobPlanInfo.Plan.Node node : details.getPlan().getNodes()) {
            Collection<JobPlanInfo.Plan.Node.Input> inputs = node.getInputs();
            if (inputs != null && !inputs.isEmpty()) {
                withInputs.add(node.getId());
                inputs.forEach(input -> upstream.add(input.getId()));
            }
        }
        boolean writers =
                details.getJobVertexInfos().stream()
                        .anyMatch(vertex -> vertex.getName().contains("Writer"));
        List<JobStats.Vertex> vertices = new ArrayList<>();
        for (JobDetailsInfo.JobVertexDetailsInfo vertex : details.getJobVertexInfos()) {
            String id = vertex.getJobVertexID().toString();
            boolean source = !withInputs.contains(id);
            boolean sink = writers ? vertex.getName().contains("Writer") : !upstream.contains(id);
            if (!source && !sink) {
                continue;
            }
            Map<String, Double> flinkx = flinkxMetrics(jobId, vertex.getJobVertexID());
            var io = vertex.getJobVertexMetrics();
            long dirty = sum(flinkx, "numDirtyRecords");
            // A vertex that both reads and writes (source, sink writer chained) gets a line for
            // each.
            // Its task counters are exact once the vertex ended: a source's 'read-records' (what a
            // FLIP-27 source counts as read) or, unless a sink is chained to it, 'write-records';
            // a sink's 'read-records' when it is not chained to its source.
            if (source) {
                vertices.add(
                        vertex(
                                JobStats.Role.SOURCE,
                                vertex.getName(),
                                flinkx,
                                "Read",
                                Math.max(io.getRecordsRead(), sink ? 0 : io.getRecordsWritten()),
                                Math.max(io.getBytesRead(), sink ? 0 : io.getBytesWritten()),
                                sink ? 0 : dirty));
            }
            if (sink) {
                boolean exactInput = !source;
                vertices.add(
                        vertex(
                                JobStats.Role.SINK,
                                vertex.getName(),
                                flinkx,
                                "Written",
                                exactInput ? io.getRecordsRead() : -1,
                                exactInput ? io.getBytesRead() : -1,
                                dirty));
            }
        }
        return new JobStats(
                details.getName(),
                details.getJobId().toString(),
                details.getJobStatus(),
                Duration.ofMillis(details.getDuration()),
                vertices);
    }

    /**
     * A line of the progress: the FlinkX metrics {@code flinkx.numRecords<direction>} and {@code
     * flinkx.numBytes<direction>}, summed over the subtasks, or the vertex's network counters when
     * higher. Both only grow; the metrics are sampled (each {@code
     * metrics.fetcher.update-interval}, and the last increments of a finished task may never be),
     * the network counters are exact but exist only where records cross into the vertex ({@code
     * -1}: none for this line).
     */
    private static JobStats.Vertex vertex(
            JobStats.Role role,
            String name,
            Map<String, Double> flinkx,
            String direction,
            long ioRecords,
            long ioBytes,
            long dirty) {
        long records = sum(flinkx, "numRecords" + direction);
        long bytes = sum(flinkx, "numBytes" + direction);
        boolean reported =
                ioRecords > 0
                        || flinkx.keySet().stream()
                                .anyMatch(id -> id.endsWith(GROUP + "numRecords" + direction));
        if (!reported) { // neither a FlinkX connector nor a counter of records crossing into the
            // vertex
            return new JobStats.Vertex(role, name, -1, -1, dirty, false);
        }
        boolean exact = ioRecords >= records && ioRecords > 0;
        return new JobStats.Vertex(
                role, name, Math.max(records, ioRecords), Math.max(bytes, ioBytes), dirty, exact);
    }

    private static long sum(Map<String, Double> metrics, String name) {
        return metrics.entrySet().stream()
                .filter(entry -> entry.getKey().endsWith(GROUP + name))
                .mapToLong(entry -> entry.getValue().longValue())
                .sum();
    }

    /**
     * The FlinkX metrics of the vertex, summed over its subtasks. Their ids are listed on every
     * call: operators register their metrics as they open, so a list taken early may lack some.
     */
    private Map<String, Double> flinkxMetrics(JobID jobId, JobVertexID vertexId) throws Exception {
        List<String> ids =
                request(jobId, vertexId, List.of()).stream()
                        .map(AggregatedMetric::getId)
                        .filter(id -> id.contains(GROUP))
                        .toList();
        if (ids.isEmpty()) {
            return Map.of(); // not reported yet, or no FlinkX connector
        }
        return request(jobId, vertexId, ids).stream()
                .filter(metric -> metric.getSum() != null)
                .collect(
                        Collectors.toMap(
                                AggregatedMetric::getId, AggregatedMetric::getSum, (a, b) -> a));
    }

    private Collection<AggregatedMetric> request(
            JobID jobId, JobVertexID vertexId, List<String> metrics) throws Exception {
        AggregatedSubtaskMetricsParameters parameters = new AggregatedSubtaskMetricsParameters();
        parameters
                .getPathParameters()
                .forEach(
                        parameter -> {
                            if (parameter instanceof JobIDPathParameter job) {
                                job.resolve(jobId);
                            } else if (parameter instanceof JobVertexIdPathParameter vertex) {
                                vertex.resolve(vertexId);
                            }
                        });
        if (!metrics.isEmpty()) {
            for (MessageQueryParameter<?> parameter : parameters.getQueryParameters()) {
                if (parameter instanceof MetricsFilterParameter filter) {
                    filter.resolve(metrics);
                }
            }
        }
        return client.sendRequest(
                        AggregatedSubtaskMetricsHeaders.getInstance(),
                        parameters,
                        EmptyRequestBody.getInstance())
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .getMetrics();
    }
}
