package org.flinkx.connector.starrocks.sink;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.table.data.RowData;
import org.flinkx.connector.common.metrics.RowSizes;
import org.flinkx.connector.common.retry.ErrorClassifier;
import org.flinkx.connector.common.retry.RetryPolicy;
import org.flinkx.connector.common.sink.Batch;
import org.flinkx.connector.common.sink.FlinkxSinkWriter;
import org.flinkx.connector.common.sink.Rejected;
import org.flinkx.connector.common.sink.RowKeys;
import org.flinkx.connector.common.sink.TargetWriter;
import org.flinkx.connector.starrocks.load.FilteredRows;
import org.flinkx.connector.starrocks.load.LoadAnswer;
import org.flinkx.connector.starrocks.load.RowEncoder;
import org.flinkx.connector.starrocks.load.RowsBody;
import org.flinkx.connector.starrocks.load.StreamLoadClient;
import org.flinkx.connector.starrocks.load.StreamLoadErrors;
import org.flinkx.connector.starrocks.load.StreamLoadException;
import org.flinkx.connector.starrocks.load.StreamLoadException.Kind;
import org.flinkx.connector.starrocks.load.UnencodableRowException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads batches into a StarRocks table, for {@link FlinkxSinkWriter} (which buffers, retries and
 * counts).
 *
 * <ul>
 *   <li><b>at-least-once</b> (and none): each batch is one Stream Load with its own label; a retry
 *       sends the same label, and {@code Label Already Exists} is looked up: a load that finished
 *       is done, one that is running is waited for, an aborted one is sent again.
 *   <li><b>exactly-once</b>: a checkpoint's batches go into one transaction ({@code begin}, a
 *       {@code load} per batch, {@code prepare} at the checkpoint); {@link StarRocksCommitter}
 *       commits it when the checkpoint completes. A load is sent again only when its body never
 *       went out; otherwise the job restarts from its checkpoint and the transaction is rolled
 *       back. On restore, the transactions an earlier attempt began after the checkpoint are found
 *       by their labels and rolled back.
 * </ul>
 *
 * <p>The {@code Status} of the answer decides, never the HTTP code alone. Rows StarRocks filtered
 * come back as bad records with the server's reasons.
 */
final class StarRocksWriter
        implements TargetWriter<RowData, StarRocksCommittable, StarRocksWriterState> {

    private static final Logger LOG = LoggerFactory.getLogger(StarRocksWriter.class);

    /** How long a load whose label another attempt is still running is waited for. */
    private static final long RUNNING_LABEL_WAIT_MILLIS = 60_000;

    private final StarRocksSinkConfig config;
    private final int subtask;
    private final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final RowEncoder encoder;
    private final RowSizes sizes;
    private final RowKeys keys;
    private final Map<String, String> loadHeaders;
    private final RetryPolicy ownRetries;
    private final StreamLoadClient client;

    private long nextNumber;
    private String openLabel;
    private long bytesWritten;

    StarRocksWriter(StarRocksSinkConfig config, int subtask) {
        this.config = config;
        this.subtask = subtask;
        this.encoder = new RowEncoder(config.format(), config.rowType(), config.changelog());
        this.sizes = RowSizes.forType(config.rowType());
        this.keys = RowKeys.of(config.rowType(), config.keys());
        this.loadHeaders = config.loadHeaders();
        // exactly-once retries what is safe to repeat itself: the core does not retry its loads
        this.ownRetries =
                new RetryPolicy(config.buffer().maxRetries(), config.buffer().retryBackoff());
        this.client = new StreamLoadClient(config.connection());
    }

    @Override
    public String describe() {
        return config.describe();
    }

    @Override
    public ErrorClassifier errors() {
        return StreamLoadErrors.CLASSIFIER;
    }

    /** A load into a transaction that failed after its body went out cannot be repeated. */
    @Override
    public boolean retriesWrites() {
        return !config.exactlyOnce();
    }

    @Override
    public long sizeOf(RowData row) {
        return sizes.of(row);
    }

    /** With a key, the buffer holds each key's last change (a delete for an UPDATE_BEFORE). */
    @Override
    public Object keyOf(RowData row) {
        return keys.keyOf(row);
    }

    private String location() {
        return config.database() + "." + config.table();
    }

    private Map<String, String> headers(String label, Map<String, String> more) {
        Map<String, String> headers = new LinkedHashMap<>(more);
        headers.put("label", label);
        headers.put("db", config.database());
        headers.put("table", config.table());
        return headers;
    }

    // ------------------------------------------------------------------ writing

    @Override
    public List<Rejected> write(Batch<RowData> batch) throws IOException, InterruptedException {
        List<Rejected> rejected = new ArrayList<>();
        List<RowData> rows = new ArrayList<>(batch.rows().size());
        for (RowData row : batch.rows()) {
            try {
                encoder.check(row);
                rows.add(row);
            } catch (UnencodableRowException e) {
                rejected.add(new Rejected(location(), encoder.describe(row), "encoding", e));
            }
        }
        if (rows.isEmpty()) {
            return rejected;
        }
        LoadAnswer answer = config.exactlyOnce() ? loadIntoTransaction(rows) : streamLoad(rows);
        if (answer != null) {
            rejected.addAll(FilteredRows.of(answer, location(), client));
        }
        return rejected;
    }

    /** One Stream Load; null when an earlier attempt of this batch loaded it (answer lost). */
    private LoadAnswer streamLoad(List<RowData> rows) throws IOException, InterruptedException {
        String label = Labels.of(config.labelPrefix(), config.table(), run, subtask, nextNumber);
        RowsBody body = new RowsBody(rows, encoder);
        LoadAnswer answer =
                client.streamLoad(
                        config.database(), config.table(), headers(label, loadHeaders), body);
        bytesWritten += body.bytes();
        if (answer.is("Success")) {
            nextNumber++;
            return answer;
        }
        if (answer.is("Publish Timeout")) {
            LOG.warn(
                    "The load {} into {} is committed but not yet visible (Publish Timeout); "
                            + "StarRocks publishes it later.",
                    label,
                    describe());
            nextNumber++;
            return answer;
        }
        if (answer.labelAlreadyExists()) {
            awaitEarlierAttempt(label);
            nextNumber++;
            return null;
        }
        if (answer.is("Fail")
                && answer.filteredRows() > 0
                && answer.loadedRows() == 0
                && answer.filteredRows() >= answer.totalRows()) {
            nextNumber++; // every row was bad: they all go to dirty storage
            return answer;
        }
        // the label of a failed load is free again: the retry sends the batch under it
        throw new StreamLoadException(
                "The Stream Load "
                        + label
                        + " into "
                        + describe()
                        + " failed on "
                        + answer.node()
                        + ": "
                        + answer.describe(),
                Kind.TRANSIENT,
                true);
    }

    /**
     * A retry met the label of its own earlier attempt, whose answer was lost: finished is done;
     * running is waited for; aborted is sent again (by failing this attempt transiently).
     */
    private void awaitEarlierAttempt(String label) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + RUNNING_LABEL_WAIT_MILLIS;
        while (true) {
            String state = client.loadState(config.database(), label);
            switch (state) {
                case "VISIBLE", "COMMITTED", "FINISHED" -> {
                    LOG.warn(
                            "The load {} into {} had been done by an earlier attempt of the same "
                                    + "batch whose answer was lost; rows StarRocks may have "
                                    + "filtered in it are not known.",
                            label,
                            describe());
                    return;
                }
                case "ABORTED", "CANCELLED", "UNKNOWN" ->
                        throw new StreamLoadException(
                                "The earlier attempt of load "
                                        + label
                                        + " was aborted; loading again",
                                Kind.TRANSIENT,
                                false);
                default -> {
                    if (System.currentTimeMillis() > deadline) {
                        throw new StreamLoadException(
                                "The earlier attempt of load "
                                        + label
                                        + " into "
                                        + describe()
                                        + " is still "
                                        + state
                                        + " after "
                                        + RUNNING_LABEL_WAIT_MILLIS / 1000
                                        + " s",
                                Kind.TRANSIENT,
                                false);
                    }
                    Thread.sleep(500);
                }
            }
        }
    }

    private LoadAnswer loadIntoTransaction(List<RowData> rows)
            throws IOException, InterruptedException {
        String label = openLabel;
        String what = "Loading " + rows.size() + " rows into transaction " + label;
        try {
            return ownRetries.run(
                    what,
                    StreamLoadErrors.REPEATABLE,
                    RetryPolicy.Recovery.NOTHING,
                    () -> {
                        RowsBody body = new RowsBody(rows, encoder);
                        LoadAnswer answer =
                                client.transaction("load", headers(label, loadHeaders), body);
                        bytesWritten += body.bytes();
                        if (answer.txnInProcessing()) {
                            throw new StreamLoadException(
                                    answer.node() + " answered " + answer.describe(),
                                    Kind.TRANSIENT,
                                    false);
                        }
                        if (!answer.is("OK")) {
                            throw new StreamLoadException(
                                    "StarRocks refused a load into the transaction "
                                            + label
                                            + ": "
                                            + answer.node()
                                            + " answered "
                                            + answer.describe()
                                            + "; StarRocks aborts the transaction",
                                    Kind.PERMANENT,
                                    true);
                        }
                        return answer;
                    });
        } catch (IOException e) {
            throw new IOException(
                    e.getMessage()
                            + ". The job restarts from its last checkpoint: the transaction is "
                            + "rolled back and its rows are written again.",
                    e.getCause() == null ? e : e.getCause());
        }
    }

    // ------------------------------------------------------------------ transactions

    @Override
    public void begin(long checkpointId) throws IOException, InterruptedException {
        if (!config.exactlyOnce()) {
            return;
        }
        String label = Labels.of(config.labelPrefix(), config.table(), run, subtask, nextNumber);
        transaction(
                Call.BEGIN,
                label,
                config.beginHeaders(),
                // begun by an attempt whose answer was lost
                answer ->
                        answer.labelAlreadyExists()
                                && "PREPARE".equals(client.loadState(config.database(), label)));
        nextNumber++;
        openLabel = label;
        LOG.debug("Began {} for checkpoint {}", label, checkpointId);
    }

    @Override
    public Collection<StarRocksCommittable> prepareCommit()
            throws IOException, InterruptedException {
        if (openLabel == null) {
            return List.of();
        }
        String label = openLabel;
        transaction(Call.PREPARE, label, config.prepareHeaders(), answer -> false);
        openLabel = null;
        return List.of(new StarRocksCommittable(config.database(), config.table(), label));
    }

    /** The calls of the transaction interface the writer makes, with their words for messages. */
    private enum Call {
        BEGIN("begin", "begin", "Beginning"),
        PREPARE("prepare", "prepare", "Preparing"),
        ROLLBACK("rollback", "roll back", "Rolling back");

        final String operation;
        final String verb;
        final String doing;

        Call(String operation, String verb, String doing) {
            this.operation = operation;
            this.verb = verb;
            this.doing = doing;
        }
    }

    /** Whether an answer other than OK means the call's work is done anyway. */
    @FunctionalInterface
    private interface AlsoDone {
        boolean test(LoadAnswer answer) throws IOException;
    }

    /**
     * One call of the transaction interface ({@code begin}, {@code prepare}, {@code rollback}) with
     * the writer's retries: {@code TXN_IN_PROCESSING}, 5xx and lost connections are tried again;
     * any answer but OK (or what {@code alsoDone} accepts) is refused.
     */
    private void transaction(
            Call call, String label, Map<String, String> extraHeaders, AlsoDone alsoDone)
            throws IOException, InterruptedException {
        ownRetries.run(
                call.doing + " the transaction " + label + " of " + describe(),
                StreamLoadErrors.CLASSIFIER,
                RetryPolicy.Recovery.NOTHING,
                () -> {
                    LoadAnswer answer =
                            client.transaction(call.operation, headers(label, extraHeaders), null);
                    if (answer.is("OK")) {
                        return null;
                    }
                    if (answer.txnInProcessing()) {
                        throw retryLater(answer);
                    }
                    if (alsoDone.test(answer)) {
                        return null;
                    }
                    throw refused(call.verb, label, answer);
                });
    }

    private static StreamLoadException refused(String action, String label, LoadAnswer answer) {
        return new StreamLoadException(
                "StarRocks refused to "
                        + action
                        + " the transaction "
                        + label
                        + ": "
                        + answer.node()
                        + " answered "
                        + answer.describe(),
                Kind.PERMANENT,
                false);
    }

    static StreamLoadException retryLater(LoadAnswer answer) {
        return new StreamLoadException(
                answer.node() + " answered " + answer.describe(), Kind.TRANSIENT, false);
    }

    @Override
    public List<StarRocksWriterState> snapshotState(long checkpointId) {
        return List.of(
                new StarRocksWriterState(
                        config.labelPrefix(), config.table(), run, subtask, nextNumber));
    }

    /**
     * With exactly-once: for each state this writer restores, tries the labels from the state's
     * next number on and rolls back the open and prepared transactions among them (begun after the
     * checkpoint, so never committed), until a label is unknown. A committed one means the job was
     * restored from an older checkpoint or savepoint than the last: it is left, with a warning.
     */
    @Override
    public void abortLeftovers(Restore<StarRocksWriterState> restore)
            throws IOException, InterruptedException {
        if (!config.exactlyOnce()) {
            return;
        }
        for (StarRocksWriterState state : restore.states()) {
            for (long n = state.nextNumber(); ; n++) {
                String label =
                        Labels.of(
                                state.labelPrefix(),
                                state.table(),
                                state.run(),
                                state.subtask(),
                                n);
                String labelState =
                        ownRetries.run(
                                "Looking up the label " + label + " on " + describe(),
                                StreamLoadErrors.CLASSIFIER,
                                RetryPolicy.Recovery.NOTHING,
                                () -> client.loadState(config.database(), label));
                if (labelState.equals("UNKNOWN")) {
                    break;
                }
                switch (labelState) {
                    case "PREPARE", "PREPARED" -> rollback(label);
                    case "COMMITTED", "VISIBLE" ->
                            LOG.warn(
                                    "The transaction {} of {} began after the restored checkpoint "
                                            + "but is committed: the job was restored from an older "
                                            + "checkpoint or savepoint than its last; its rows stay.",
                                    label,
                                    describe());
                    default -> {}
                }
            }
        }
    }

    private void rollback(String label) throws IOException, InterruptedException {
        transaction(Call.ROLLBACK, label, Map.of(), answer -> false);
        LOG.info("Rolled back {} of {}, left by an earlier attempt", label, describe());
    }

    @Override
    public boolean countsBytes() {
        return true;
    }

    @Override
    public long takeBytesWritten() {
        long bytes = bytesWritten;
        bytesWritten = 0;
        return bytes;
    }

    /** Rolls back the open transaction (once, no retries: a restore finds it otherwise). */
    @Override
    public void close() throws IOException {
        try {
            if (openLabel != null) {
                try {
                    client.transaction("rollback", headers(openLabel, Map.of()), null);
                } catch (IOException e) {
                    LOG.info(
                            "Rolling back {} on close failed ({}); a restored job or StarRocks' "
                                    + "timeout aborts it",
                            openLabel,
                            e.getMessage());
                }
                openLabel = null;
            }
        } finally {
            client.close();
        }
    }
}
