package org.flinkx.connector.starrocks.testserver;

import java.util.ArrayList;
import java.util.List;

/**
 * One label's transaction: a single Stream Load or a transaction of the transaction interface. Its
 * rows stay here until it is committed and published. Guarded by the {@link TxnStore} lock.
 */
final class Txn {

    final long id;
    final String label;
    final String db;
    final String table;
    final boolean streamLoad;
    final long beginMillis;
    final long timeoutMillis;
    final long idleTimeoutMillis;

    TxnState state = TxnState.PREPARE;
    String abortReason;
    final List<RowChange> pending = new ArrayList<>();
    long lastActivityMillis;
    long preparedMillis;
    long preparedTimeoutMillis;
    long publishAtMillis;
    int seq;
    long totalRows;
    long loadedRows;
    long filteredRows;
    long loadBytes;

    Txn(
            long id,
            String label,
            String db,
            String table,
            boolean streamLoad,
            long nowMillis,
            long timeoutMillis,
            long idleTimeoutMillis) {
        this.id = id;
        this.label = label;
        this.db = db;
        this.table = table;
        this.streamLoad = streamLoad;
        this.beginMillis = nowMillis;
        this.lastActivityMillis = nowMillis;
        this.timeoutMillis = timeoutMillis;
        this.idleTimeoutMillis = idleTimeoutMillis;
    }

    void abort(String reason) {
        state = TxnState.ABORTED;
        abortReason = reason;
        pending.clear();
    }

    /** A snapshot for tests. */
    TransactionInfo info() {
        return new TransactionInfo(
                id, label, db, table, state, streamLoad, loadedRows, abortReason);
    }
}
