package org.flinkx.connector.common.source;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.flinkx.connector.common.error.ErrorLimitExceededException;
import org.flinkx.connector.common.options.ErrorLimit;

/**
 * The error limit of a whole source, kept by its enumerator: readers report their counts ({@link
 * ErrorCountEvent}), this sums the latest report of every subtask and fails the job (without
 * restarts) once the bad records of all subtasks pass {@code errors.max-count}, or their share of
 * all records passes {@code errors.max-percentage}. A reader that starts again (after a failover)
 * reports from zero, and its earlier counts are dropped with it: like the rows, the bad rows after
 * the restored checkpoint are read, and counted, again.
 */
@Internal
public final class JobErrorLimit {

    private final String connector;
    private final ErrorLimit limit;
    private final Map<Integer, ErrorCountEvent> latest = new HashMap<>();

    public JobErrorLimit(String connector, ErrorLimit limit) {
        this.connector = connector;
        this.limit = limit;
    }

    /** A reader (re)started: its earlier counts no longer apply. */
    public void readerStarted(int subtask) {
        latest.remove(subtask);
    }

    /**
     * Handles an enumerator's source event if it is an {@link ErrorCountEvent}.
     *
     * @return whether it was one
     * @throws ErrorLimitExceededException when the job's bad records now pass the limit
     */
    public boolean handle(SplitEnumeratorContext<?> context, int subtask, Object event) {
        if (!(event instanceof ErrorCountEvent report)) {
            return false;
        }
        latest.put(subtask, report);
        long bad = 0;
        long processed = 0;
        for (ErrorCountEvent counts : latest.values()) {
            bad += counts.bad();
            processed += counts.processed();
        }
        String exceeded = limit.exceededBy(bad, processed);
        if (exceeded != null) {
            throw new ErrorLimitExceededException(
                    String.format(
                            "%s: %s, counted over all %d source subtasks. The bad records are in"
                                    + " dirty storage.",
                            connector, exceeded, context.currentParallelism()),
                    null);
        }
        if (report.last()) {
            context.sendEventToSourceReader(subtask, new ErrorCountEvent.Ack());
        }
        return true;
    }
}
