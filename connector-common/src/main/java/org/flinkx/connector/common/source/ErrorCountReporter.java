package org.flinkx.connector.common.source;

import java.util.concurrent.CompletableFuture;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.core.io.InputStatus;
import org.flinkx.connector.common.error.DirtyDataHandler;

/**
 * Reports a reader's bad and processed records to its enumerator ({@link ErrorCountEvent}, for the
 * job-wide {@link JobErrorLimit}): when bad records came, at most every second otherwise, and at
 * the end of the input, where the reader does not end before the enumerator acknowledged its last
 * counts, so that a bounded job cannot finish past the limit. Called on the reader's thread.
 */
@Internal
public final class ErrorCountReporter {

    /** How often (in polls) the reader looks whether its counts are worth reporting. */
    private static final int REPORT_EVERY_POLLS = 256;

    private static final long REPORT_INTERVAL_NANOS = 1_000_000_000L;

    private final SourceReaderContext context;
    private final DirtyDataHandler dirty;
    private long polls;
    private long reportedErrors;
    private long reportedAt = System.nanoTime();

    /** Set when the input ended: completes when the enumerator acknowledged the last counts. */
    private CompletableFuture<Void> lastReportAcknowledged;

    public ErrorCountReporter(SourceReaderContext context, DirtyDataHandler dirty) {
        this.context = context;
        this.dirty = dirty;
    }

    /** What to answer instead of polling once the input ended, or null to poll. */
    public InputStatus beforePoll() {
        if (lastReportAcknowledged == null) {
            return null;
        }
        return lastReportAcknowledged.isDone()
                ? InputStatus.END_OF_INPUT
                : InputStatus.NOTHING_AVAILABLE;
    }

    /**
     * What to answer after a poll: its status, but at the end of the input {@code
     * NOTHING_AVAILABLE} until the enumerator acknowledged the last counts.
     */
    public InputStatus afterPoll(InputStatus status) {
        if (status == InputStatus.END_OF_INPUT) {
            lastReportAcknowledged = new CompletableFuture<>();
            context.sendSourceEventToCoordinator(
                    new ErrorCountEvent(dirty.errors(), dirty.records(), true));
            return InputStatus.NOTHING_AVAILABLE;
        }
        if (++polls % REPORT_EVERY_POLLS == 0) {
            long errors = dirty.errors();
            long now = System.nanoTime();
            if (errors != reportedErrors || now - reportedAt > REPORT_INTERVAL_NANOS) {
                reportedErrors = errors;
                reportedAt = now;
                context.sendSourceEventToCoordinator(
                        new ErrorCountEvent(errors, dirty.records(), false));
            }
        }
        return status;
    }

    /** Once the input ended: completes with the enumerator's acknowledgement; else null. */
    public CompletableFuture<Void> lastReportAcknowledged() {
        return lastReportAcknowledged;
    }

    /** Takes the enumerator's acknowledgement; false for any other event. */
    public boolean handle(SourceEvent event) {
        if (event instanceof ErrorCountEvent.Ack && lastReportAcknowledged != null) {
            lastReportAcknowledged.complete(null);
            return true;
        }
        return false;
    }
}
