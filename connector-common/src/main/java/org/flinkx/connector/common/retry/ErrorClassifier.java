package org.flinkx.connector.common.retry;

import java.io.Serializable;
import org.apache.flink.annotation.PublicEvolving;

/** Tells the errors of one kind of target that a retry may cure from those it cannot. */
@PublicEvolving
public interface ErrorClassifier extends Serializable {

    /** Whether a retry may cure {@code error}: a lost connection, a timeout, a busy server. */
    boolean isTransient(Throwable error);

    /**
     * Whether neither a retry nor a job restart can cure {@code error} (wrong credentials, an
     * unknown table): then the job fails at once, without restarts.
     */
    default boolean isUnrecoverable(Throwable error) {
        return false;
    }

    /** The message that says what went wrong, for the failure the job reports. */
    default String describe(Throwable error) {
        return String.valueOf(error.getMessage());
    }
}
