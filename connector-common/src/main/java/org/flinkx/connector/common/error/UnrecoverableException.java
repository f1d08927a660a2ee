package org.flinkx.connector.common.error;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.runtime.execution.SuppressRestartsException;

/**
 * A failure no restart can cure: wrong credentials, an unknown database, table or column, a missing
 * class, a purged log position, an exceeded error limit. Flink fails the job at once instead of
 * restarting it without end (it finds a {@link SuppressRestartsException} anywhere in a failure's
 * causes), and the message is the one-line reason. Failures a retry can cure (a server restart, a
 * timeout, a lost connection) are thrown as they are and keep being retried.
 */
@PublicEvolving
public class UnrecoverableException extends SuppressRestartsException {

    private static final long serialVersionUID = 1L;

    private final String reason;

    /**
     * @param reason what failed and, where known, what to do: the first line users see
     * @param cause the error, or null when {@code reason} says everything
     */
    public UnrecoverableException(String reason, Throwable cause) {
        super(cause);
        this.reason = reason;
    }

    @Override
    public String getMessage() {
        return reason;
    }

    /**
     * {@code error} itself when it is unrecoverable already, an {@link UnrecoverableException} with
     * {@code reason} when a class is missing or of the wrong version somewhere in its causes (the
     * class path is the same after a restart), else null.
     */
    public static UnrecoverableException ifClassMissing(String reason, Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnrecoverableException unrecoverable) {
                return unrecoverable;
            }
            if (t instanceof LinkageError || t instanceof ClassNotFoundException) {
                return new UnrecoverableException(
                        reason
                                + ": "
                                + t
                                + " (a class is missing from or wrong in the class path; "
                                + "check the jars in flink/lib)",
                        error);
            }
        }
        return null;
    }
}
