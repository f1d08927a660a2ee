package org.flinkx.connector.common.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.sink2.Committer;
import org.flinkx.connector.common.retry.ErrorClassifier;
import org.flinkx.connector.common.retry.RetryPolicy;
import org.junit.jupiter.api.Test;

class FlinkxCommitterTest {

    private final List<String> events = new ArrayList<>();

    /**
     * Commits "new" ids, knows "done" ones, fails on others (transiently for "flaky" the first
     * time).
     */
    private final TargetCommitter<String> target =
            new TargetCommitter<>() {
                private boolean flakyFailed;

                @Override
                public boolean commit(String id) throws Exception {
                    events.add("commit " + id);
                    if (id.equals("flaky") && !flakyFailed) {
                        flakyFailed = true;
                        throw new ConnectException("Connection reset");
                    }
                    if (id.equals("broken")) {
                        throw new IllegalStateException("the server lost the transaction log");
                    }
                    return !id.equals("done");
                }

                @Override
                public ErrorClassifier errors() {
                    return error -> error instanceof ConnectException;
                }

                @Override
                public void recover() {
                    events.add("recover");
                }

                @Override
                public String describe(String id) {
                    return "the transaction " + id;
                }

                @Override
                public String whenFailed(String id) {
                    return "It stays prepared; restart the job to commit it";
                }
            };

    private final FlinkxCommitter<String> committer =
            new FlinkxCommitter<>(target, new RetryPolicy(2, Duration.ZERO));

    @Test
    void commitsRetriesTransientFailuresAndReportsEarlierCommits() throws Exception {
        Request flaky = new Request("flaky");
        Request done = new Request("done");
        committer.commit(List.of(new Request("new"), flaky, done));
        assertThat(events)
                .containsExactly(
                        "commit new", "commit flaky", "recover", "commit flaky", "commit done");
        assertThat(flaky.state).isNull();
        assertThat(done.state).isEqualTo("already committed");
    }

    @Test
    void aFailedCommitFailsTheJobAndIsNeverDropped() {
        Request broken = new Request("broken");
        assertThatThrownBy(() -> committer.commit(List.of(broken)))
                .isInstanceOf(IOException.class)
                .hasMessage(
                        "Committing the transaction broken failed: the server lost the transaction log. "
                                + "It stays prepared; restart the job to commit it");
        assertThat(broken.state).isNull();
    }

    private static final class Request implements Committer.CommitRequest<String> {
        final String committable;
        String state;

        Request(String committable) {
            this.committable = committable;
        }

        @Override
        public String getCommittable() {
            return committable;
        }

        @Override
        public int getNumberOfRetries() {
            return 0;
        }

        @Override
        public void signalFailedWithKnownReason(Throwable t) {
            state = "failed (dropped)";
        }

        @Override
        public void signalFailedWithUnknownReason(Throwable t) {
            state = "failed";
        }

        @Override
        public void retryLater() {
            state = "retry later";
        }

        @Override
        public void updateAndRetryLater(String committable) {
            state = "retry later";
        }

        @Override
        public void signalAlreadyCommitted() {
            state = "already committed";
        }
    }
}
