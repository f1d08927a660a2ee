package org.flinkx.connector.starrocks.testserver;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Stream Load transaction interface: {@code /api/transaction/begin}, {@code load} (several per
 * transaction), {@code prepare}, {@code commit}, {@code rollback}, each naming its transaction by
 * the {@code label} and {@code db} headers. States: PREPARE (begun) → PREPARED → COMMITTED/VISIBLE,
 * or ABORTED. Answers are HTTP 200 with {@code Status} {@code OK} or {@code FAILED} (or {@code
 * LABEL_ALREADY_EXISTS}, {@code TXN_IN_PROCESSING}). A failed begin, load or prepare aborts the
 * transaction, as StarRocks documents.
 */
final class TransactionAction {

    private final TxnStore store;

    TransactionAction(TxnStore store) {
        this.store = store;
    }

    Map<String, Object> handle(String operation, LoadCall call) {
        if (call.label() == null || call.label().isBlank() || call.db() == null) {
            return answer(null, call.label(), "FAILED", "label and db headers are required");
        }
        if (call.faulted(Fault.Kind.TXN_IN_PROCESSING)) {
            Txn txn = store.txn(call.db(), call.label());
            return answer(
                    txn,
                    call.label(),
                    "TXN_IN_PROCESSING",
                    "Transaction in processing, please retry later");
        }
        synchronized (store) {
            return switch (operation) {
                case "begin" -> begin(call);
                case "load" -> load(call);
                case "prepare" -> prepare(call);
                case "commit" -> commit(call);
                case "rollback" -> rollback(call);
                default -> answer(null, call.label(), "FAILED", "unknown operation " + operation);
            };
        }
    }

    private Map<String, Object> begin(LoadCall call) {
        Txn existing = store.existing(call.db(), call.label());
        if (existing != null) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("Status", "LABEL_ALREADY_EXISTS");
            answer.put("ExistingJobStatus", existing.state.existingJobStatus());
            answer.put("Message", "Label [" + call.label() + "] has already been used.");
            return answer;
        }
        if (call.table() == null || store.table(call.db(), call.table()) == null) {
            return answer(
                    null,
                    call.label(),
                    "FAILED",
                    "unknown table " + call.db() + "." + call.table());
        }
        Txn txn =
                store.begin(
                        call.db(),
                        call.table(),
                        call.label(),
                        false,
                        call.seconds("timeout"),
                        call.seconds("idle_transaction_timeout"));
        if (call.faulted(Fault.Kind.STATUS_FAIL)) {
            txn.abort("injected failure");
            return answer(txn, txn.label, "FAILED", "injected failure");
        }
        Map<String, Object> answer = answer(txn, txn.label, "OK", "");
        answer.put("BeginTxnTimeMs", 0L);
        return answer;
    }

    private Map<String, Object> load(LoadCall call) {
        Txn txn = store.txn(call.db(), call.label());
        if (txn == null || txn.streamLoad) {
            return answer(null, call.label(), "FAILED", "TXN_NOT_EXISTS");
        }
        if (txn.state != TxnState.PREPARE) {
            return answer(txn, txn.label, "FAILED", "Transcation State Invalid: " + txn.state);
        }
        if (call.table() != null && !call.table().equals(txn.table)) {
            return answer(txn, txn.label, "FAILED", "the transaction loads table " + txn.table);
        }
        LoadBatch batch;
        LoadSpec spec;
        try {
            spec = LoadSpec.from(call.header());
            batch = LoadBatch.parse(store.table(txn.db, txn.table), spec, call.body());
        } catch (IllegalArgumentException e) {
            txn.abort(e.getMessage());
            return answer(txn, txn.label, "FAILED", e.getMessage());
        }
        if (call.faulted(Fault.Kind.STATUS_FAIL)) {
            txn.abort("injected failure");
            return answer(txn, txn.label, "FAILED", "injected failure");
        }
        String errorUrl = call.errorUrl(store.errorLog(batch));
        Map<String, Object> answer;
        if (batch.tooManyFiltered(spec.maxFilterRatio())) {
            txn.abort("too many filtered rows");
            answer = answer(txn, txn.label, "FAILED", "too many filtered rows");
        } else {
            store.addBatch(txn, batch);
            answer = StreamLoadAction.counts(txn, "OK", "");
            answer.put("Seq", txn.seq++);
            answer.put("NumberTotalRows", batch.totalRows);
            answer.put("NumberLoadedRows", (long) batch.changes.size());
            answer.put("NumberFilteredRows", batch.filteredRows());
            answer.put("LoadBytes", batch.loadBytes);
        }
        if (errorUrl != null) {
            answer.put("ErrorURL", errorUrl);
        }
        return answer;
    }

    private Map<String, Object> prepare(LoadCall call) {
        Txn txn = store.txn(call.db(), call.label());
        if (txn == null || txn.streamLoad) {
            return answer(null, call.label(), "FAILED", "Transcation Not Exist");
        }
        if (txn.state == TxnState.PREPARED) {
            return StreamLoadAction.counts(txn, "OK", "");
        }
        if (txn.state != TxnState.PREPARE) {
            return answer(txn, txn.label, "FAILED", "Transcation State Invalid: " + txn.state);
        }
        if (call.faulted(Fault.Kind.STATUS_FAIL)) {
            txn.abort("injected failure");
            return answer(txn, txn.label, "FAILED", "injected failure");
        }
        store.prepare(txn, call.seconds("prepared_timeout"));
        return StreamLoadAction.counts(txn, "OK", "");
    }

    private Map<String, Object> commit(LoadCall call) {
        Txn txn = store.txn(call.db(), call.label());
        if (txn == null || txn.streamLoad) {
            return answer(null, call.label(), "FAILED", "Transcation Not Exist");
        }
        switch (txn.state) {
            case COMMITTED, VISIBLE -> {
                return answer(txn, txn.label, "OK", "Transaction already commited");
            }
            case ABORTED -> {
                return answer(
                        txn,
                        txn.label,
                        "FAILED",
                        "Transcation State Invalid: ABORTED (" + txn.abortReason + ")");
            }
            default -> {}
        }
        if (call.faulted(Fault.Kind.STATUS_FAIL)) {
            return answer(txn, txn.label, "FAILED", "injected failure");
        }
        store.commit(txn, false);
        return StreamLoadAction.counts(txn, "OK", "");
    }

    private Map<String, Object> rollback(LoadCall call) {
        Txn txn = store.txn(call.db(), call.label());
        if (txn == null || txn.streamLoad) {
            return answer(null, call.label(), "FAILED", "Transcation Not Exist");
        }
        switch (txn.state) {
            case COMMITTED, VISIBLE -> {
                return answer(
                        txn,
                        txn.label,
                        "FAILED",
                        "Transaction already committed, cannot be rolled back");
            }
            case ABORTED -> {
                return answer(txn, txn.label, "OK", "Transaction already aborted");
            }
            default -> {}
        }
        if (call.faulted(Fault.Kind.STATUS_FAIL)) {
            return answer(txn, txn.label, "FAILED", "injected failure");
        }
        txn.abort("rolled back");
        return answer(txn, txn.label, "OK", "");
    }

    private static Map<String, Object> answer(
            Txn txn, String label, String status, String message) {
        Map<String, Object> answer = new LinkedHashMap<>();
        if (txn != null) {
            answer.put("TxnId", txn.id);
        }
        answer.put("Label", label);
        answer.put("Status", status);
        answer.put("Message", message);
        return answer;
    }
}
