package org.flinkx.connector.common.sink;

import org.apache.flink.annotation.PublicEvolving;
import org.flinkx.connector.common.retry.ErrorClassifier;

/**
 * What a sink connector commits itself: makes one prepared transaction visible. {@link
 * FlinkxCommitter} calls it for each committable, retries transient failures with the {@link
 * org.flinkx.connector.common.retry.RetryPolicy} and fails the job on any other failure (Flink's
 * {@code signalFailedWithKnownReason} would drop the committable silently: the core never uses it).
 *
 * <p>Commits must be idempotent: after a restore the committer sees again the committables of the
 * restored checkpoint, some of which an earlier attempt committed already.
 */
@PublicEvolving
public interface TargetCommitter<CommT> extends AutoCloseable {

    /**
     * Commits the committable.
     *
     * @return false if it was committed before (a repeat after a restore)
     */
    boolean commit(CommT committable) throws Exception;

    /** How the target's errors are told apart: a retry cures only the transient ones. */
    ErrorClassifier errors();

    /** After a failed commit and the backoff: makes the next attempt possible (reconnects). */
    default void recover() throws Exception {}

    /**
     * The committable in words, for messages: {@code the XA transaction x of orders at jdbc:...}.
     */
    String describe(CommT committable);

    /**
     * What a failed commit leaves and how to get it, appended to the failure's message: {@code Its
     * rows stay prepared on the server; restart the job from its last checkpoint to commit them}.
     */
    String whenFailed(CommT committable);

    @Override
    default void close() throws Exception {}
}
