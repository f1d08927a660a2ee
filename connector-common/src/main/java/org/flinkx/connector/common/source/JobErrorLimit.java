package org.flinkx.connector.common.source;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.flinkx.connector.common.error.ErrorLimitExceededException;
import org.flinkx.connector.common.error.JobErrorCounts;
import org.flinkx.connector.common.options.ErrorLimit;

/**
 * The error limit of a whole source, kept by its enumerator: readers report their counts ({@link
 * ErrorCountEvent}), this sums the latest report of every subtask ({@link JobErrorCounts}, shared
 * with the sinks) and fails the job (without restarts) once the bad records of all subtasks pass
 * {@code errors.max-count}, or their share of all records passes {@code errors.max-percentage}. A
 * reader that starts again (after a failover) reports from zero, and its earlier counts are dropped
 * with it: like the rows, the bad rows after the restored checkpoint are read, and counted, again.
 */
@Internal
public final class JobErrorLimit {

    private final JobErrorCounts counts;

    public JobErrorLimit(String connector, ErrorLimit limit) {
        this.counts = new JobErrorCounts(connector, "source", limit);
    }

    /** A reader (re)started: its earlier counts no longer apply. */
    public void readerStarted(int subtask) {
        counts.restarted(subtask);
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
        // A reader's attempt is not known here: readerStarted drops what it reported before.
        counts.update(subtask, 0, report.bad(), report.processed());
        ErrorLimitExceededException exceeded = counts.exceeded(context.currentParallelism());
        if (exceeded != null) {
            throw exceeded;
        }
        if (report.last()) {
            context.sendEventToSourceReader(subtask, new ErrorCountEvent.Ack());
        }
        return true;
    }
}
