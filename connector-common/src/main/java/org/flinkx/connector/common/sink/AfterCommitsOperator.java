package org.flinkx.connector.common.sink;

import java.time.Duration;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * A sink's post-commit step: runs {@link #afterCommits()} once, in one task after all writers and
 * committers, when a bounded job has committed everything. An unbounded or failed job never runs
 * it.
 *
 * <p>Without checkpointing the committers commit when the input ends, before it ends here. With
 * checkpointing the last data is committed when the final checkpoint completes, after the input
 * ended: the step then runs when this task closes after that checkpoint, once {@link
 * #commitsPending()} says nothing is left to commit. Waiting there cannot hold up a checkpoint
 * (waiting in a checkpoint notification could: the final barrier would queue behind it).
 */
@PublicEvolving
public abstract class AfterCommitsOperator<CommT> extends AbstractStreamOperator<Void>
        implements OneInputStreamOperator<CommittableMessage<CommT>, Void>, BoundedOneInput {

    private static final long serialVersionUID = 1L;
    private static final Duration COMMIT_WAIT = Duration.ofMinutes(10);

    private transient boolean inputEnded;
    private transient boolean finished;
    private transient boolean done;

    /** Whether data prepared by this sink is still waiting to be committed. */
    protected abstract boolean commitsPending() throws Exception;

    /** The step itself. */
    protected abstract void afterCommits() throws Exception;

    /** What waits, for the message when the commits do not come. */
    protected abstract String describe();

    /** Whether the last commits happen at the final checkpoint (after the input ended). */
    protected boolean commitsAtFinalCheckpoint() {
        return getRuntimeContext()
                .getJobConfiguration()
                .getOptional(CheckpointingOptions.CHECKPOINTING_INTERVAL)
                .isPresent();
    }

    @Override
    public void processElement(StreamRecord<CommittableMessage<CommT>> element) {
        // Only the end of the input matters.
    }

    @Override
    public void endInput() throws Exception {
        inputEnded = true;
        if (!commitsAtFinalCheckpoint()) {
            runOnce();
        }
    }

    @Override
    public void finish() throws Exception {
        super.finish();
        finished = true;
    }

    @Override
    public void close() throws Exception {
        try {
            if (finished && inputEnded && !done) {
                long deadline = System.nanoTime() + COMMIT_WAIT.toNanos();
                while (commitsPending()) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(
                                String.format(
                                        "%s: not everything was committed within %s; the post-commit step did not run.",
                                        describe(), COMMIT_WAIT));
                    }
                    Thread.sleep(100);
                }
                runOnce();
            }
        } finally {
            super.close();
        }
    }

    private void runOnce() throws Exception {
        if (!done) {
            afterCommits();
            done = true;
        }
    }
}
