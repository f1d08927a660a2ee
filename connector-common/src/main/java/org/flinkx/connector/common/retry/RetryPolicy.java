package org.flinkx.connector.common.retry;

import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.annotation.PublicEvolving;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FlinkX's one retry loop, for every connector: run an action; when it fails with a transient error
 * (as the {@link ErrorClassifier} tells), wait, let the caller recover (reconnect, roll back), and
 * run it again, up to {@code maxRetries} times. The wait starts at {@code backoff} and doubles per
 * retry, capped at {@link #MAX_BACKOFF}. Recovery runs <em>after</em> the wait, so a server that
 * comes back during it is reached; a recovery that fails counts as a failed attempt and is retried
 * the same way. A permanent error, or a transient one when the retries are spent, fails with the
 * number of attempts and the last error in the message and the error as the cause.
 *
 * <p>Callers never nest retry loops: the code inside an attempt does not retry on its own.
 */
@PublicEvolving
public final class RetryPolicy implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RetryPolicy.class);

    /** The longest wait between two attempts, however many retries are configured. */
    public static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    private final int maxRetries;
    private final Duration backoff;

    public RetryPolicy(int maxRetries, Duration backoff) {
        if (maxRetries < 0 || backoff.isNegative()) {
            throw new IllegalArgumentException("maxRetries and backoff must not be negative");
        }
        this.maxRetries = maxRetries;
        this.backoff = backoff;
    }

    /** A policy that never retries. */
    public static RetryPolicy none() {
        return new RetryPolicy(0, Duration.ZERO);
    }

    public int maxRetries() {
        return maxRetries;
    }

    /** The wait before retry {@code retry} (1 for the first). */
    public Duration delay(int retry) {
        long millis = backoff.toMillis();
        int shift = Math.min(retry - 1, 20);
        long delay = millis > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : millis << shift;
        return Duration.ofMillis(Math.min(delay, MAX_BACKOFF.toMillis()));
    }

    /** What one attempt does. */
    @FunctionalInterface
    public interface Attempt<T> {
        T run() throws Exception;
    }

    /** What makes the next attempt possible after a failure: reconnect, roll back, reopen. */
    @FunctionalInterface
    public interface Recovery {
        void recover() throws Exception;

        Recovery NOTHING = () -> {};
    }

    /**
     * Runs {@code attempt} until it succeeds, fails permanently or the retries are spent.
     *
     * @param what what the attempt does, for messages: "Writing 500 rows to orders at jdbc:..."
     * @throws IOException the failure, with the attempts made and the last error as its message and
     *     the error as its cause
     */
    public <T> T run(String what, ErrorClassifier classifier, Recovery recovery, Attempt<T> attempt)
            throws IOException, InterruptedException {
        for (int attempts = 1; ; attempts++) {
            try {
                if (attempts > 1) {
                    Thread.sleep(delay(attempts - 1).toMillis());
                    recovery.recover();
                }
                return attempt.run();
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                boolean retriable = classifier.isTransient(e);
                if (!retriable || attempts > maxRetries) {
                    throw failure(what, classifier, attempts, e);
                }
                LOG.warn(
                        "{} failed (attempt {} of {}), retrying in {} ms: {}",
                        what,
                        attempts,
                        maxRetries + 1,
                        delay(attempts).toMillis(),
                        classifier.describe(e));
            }
        }
    }

    private static IOException failure(
            String what, ErrorClassifier classifier, int attempts, Exception e) {
        String tries = attempts == 1 ? "" : " after " + attempts + " attempts";
        return new IOException(what + " failed" + tries + ": " + classifier.describe(e), e);
    }
}
