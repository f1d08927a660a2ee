package org.flinkx.connector.common.sink;

import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import org.apache.flink.annotation.PublicEvolving;
import org.flinkx.connector.common.retry.ErrorClassifier;

/**
 * What a sink connector writes itself: the part of a sink writer that talks to its target. {@link
 * FlinkxSinkWriter} owns the rest (buffering, pipelined flushes, retries, rate limit, metrics,
 * dirty data and the error limit, checkpoint ids) and calls these methods from one thread at a
 * time: {@link #begin}, {@link #write} and {@link #recover} from its flush thread, the others from
 * the task thread, never two at once (each hand-over is a happens-before edge). The exceptions are
 * {@link #sizeOf} and {@link #keyOf}, called on the task thread while a batch may be in flight:
 * they must not touch what {@link #write} changes.
 *
 * <p>A checkpoint's rows form one transaction: {@link #begin} before the first batch after a
 * checkpoint, {@link #write} for each batch, {@link #prepareCommit} at the checkpoint, which hands
 * the transaction to the committer ({@link TargetCommitter}). A target without transactions writes
 * each batch durably in {@link #write} and prepares nothing.
 *
 * @param <IN> the rows
 * @param <CommT> what the committer commits: an XA branch id, a Stream Load label, a file to rename
 * @param <StateT> the writer's state in a checkpoint
 */
@PublicEvolving
public interface TargetWriter<IN, CommT, StateT> extends AutoCloseable {

    /** What the target is, for messages: {@code orders at jdbc:postgresql://db:5432/shop}. */
    String describe();

    /** How the target's errors are told apart: a retry cures only the transient ones. */
    ErrorClassifier errors();

    /**
     * Whether a batch that failed with a transient error may be written again after {@link
     * #recover()}: false where the failure loses the open transaction (an XA branch on a lost
     * connection), then the job restarts from its last checkpoint instead.
     */
    default boolean retriesWrites() {
        return true;
    }

    /** The estimated size of a row in bytes, for the byte limits of the buffer and rate limit. */
    long sizeOf(IN row);

    /**
     * The key whose changes the buffer reduces to the last one (so a batch holds each key once, in
     * the order of its last change), or null to keep every row in arrival order.
     */
    default Object keyOf(IN row) {
        return null;
    }

    /**
     * Called once before the first row, on a fresh start and after a restore: aborts what earlier
     * attempts left behind and nobody will commit (see {@link Restore}).
     */
    default void abortLeftovers(Restore<StateT> restore) throws Exception {}

    /** Opens the transaction of the rows up to checkpoint {@code checkpointId}. */
    default void begin(long checkpointId) throws Exception {}

    /**
     * Writes one batch, in the order given. On a failure the batch's partial effects are undone (or
     * harmless to repeat), so a retry writes it again in full.
     *
     * @return the rows the target refused (written nowhere), with their errors
     */
    List<Rejected> write(Batch<IN> batch) throws Exception;

    /**
     * After a failed {@link #write} and the backoff: makes the next attempt possible (reconnects).
     */
    default void recover() throws Exception {}

    /** At a checkpoint, after the last batch: closes the transaction and returns what to commit. */
    Collection<CommT> prepareCommit() throws Exception;

    /** The writer's state for checkpoint {@code checkpointId}. */
    List<StateT> snapshotState(long checkpointId) throws Exception;

    /**
     * Called once when a bounded input has ended, after its last batch was written (and before the
     * last commit): for targets that make what was written visible at the end (an index refreshed).
     */
    default void endOfInput() throws Exception {}

    /** Whether the target counts the bytes it sends itself ({@link #takeBytesWritten()}). */
    default boolean countsBytes() {
        return false;
    }

    /**
     * The bytes sent since the last call, where {@link #countsBytes()}: file footers written at
     * prepare count too. Otherwise the core counts the rows' estimated sizes.
     */
    default long takeBytesWritten() {
        return 0;
    }

    /** Aborts the open transaction, if any, and releases connections. */
    @Override
    void close() throws Exception;

    /**
     * What a writer starts from.
     *
     * @param restoredCheckpoint the checkpoint restored from, empty on a fresh start
     * @param subtask this writer's subtask
     * @param parallelism the number of writers now (a restore may have rescaled)
     * @param states the states this subtask inherited (after rescaling, possibly other subtasks')
     */
    record Restore<StateT>(
            OptionalLong restoredCheckpoint,
            int subtask,
            int parallelism,
            Collection<StateT> states) {}
}
