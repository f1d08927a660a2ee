package org.flinkx.connector.starrocks.testserver;

/**
 * The states of a label (a load's transaction) as {@code get_load_state} reports them. A Stream
 * Load goes PREPARE, then COMMITTED and VISIBLE at once (or COMMITTED until published when it
 * answered {@code Publish Timeout}), or ABORTED. A transaction of the transaction interface goes
 * PREPARE (begun), PREPARED (pre-committed), COMMITTED/VISIBLE, or ABORTED (rolled back or
 * expired). UNKNOWN is the state of a label the server has never seen.
 */
public enum TxnState {
    UNKNOWN,
    PREPARE,
    PREPARED,
    COMMITTED,
    VISIBLE,
    ABORTED;

    /** {@code ExistingJobStatus} of a {@code Label Already Exists} answer. */
    String existingJobStatus() {
        return this == COMMITTED || this == VISIBLE ? "FINISHED" : "RUNNING";
    }
}
