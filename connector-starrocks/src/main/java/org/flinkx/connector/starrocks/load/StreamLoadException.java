package org.flinkx.connector.starrocks.load;

import java.io.IOException;
import org.apache.flink.annotation.Internal;

/**
 * A Stream Load request that StarRocks refused or that did not complete, with what a retry may do
 * about it. The message names the node (FE or BE, {@code host:port}) and what it answered, never a
 * password.
 */
@Internal
public final class StreamLoadException extends IOException {

    private static final long serialVersionUID = 1L;

    /** How a failure may be handled. */
    public enum Kind {
        /** A retry may succeed: the server is down, busy or answered 5xx. */
        TRANSIENT,
        /** A retry cannot succeed: a bad request, an unknown table, a failed load. */
        PERMANENT,
        /** Neither a retry nor a restart can succeed: wrong credentials. */
        UNRECOVERABLE
    }

    private final Kind kind;
    private final boolean bodySent;

    public StreamLoadException(String message, Kind kind, boolean bodySent, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.bodySent = bodySent;
    }

    public StreamLoadException(String message, Kind kind, boolean bodySent) {
        this(message, kind, bodySent, null);
    }

    public Kind kind() {
        return kind;
    }

    /**
     * Whether any of the request's body reached the server: a load that failed after that may have
     * been applied, so only one that failed before it may be sent again into the same transaction.
     */
    public boolean bodySent() {
        return bodySent;
    }
}
