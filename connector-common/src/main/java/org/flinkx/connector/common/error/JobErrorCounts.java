package org.flinkx.connector.common.error;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.flinkx.connector.common.options.ErrorLimit;

/**
 * The bad and processed records of all subtasks of one source or sink, for the job-wide error
 * limit: keeps the latest counts each subtask reported (a subtask counts from its start, so its
 * latest report replaces the one before) and sums them. Used by the source enumerators ({@code
 * JobErrorLimit}) and by the sinks' coordinator ({@code ErrorCountCoordinator}); not thread-safe,
 * both call it from their one coordinator thread.
 *
 * <p>A subtask that starts again (after a failover) counts from zero: its earlier counts are
 * dropped, and a late report of an earlier attempt does not bring them back. Like the rows, the bad
 * rows after the restored checkpoint are processed, and counted, again.
 */
@Internal
public final class JobErrorCounts {

    private final String connector;
    private final String role;
    private final ErrorLimit limit;
    private final Map<Integer, Counts> latest = new HashMap<>();

    private record Counts(int attempt, long bad, long processed) {}

    /**
     * @param role {@code source} or {@code sink}, for the message
     */
    public JobErrorCounts(String connector, String role, ErrorLimit limit) {
        this.connector = connector;
        this.role = role;
        this.limit = limit;
    }

    /** A subtask (re)started: whatever it reported before no longer applies. */
    public void restarted(int subtask) {
        latest.remove(subtask);
    }

    /** Attempt {@code attempt} of a subtask started: the counts of its earlier attempts go. */
    public void attemptStarted(int subtask, int attempt) {
        Counts counts = latest.get(subtask);
        if (counts != null && counts.attempt() < attempt) {
            latest.remove(subtask);
        }
    }

    /** Every subtask starts again (a global failover). */
    public void clear() {
        latest.clear();
    }

    /**
     * Takes a subtask's counts since it started.
     *
     * @return false if they came from an earlier attempt than one already seen and were ignored
     */
    public boolean update(int subtask, int attempt, long bad, long processed) {
        Counts counts = latest.get(subtask);
        if (counts != null && counts.attempt() > attempt) {
            return false;
        }
        latest.put(subtask, new Counts(attempt, bad, processed));
        return true;
    }

    /** The bad records of all subtasks together. */
    public long bad() {
        return latest.values().stream().mapToLong(Counts::bad).sum();
    }

    /** All records of all subtasks together, bad ones included. */
    public long processed() {
        return latest.values().stream().mapToLong(Counts::processed).sum();
    }

    /**
     * The failure for the job when the bad records of all subtasks pass the limit, else null.
     *
     * @param subtasks the parallelism, for the message
     */
    public ErrorLimitExceededException exceeded(int subtasks) {
        String exceeded = limit.exceededBy(bad(), processed());
        if (exceeded == null) {
            return null;
        }
        return new ErrorLimitExceededException(
                String.format(
                        "%s: %s, counted over all %d %s subtasks. The bad records are in dirty"
                                + " storage.",
                        connector, exceeded, subtasks, role),
                null);
    }
}
