package org.flinkx.connector.common.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    /** Connection problems are transient, anything else permanent. */
    private static final ErrorClassifier NETWORK = error -> error instanceof ConnectException;

    private final List<String> events = new ArrayList<>();

    @Test
    void recoveryRunsAfterTheWaitAndBeforeEachRetry() throws Exception {
        RetryPolicy policy = new RetryPolicy(3, Duration.ZERO);
        String result =
                policy.run(
                        "Writing",
                        NETWORK,
                        () -> events.add("recover"),
                        () -> {
                            events.add("attempt");
                            if (events.size() < 5) {
                                throw new ConnectException("refused");
                            }
                            return "done";
                        });
        assertThat(result).isEqualTo("done");
        assertThat(events).containsExactly("attempt", "recover", "attempt", "recover", "attempt");
    }

    @Test
    void aFailedRecoveryCountsAsAnAttemptAndItsErrorIsReported() {
        RetryPolicy policy = new RetryPolicy(2, Duration.ZERO);
        assertThatThrownBy(
                        () ->
                                policy.run(
                                        "Writing 5 rows to t at db:1",
                                        NETWORK,
                                        () -> {
                                            events.add("recover");
                                            throw new ConnectException("Connection refused: db:1");
                                        },
                                        () -> {
                                            events.add("attempt");
                                            throw new ConnectException("Connection is closed");
                                        }))
                .isInstanceOf(IOException.class)
                .hasMessage(
                        "Writing 5 rows to t at db:1 failed after 3 attempts: Connection refused: db:1")
                .hasCauseInstanceOf(ConnectException.class);
        assertThat(events).containsExactly("attempt", "recover", "recover");
    }

    @Test
    void permanentErrorsAreNotRetried() {
        RetryPolicy policy = new RetryPolicy(5, Duration.ZERO);
        assertThatThrownBy(
                        () ->
                                policy.run(
                                        "Writing",
                                        NETWORK,
                                        () -> events.add("recover"),
                                        () -> {
                                            events.add("attempt");
                                            throw new java.sql.SQLSyntaxErrorException(
                                                    "bad column");
                                        }))
                .hasMessage("Writing failed: bad column");
        assertThat(events).containsExactly("attempt");

        IOException io = new IOException("disk full");
        assertThatThrownBy(
                        () ->
                                policy.run(
                                        "Writing",
                                        NETWORK,
                                        RetryPolicy.Recovery.NOTHING,
                                        () -> {
                                            throw io;
                                        }))
                .hasMessage("Writing failed: disk full")
                .hasCause(io);
    }

    @Test
    void theBackoffDoublesUpToTheCap() {
        RetryPolicy policy = new RetryPolicy(30, Duration.ofMillis(500));
        assertThat(policy.delay(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.delay(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delay(4)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.delay(30)).isEqualTo(RetryPolicy.MAX_BACKOFF);
        assertThat(RetryPolicy.none().maxRetries()).isZero();
    }
}
