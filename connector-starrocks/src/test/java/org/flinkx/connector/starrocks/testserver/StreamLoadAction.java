package org.flinkx.connector.starrocks.testserver;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code PUT /api/{db}/{table}/_stream_load} and {@code GET /api/{db}/get_load_state?label=}: one
 * load is one transaction, committed (and published) before the answer, or aborted. The answer is
 * HTTP 200 whatever happened; its {@code Status} says what: {@code Success}, {@code Publish
 * Timeout} (committed, visible later), {@code Label Already Exists} (with {@code
 * ExistingJobStatus}), {@code Fail} (with {@code Message} and, for filtered rows, {@code
 * ErrorURL}).
 */
final class StreamLoadAction {

    private final TxnStore store;

    StreamLoadAction(TxnStore store) {
        this.store = store;
    }

    Map<String, Object> load(LoadCall call) {
        synchronized (store) {
            MemoryTable table = store.table(call.db(), call.table());
            if (call.label() != null) {
                Txn existing = store.existing(call.db(), call.label());
                if (existing != null) {
                    Map<String, Object> answer = new LinkedHashMap<>();
                    answer.put("TxnId", existing.id);
                    answer.put("Label", existing.label);
                    answer.put("Status", "Label Already Exists");
                    answer.put("ExistingJobStatus", existing.state.existingJobStatus());
                    answer.put("Message", "Label [" + existing.label + "] has already been used.");
                    return answer;
                }
            }
            if (table == null) {
                return fail(null, call.label(), "unknown table " + call.db() + "." + call.table());
            }
            Txn txn =
                    store.begin(
                            call.db(),
                            call.table(),
                            call.label(),
                            true,
                            call.seconds("timeout"),
                            null);
            LoadBatch batch;
            try {
                batch = LoadBatch.parse(table, LoadSpec.from(call.header()), call.body());
            } catch (IllegalArgumentException e) {
                txn.abort(e.getMessage());
                return fail(txn, txn.label, e.getMessage());
            }
            if (call.faulted(Fault.Kind.STATUS_FAIL)) {
                txn.abort("injected failure");
                return fail(txn, txn.label, "injected failure");
            }
            String errorLog = store.addBatch(txn, batch);
            Map<String, Object> answer;
            if (batch.tooManyFiltered(LoadSpec.from(call.header()).maxFilterRatio())) {
                txn.abort("too many filtered rows");
                answer = counts(txn, "Fail", "too many filtered rows");
                answer.put("NumberLoadedRows", 0L);
            } else {
                boolean late = call.faulted(Fault.Kind.PUBLISH_TIMEOUT);
                store.commit(txn, late);
                answer =
                        late
                                ? counts(txn, "Publish Timeout", "publish timeout")
                                : counts(txn, "Success", "OK");
            }
            if (errorLog != null) {
                answer.put("ErrorURL", call.errorUrl(errorLog));
            }
            return answer;
        }
    }

    /**
     * The state of a label, as {@code get_load_state} answers (and the StarRocks connector reads).
     */
    Map<String, Object> loadState(String db, String label) {
        Txn txn = store.txn(db, label);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", "OK");
        answer.put("msg", "Success");
        answer.put("state", (txn == null ? TxnState.UNKNOWN : txn.state).name());
        return answer;
    }

    private static Map<String, Object> fail(Txn txn, String label, String message) {
        Map<String, Object> answer = new LinkedHashMap<>();
        if (txn != null) {
            answer.put("TxnId", txn.id);
        }
        answer.put("Label", label);
        answer.put("Status", "Fail");
        answer.put("Message", message);
        return answer;
    }

    static Map<String, Object> counts(Txn txn, String status, String message) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("TxnId", txn.id);
        answer.put("Label", txn.label);
        answer.put("Status", status);
        answer.put("Message", message);
        answer.put("NumberTotalRows", txn.totalRows);
        answer.put("NumberLoadedRows", txn.loadedRows);
        answer.put("NumberFilteredRows", txn.filteredRows);
        answer.put("NumberUnselectedRows", 0L);
        answer.put("LoadBytes", txn.loadBytes);
        answer.put("LoadTimeMs", 0L);
        answer.put("BeginTxnTimeMs", 0L);
        answer.put("StreamLoadPlanTimeMs", 0L);
        answer.put("ReadDataTimeMs", 0L);
        answer.put("WriteDataTimeMs", 0L);
        answer.put("CommitAndPublishTimeMs", 0L);
        return answer;
    }
}
