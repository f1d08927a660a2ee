package org.flinkx.connector.common.error;

import java.io.Closeable;
import java.io.IOException;
import org.apache.flink.annotation.Internal;
import org.apache.flink.metrics.MetricGroup;
import org.flinkx.connector.common.dirty.DirtyRecord;
import org.flinkx.connector.common.dirty.DirtySink;
import org.flinkx.connector.common.dirty.DirtySinks;
import org.flinkx.connector.common.metrics.FlinkxMetrics;
import org.flinkx.connector.common.options.DirtyDataConfig;
import org.flinkx.connector.common.options.ErrorLimit;

/**
 * The single path for bad records of one subtask: the record is written to dirty storage with its
 * error, counted (by kind, in the metrics), and the job fails once the error limit is passed.
 * Nothing is dropped silently: if dirty storage itself fails, the job fails.
 */
@Internal
public final class DirtyDataHandler implements Closeable {

    private final String connector;
    private final ErrorLimit limit;
    private final DirtySink sink;
    private final FlinkxMetrics metrics;
    private long records;
    private long errors;

    /**
     * A name unique to one subtask of one source or sink in one job, for its dirty-record file
     * {@code dirty-<owner>.jsonl}: {@code <source|sink>-<connector>-<job id>-<operator
     * id>-<subtask>}.
     */
    public static String owner(String role, String connector, MetricGroup group, int subtask) {
        java.util.Map<String, String> variables = group.getAllVariables();
        return role
                + "-"
                + connector
                + "-"
                + variables.getOrDefault("<job_id>", "job")
                + "-"
                + variables.getOrDefault("<operator_id>", "operator")
                + "-"
                + subtask;
    }

    public DirtyDataHandler(
            String connector,
            ErrorLimit limit,
            DirtyDataConfig dirty,
            String owner,
            FlinkxMetrics metrics)
            throws IOException {
        this(connector, limit, DirtySinks.create(dirty, owner), metrics);
    }

    public DirtyDataHandler(
            String connector, ErrorLimit limit, DirtySink sink, FlinkxMetrics metrics) {
        this.connector = connector;
        this.limit = limit;
        this.sink = sink;
        this.metrics = metrics;
    }

    /** Counts records that went through fine (the base of the percentage limit). */
    /** Bad records so far. */
    public synchronized long errors() {
        return errors;
    }

    /** All records so far, bad ones included. */
    public synchronized long records() {
        return records;
    }

    public synchronized void recordsProcessed(long count) {
        records += count;
    }

    /**
     * Handles one bad record.
     *
     * @throws ErrorLimitExceededException when this record passes the error limit
     * @throws IOException when dirty storage cannot take the record
     */
    public synchronized void handle(
            String location, String record, String errorKind, Throwable error) throws IOException {
        records++;
        errors++;
        String message = describe(error);
        sink.write(new DirtyRecord(connector, location, record, errorKind, message));
        metrics.dirtyRecord(errorKind);
        String exceeded = limit.exceededBy(errors, records);
        if (exceeded != null) {
            throw new ErrorLimitExceededException(
                    String.format(
                            "%s: %s. The bad records are in dirty storage; the last one failed with: %s",
                            connector, exceeded, message),
                    error);
        }
    }

    /** The error's message, and those of its causes that add to it (formats wrap theirs). */
    static String describe(Throwable error) {
        StringBuilder text = new StringBuilder();
        java.util.Set<Throwable> seen = new java.util.HashSet<>();
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            String message = t.getMessage();
            if (message == null) {
                message = t.getClass().getName();
            }
            if (text.indexOf(message) < 0) {
                text.append(text.length() == 0 ? "" : ": ").append(message);
            }
        }
        return text.toString();
    }

    @Override
    public synchronized void close() throws IOException {
        sink.close();
    }
}
