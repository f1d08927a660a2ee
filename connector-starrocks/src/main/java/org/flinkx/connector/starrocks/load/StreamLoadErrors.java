package org.flinkx.connector.starrocks.load;

import org.apache.flink.annotation.Internal;
import org.flinkx.connector.common.retry.ErrorClassifier;

/** How the sink tells StarRocks' failures apart, from the {@link StreamLoadException} kinds. */
@Internal
public final class StreamLoadErrors {

    /** Transient failures are retried; wrong credentials fail the job without restarts. */
    public static final ErrorClassifier CLASSIFIER =
            new ErrorClassifier() {
                private static final long serialVersionUID = 1L;

                @Override
                public boolean isTransient(Throwable error) {
                    StreamLoadException e = find(error);
                    return e != null && e.kind() == StreamLoadException.Kind.TRANSIENT;
                }

                @Override
                public boolean isUnrecoverable(Throwable error) {
                    StreamLoadException e = find(error);
                    return e != null && e.kind() == StreamLoadException.Kind.UNRECOVERABLE;
                }
            };

    /**
     * Transient failures of requests whose body never went out: they changed nothing, so even a
     * load into an open transaction may be sent again.
     */
    public static final ErrorClassifier REPEATABLE =
            new ErrorClassifier() {
                private static final long serialVersionUID = 1L;

                @Override
                public boolean isTransient(Throwable error) {
                    StreamLoadException e = find(error);
                    return e != null
                            && e.kind() == StreamLoadException.Kind.TRANSIENT
                            && !e.bodySent();
                }

                @Override
                public boolean isUnrecoverable(Throwable error) {
                    return CLASSIFIER.isUnrecoverable(error);
                }
            };

    private static StreamLoadException find(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof StreamLoadException e) {
                return e;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private StreamLoadErrors() {}
}
