package org.flinkx.launcher;

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

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Reads a job's progress from the cluster's REST endpoint: for each source vertex (no inputs) and
 * each sink writer vertex (a Sink V2 "Writer", else a vertex with no outputs) the records, bytes
 * and dirty records that FlinkX's metrics ({@code flinkx.numRecordsRead|Written},
 * {@code flinkx.numBytesRead|Written}, {@code flinkx.numDirtyRecords}) count, summed over the
 * subtasks. For connectors without FlinkX metrics (datagen, print, ...), the vertex's own network
 * counters stand in.
 */
final class JobMetrics {

    private static final long TIMEOUT_SECONDS = 30;
    private static final String GROUP = ".flinkx.";

    private final RestClusterClient<?> client;
    /** The FlinkX metric ids of each vertex, found once it reports any. */
    private final Map<JobVertexID, List<String>> flinkxMetricIds = new HashMap<>();

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
        boolean writers = details.getJobVertexInfos().stream()
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
            long records = sink
                    ? sum(flinkx, "numRecordsWritten", io.getRecordsRead())
                    : sum(flinkx, "numRecordsRead", io.getRecordsWritten());
            long bytes = sink
                    ? sum(flinkx, "numBytesWritten", io.getBytesRead())
                    : sum(flinkx, "numBytesRead", io.getBytesWritten());
            long dirty = sum(flinkx, "numDirtyRecords", 0);
            vertices.add(new JobStats.Vertex(
                    sink ? JobStats.Role.SINK : JobStats.Role.SOURCE, vertex.getName(), records, bytes, dirty));
        }
        return new JobStats(details.getName(), details.getJobId().toString(), details.getJobStatus(),
                Duration.ofMillis(details.getDuration()), vertices);
    }

    /** The sum of the FlinkX metrics ending in {@code .flinkx.<name>}, or {@code fallback}. */
    private static long sum(Map<String, Double> metrics, String name, long fallback) {
        List<Double> values = metrics.entrySet().stream()
                .filter(entry -> entry.getKey().endsWith(GROUP + name))
                .map(Map.Entry::getValue)
                .toList();
        return values.isEmpty() ? Math.max(0, fallback) : values.stream().mapToLong(Double::longValue).sum();
    }

    private Map<String, Double> flinkxMetrics(JobID jobId, JobVertexID vertexId) throws Exception {
        List<String> ids = flinkxMetricIds.get(vertexId);
        if (ids == null) {
            ids = request(jobId, vertexId, List.of()).stream()
                    .map(AggregatedMetric::getId)
                    .filter(id -> id.contains(GROUP))
                    .toList();
            if (ids.isEmpty()) {
                return Map.of(); // not reported yet, or no FlinkX connector: ask again next time
            }
            flinkxMetricIds.put(vertexId, ids);
        }
        return request(jobId, vertexId, ids).stream()
                .filter(metric -> metric.getSum() != null)
                .collect(Collectors.toMap(AggregatedMetric::getId, AggregatedMetric::getSum, (a, b) -> a));
    }

    private Collection<AggregatedMetric> request(JobID jobId, JobVertexID vertexId, List<String> metrics)
            throws Exception {
        AggregatedSubtaskMetricsParameters parameters = new AggregatedSubtaskMetricsParameters();
        parameters.getPathParameters().forEach(parameter -> {
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
        return client.sendRequest(AggregatedSubtaskMetricsHeaders.getInstance(), parameters,
                        EmptyRequestBody.getInstance())
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .getMetrics();
    }
}
