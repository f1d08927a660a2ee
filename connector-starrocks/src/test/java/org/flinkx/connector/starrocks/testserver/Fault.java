package org.flinkx.connector.starrocks.testserver;

import java.time.Duration;

/**
 * A failure the test server injects into its next matching requests: {@code
 * server.faults().add(Fault.serverError(503).times(2).onPath("_stream_load"))}. A fault matches a
 * request whose path contains {@link #pathContains} (any request when null) at the point where the
 * fault happens: 5xx and slow answers when the request arrives (FE or BE), a reset while a BE reads
 * the body, the JSON faults where the BE answers a load or transaction call, a dropped answer after
 * the BE handled the call.
 */
public record Fault(Kind kind, int times, String pathContains, int httpCode, Duration delay) {

    /** What goes wrong. */
    public enum Kind {
        /** The node answers {@link #httpCode} (5xx) with a plain-text body. */
        SERVER_ERROR,
        /** The BE reads part of the body, then resets the connection (TCP RST). */
        RESET_MID_BODY,
        /** The node waits {@link #delay} before handling the request. */
        SLOW,
        /** HTTP 200 with {@code "Status": "Fail"} (Stream Load) or {@code "FAILED"}. */
        STATUS_FAIL,
        /** A Stream Load is committed but answers {@code Publish Timeout}: visible later. */
        PUBLISH_TIMEOUT,
        /** A transaction call answers {@code "Status": "TXN_IN_PROCESSING"}, changing nothing. */
        TXN_IN_PROCESSING,
        /**
         * The BE handles the load or transaction call in full, then resets the connection instead
         * of answering: the client cannot tell whether it happened.
         */
        DROP_ANSWER
    }

    public static Fault serverError(int httpCode) {
        return new Fault(Kind.SERVER_ERROR, 1, null, httpCode, Duration.ZERO);
    }

    public static Fault resetMidBody() {
        return new Fault(Kind.RESET_MID_BODY, 1, null, 0, Duration.ZERO);
    }

    public static Fault slow(Duration delay) {
        return new Fault(Kind.SLOW, 1, null, 0, delay);
    }

    public static Fault statusFail() {
        return new Fault(Kind.STATUS_FAIL, 1, null, 0, Duration.ZERO);
    }

    public static Fault publishTimeout() {
        return new Fault(Kind.PUBLISH_TIMEOUT, 1, null, 0, Duration.ZERO);
    }

    public static Fault dropAnswer() {
        return new Fault(Kind.DROP_ANSWER, 1, null, 0, Duration.ZERO);
    }

    public static Fault txnInProcessing() {
        return new Fault(Kind.TXN_IN_PROCESSING, 1, null, 0, Duration.ZERO);
    }

    /** The fault hits this many matching requests (1 by default). */
    public Fault times(int n) {
        return new Fault(kind, n, pathContains, httpCode, delay);
    }

    /** Only requests whose path (query included) contains {@code substring}. */
    public Fault onPath(String substring) {
        return new Fault(kind, times, substring, httpCode, delay);
    }

    boolean matches(String path) {
        return pathContains == null || path.contains(pathContains);
    }
}
