package org.flinkx.connector.starrocks.testserver;

/** What a test sees of a label's transaction (a snapshot). */
public record TransactionInfo(
        long txnId,
        String label,
        String db,
        String table,
        TxnState state,
        boolean streamLoad,
        long loadedRows,
        String abortReason) {}
