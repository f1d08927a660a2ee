package org.flinkx.launcher;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobStatus;

/**
 * What the cluster reports of a job: its status and, per source and sink vertex, the records, bytes
 * and dirty records so far (see {@link JobMetrics}).
 */
record JobStats(
        String name, String id, JobStatus status, Duration duration, List<Vertex> vertices) {

    enum Role {
        SOURCE,
        SINK
    }

    /**
     * A source or sink line.
     *
     * @param records the rows read or written so far; -1 when nothing reports them (a connector
     *     without FlinkX's metrics, chained with the other end in one task)
     * @param exact whether the count is exact once the job has ended; otherwise it is the last
     *     sample of the connector's metrics (see {@link JobMetrics})
     */
    record Vertex(Role role, String name, long records, long bytes, long dirty, boolean exact) {

        /** E.g. {@code sink Writer: t: 2,000,000 rows, 476,190 rows/s, 96.1 MB, 3 dirty rows}. */
        String describe(Duration elapsed, boolean ended) {
            if (records < 0) {
                return (role == Role.SINK ? "sink " : "source ")
                        + Formats.shorten(name, 60)
                        + ": rows not reported";
            }
            return String.format(
                    "%s %s: %s%s, %s rows/s, %s%s",
                    role == Role.SINK ? "sink" : "source",
                    Formats.shorten(name, 60),
                    Formats.count(records, "row"),
                    ended && !exact ? " (last sample)" : "",
                    Formats.rate(records, elapsed),
                    Formats.bytes(bytes),
                    dirty > 0 ? ", " + Formats.count(dirty, "dirty row") : "");
        }
    }

    /** The rows the job's sinks have written. */
    long rows() {
        return vertices.stream()
                .filter(v -> v.role() == Role.SINK)
                .mapToLong(v -> Math.max(0, v.records()))
                .sum();
    }

    /** The rows the job's sources have read. */
    long read() {
        return vertices.stream()
                .filter(v -> v.role() == Role.SOURCE)
                .mapToLong(v -> Math.max(0, v.records()))
                .sum();
    }

    long dirty() {
        return vertices.stream().mapToLong(Vertex::dirty).sum();
    }

    /** One line per source and sink, each starting with {@code indent}. */
    String progress(String indent, Duration elapsed) {
        return vertices.stream()
                .map(vertex -> indent + vertex.describe(elapsed, status.isGloballyTerminalState()))
                .collect(Collectors.joining(System.lineSeparator()));
    }

    /**
     * E.g. {@code Job insert-into_t (3f2a...) FINISHED in 4.2 s: 2,000,000 rows, 476,190 rows/s},
     * then the lines of {@link #progress}.
     */
    String summary() {
        boolean exact =
                vertices.stream().filter(v -> v.role() == Role.SINK).allMatch(Vertex::exact);
        boolean reported =
                vertices.stream()
                        .filter(v -> v.role() == Role.SINK)
                        .anyMatch(v -> v.records() >= 0);
        String written =
                reported
                        ? String.format(
                                "%s written%s, %s rows/s",
                                Formats.count(rows(), "row"),
                                exact ? "" : " (last sample)",
                                Formats.rate(rows(), duration))
                        : "rows not reported";
        String head =
                String.format(
                        "Job %s (%s) %s in %s: %s%s",
                        name,
                        id,
                        status,
                        Formats.duration(duration),
                        written,
                        dirty() > 0 ? ", " + Formats.count(dirty(), "dirty row") : "");
        return vertices.isEmpty() ? head : head + System.lineSeparator() + progress("  ", duration);
    }
}
