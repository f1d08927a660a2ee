package org.flinkx.connector.common.sink;

import java.io.IOException;
import java.util.Collection;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.connector.sink2.Committer;
import org.flinkx.connector.common.error.UnrecoverableException;
import org.flinkx.connector.common.retry.RetryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FlinkX's committer, under every sink: commits each committable through the connector's {@link
 * TargetCommitter}, retrying transient failures (wait, {@link TargetCommitter#recover()}, commit
 * again). A committable committed before is reported as such. Any other failure, and a transient
 * one that outlasts the retries, fails the job with what it leaves and how to get it (an {@link
 * UnrecoverableException} among the causes fails it without restarts). A failed commit is never
 * swallowed: the committable stays in the committer's state and a restart commits it again.
 */
@PublicEvolving
public final class FlinkxCommitter<CommT> implements Committer<CommT> {

    private static final Logger LOG = LoggerFactory.getLogger(FlinkxCommitter.class);

    private final TargetCommitter<CommT> target;
    private final RetryPolicy retries;

    public FlinkxCommitter(TargetCommitter<CommT> target, RetryPolicy retries) {
        this.target = target;
        this.retries = retries;
    }

    @Override
    public void commit(Collection<CommitRequest<CommT>> requests)
            throws IOException, InterruptedException {
        for (CommitRequest<CommT> request : requests) {
            CommT committable = request.getCommittable();
            String what = "Committing " + target.describe(committable);
            boolean committed;
            try {
                committed =
                        retries.run(
                                what,
                                target.errors(),
                                target::recover,
                                () -> target.commit(committable));
            } catch (IOException e) {
                String message = e.getMessage() + ". " + target.whenFailed(committable);
                if (target.errors().isUnrecoverable(e.getCause())) {
                    throw new UnrecoverableException(message, e.getCause());
                }
                throw new IOException(message, e.getCause());
            }
            if (!committed) {
                LOG.info("{} was committed before.", target.describe(committable));
                request.signalAlreadyCommitted();
            }
        }
    }

    @Override
    public void close() throws Exception {
        target.close();
    }
}
