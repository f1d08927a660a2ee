package org.flinkx.connector.starrocks.testserver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server's state behind one lock: tables, labels and their transactions, error logs. Every
 * operation first lets the {@link TestClock} act (expire transactions, publish committed ones),
 * then answers with the JSON fields StarRocks 3.x answers.
 */
final class TxnStore {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(600);
    static final Duration DEFAULT_PREPARED_TIMEOUT = Duration.ofSeconds(86400);

    /** How long a load answered {@code Publish Timeout} stays COMMITTED before it is VISIBLE. */
    static final Duration PUBLISH_DELAY = Duration.ofSeconds(1);

    private final TestClock clock;
    private final Map<String, MemoryTable> tables = new LinkedHashMap<>();
    private final Map<String, Txn> labels = new LinkedHashMap<>();
    private final Map<String, String> errorLogs = new LinkedHashMap<>();
    private final AtomicLong nextTxnId = new AtomicLong(1000);

    TxnStore(TestClock clock) {
        this.clock = clock;
    }

    synchronized void addTable(String db, MemoryTable table) {
        if (tables.putIfAbsent(db + "." + table.name(), table) != null) {
            throw new IllegalArgumentException("Table exists: " + db + "." + table.name());
        }
    }

    synchronized MemoryTable table(String db, String table) {
        return tables.get(db + "." + table);
    }

    synchronized List<TransactionInfo> transactions() {
        sweep();
        List<TransactionInfo> infos = new ArrayList<>();
        labels.values().forEach(txn -> infos.add(txn.info()));
        return infos;
    }

    synchronized String errorLog(String id) {
        return errorLogs.get(id);
    }

    synchronized Txn txn(String db, String label) {
        sweep();
        return labels.get(key(db, label));
    }

    /** Lets the clock act: expires transactions past a timeout, publishes committed ones. */
    synchronized void sweep() {
        long now = clock.millis();
        for (Txn txn : labels.values()) {
            if (txn.state == TxnState.PREPARE && now >= txn.beginMillis + txn.timeoutMillis) {
                txn.abort("timeout");
            } else if (txn.state == TxnState.PREPARE
                    && txn.idleTimeoutMillis > 0
                    && now >= txn.lastActivityMillis + txn.idleTimeoutMillis) {
                txn.abort("idle transaction timeout");
            } else if (txn.state == TxnState.PREPARED
                    && now >= txn.preparedMillis + txn.preparedTimeoutMillis) {
                txn.abort("prepared timeout");
            } else if (txn.state == TxnState.COMMITTED && now >= txn.publishAtMillis) {
                publish(txn);
            }
        }
    }

    /** A label that is taken: anything but an aborted transaction. */
    synchronized Txn existing(String db, String label) {
        sweep();
        Txn txn = labels.get(key(db, label));
        return txn == null || txn.state == TxnState.ABORTED ? null : txn;
    }

    synchronized Txn begin(
            String db,
            String table,
            String label,
            boolean streamLoad,
            Duration timeout,
            Duration idle) {
        Txn txn =
                new Txn(
                        nextTxnId.getAndIncrement(),
                        label == null ? "insert_" + UUID.randomUUID() : label,
                        db,
                        table,
                        streamLoad,
                        clock.millis(),
                        (timeout == null ? DEFAULT_TIMEOUT : timeout).toMillis(),
                        idle == null ? 0 : idle.toMillis());
        labels.put(key(db, txn.label), txn);
        return txn;
    }

    /** Adds a parsed batch to an open transaction; returns the ErrorURL id of its filtered rows. */
    synchronized String addBatch(Txn txn, LoadBatch batch) {
        txn.pending.addAll(batch.changes);
        txn.totalRows += batch.totalRows;
        txn.loadedRows += batch.changes.size();
        txn.filteredRows += batch.filteredRows();
        txn.loadBytes += batch.loadBytes;
        txn.lastActivityMillis = clock.millis();
        return errorLog(batch);
    }

    synchronized String errorLog(LoadBatch batch) {
        if (batch.errorLines.isEmpty()) {
            return null;
        }
        String id = "error_log_" + UUID.randomUUID().toString().replace("-", "");
        errorLogs.put(id, String.join("\n", batch.errorLines) + "\n");
        return id;
    }

    synchronized void prepare(Txn txn, Duration preparedTimeout) {
        txn.state = TxnState.PREPARED;
        txn.preparedMillis = clock.millis();
        txn.preparedTimeoutMillis =
                (preparedTimeout == null ? DEFAULT_PREPARED_TIMEOUT : preparedTimeout).toMillis();
    }

    /** Commits; the rows become visible now, or after {@link #PUBLISH_DELAY} if {@code late}. */
    synchronized void commit(Txn txn, boolean late) {
        txn.state = TxnState.COMMITTED;
        txn.publishAtMillis = clock.millis() + (late ? PUBLISH_DELAY.toMillis() : 0);
        if (!late) {
            publish(txn);
        }
    }

    private void publish(Txn txn) {
        MemoryTable table = tables.get(txn.db + "." + txn.table);
        table.apply(txn.pending);
        txn.pending.clear();
        txn.state = TxnState.VISIBLE;
    }

    private static String key(String db, String label) {
        return db + "\u0000" + label;
    }
}
