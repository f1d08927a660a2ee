package org.flinkx.connector.common.error;

import org.apache.flink.annotation.PublicEvolving;

/**
 * Thrown when bad records pass the configured error limit: fails the job without restarts (they
 * would read the same bad records again), with the limit that was passed as its message. The last
 * bad record's error is attached as a suppressed exception, not as the cause, so that clients which
 * show a failure's root cause show the limit, not one record's error.
 */
@PublicEvolving
public class ErrorLimitExceededException extends UnrecoverableException {

    private static final long serialVersionUID = 1L;

    public ErrorLimitExceededException(String message, Throwable lastError) {
        super(message, null);
        if (lastError != null) {
            addSuppressed(lastError);
        }
    }
}
