package org.flinkx.connector.es.sink;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.RowData;
import org.apache.flink.types.RowKind;
import org.flinkx.connector.common.dirty.RowText;
import org.flinkx.connector.common.metrics.RowSizes;
import org.flinkx.connector.common.retry.ErrorClassifier;
import org.flinkx.connector.common.retry.RetryPolicy;
import org.flinkx.connector.common.sink.Batch;
import org.flinkx.connector.common.sink.Rejected;
import org.flinkx.connector.common.sink.TargetWriter;
import org.flinkx.connector.es.client.EsClient;
import org.flinkx.connector.es.client.EsErrors;
import org.flinkx.connector.es.client.EsException;
import org.flinkx.connector.es.convert.DocumentWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes batches as {@code _bulk} requests, under {@link
 * org.flinkx.connector.common.sink.FlinkxSinkWriter}. With a key, inserts and updates are upserts
 * ({@code update} + {@code doc_as_upsert}) and deletes delete; without, rows are indexed with
 * generated ids. Each item's result is read: items refused for a while (429, 5xx) are sent again
 * alone after the backoff, and the whole request when the cluster refused it as a whole; items
 * refused for their content (a mapping error, a bad value) go to dirty storage with the cluster's
 * error. This writer retries itself ({@link #retriesWrites()} is false), because sending a whole
 * batch again would repeat the items that succeeded (documents with generated ids twice); when the
 * retries are used up, the job fails and restarts from its last checkpoint.
 */
@Internal
final class EsWriter implements TargetWriter<RowData, Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(EsWriter.class);

    private final EsSinkConfig config;
    private final IndexName indexName;
    private final DocumentIds ids;
    private final RowSizes sizes;
    private final RowText rowText;
    private final RetryPolicy retries;
    private final EsClient client;
    private final BulkBody body;
    private final String path;

    /** The indices written since the start (for the refresh at the end of a bounded input). */
    private final Set<String> written = new TreeSet<>();

    EsWriter(EsSinkConfig config) throws IOException {
        this.config = config;
        this.indexName = IndexName.parse(config.index(), config.rowType());
        this.ids = DocumentIds.of(config.rowType(), config.keys(), config.keyDelimiter());
        this.sizes = RowSizes.forType(config.rowType());
        this.rowText = RowText.of(config.rowType());
        this.retries =
                new RetryPolicy(config.buffer().maxRetries(), config.buffer().retryBackoff());
        this.client = new EsClient(config.connection());
        this.body = new BulkBody(new DocumentWriter(config.rowType()));
        this.path = "/_bulk?" + BulkAnswer.FILTER;
    }

    @Override
    public String describe() {
        return "index " + config.index() + " at " + config.connection().describe();
    }

    @Override
    public ErrorClassifier errors() {
        return EsErrors.INSTANCE;
    }

    @Override
    public boolean retriesWrites() {
        return false;
    }

    @Override
    public long sizeOf(RowData row) {
        return sizes.of(row);
    }

    /** With a key, the buffer keeps each document's last change only. */
    @Override
    public Object keyOf(RowData row) {
        if (!ids.isKeyed()) {
            return null;
        }
        String id = ids.of(row);
        return indexName.isDynamic() ? indexOrNull(row) + '\u0000' + id : id;
    }

    private String indexOrNull(RowData row) {
        try {
            return indexName.of(row);
        } catch (RuntimeException e) {
            return null; // refused when the batch is written
        }
    }

    @Override
    public List<Rejected> write(Batch<RowData> batch) throws Exception {
        List<RowData> rows = batch.rows();
        List<Rejected> rejected = new ArrayList<>();
        body.reset();
        int[] rowOfAction = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            RowData row = rows.get(i);
            try {
                String index = indexName.of(row);
                BulkBody.Action action = actionOf(row.getRowKind());
                if (action == null) {
                    continue; // UPDATE_BEFORE: the UPDATE_AFTER that follows writes the document
                }
                body.add(action, index, ids.of(row), row);
                written.add(index);
                rowOfAction[body.actions() - 1] = i;
            } catch (IOException | RuntimeException e) {
                rejected.add(new Rejected(config.index(), rowText.render(row), "encoding", e));
            }
        }
        if (body.actions() > 0) {
            send(rows, rowOfAction, rejected);
        }
        return rejected;
    }

    private BulkBody.Action actionOf(RowKind kind) {
        if (!ids.isKeyed()) {
            if (kind == RowKind.INSERT || kind == RowKind.UPDATE_AFTER) {
                return BulkBody.Action.INDEX;
            }
            throw new IllegalArgumentException(
                    "A " + kind + " row needs a PRIMARY KEY (the document id) to be applied");
        }
        return switch (kind) {
            case INSERT, UPDATE_AFTER -> BulkBody.Action.UPSERT;
            case DELETE -> BulkBody.Action.DELETE;
            case UPDATE_BEFORE -> null;
        };
    }

    /**
     * Sends the body, then again the items refused for a while, until all are applied or refused
     * for good, or the retries are used up.
     */
    private void send(List<RowData> rows, int[] rowOfAction, List<Rejected> rejected)
            throws IOException, InterruptedException {
        int[] pending = new int[body.actions()];
        int count = body.actions();
        for (int i = 0; i < count; i++) {
            pending[i] = i;
        }
        byte[] bytes = body.toByteArray();
        for (int attempt = 0; ; attempt++) {
            Exception failure;
            try {
                EsClient.Answer answer = client.perform("POST", path, bytes, EsClient.NDJSON);
                if (!answer.isError()) {
                    BulkAnswer result = BulkAnswer.parse(answer.body());
                    if (result.allSucceeded()) {
                        return;
                    }
                    int retry = 0;
                    EsException lastTransient = null;
                    for (int i = 0; i < count; i++) {
                        int action = pending[i];
                        if (result.succeeded(i)) {
                            continue;
                        }
                        if (result.isTransient(i)) {
                            pending[retry++] = action;
                            lastTransient = result.error(i);
                        } else {
                            RowData row = rows.get(rowOfAction[action]);
                            rejected.add(
                                    new Rejected(
                                            config.index(),
                                            rowText.render(row),
                                            "write",
                                            result.error(i)));
                        }
                    }
                    if (retry == 0) {
                        return;
                    }
                    count = retry;
                    bytes = body.slices(pending, count);
                    failure = lastTransient;
                } else {
                    EsException error = answer.error("POST", "/_bulk");
                    if (!EsErrors.isTransientStatus(answer.status())) {
                        throw error;
                    }
                    failure = error;
                }
            } catch (EsException e) {
                throw e;
            } catch (IOException e) {
                failure = e; // lost connection, timeout: the items may or may not be applied
            }
            if (attempt >= retries.maxRetries()) {
                throw new IOException(
                        "Writing to "
                                + describe()
                                + ": "
                                + count
                                + " actions still refused after "
                                + attempt
                                + " retries: "
                                + failure.getMessage(),
                        failure);
            }
            LOG.warn(
                    "{} of the bulk request's actions to {} were refused ({}); sending them again "
                            + "in {} ms (retry {} of {})",
                    count,
                    describe(),
                    failure.getMessage(),
                    retries.delay(attempt + 1).toMillis(),
                    attempt + 1,
                    retries.maxRetries());
            Thread.sleep(retries.delay(attempt + 1).toMillis());
        }
    }

    /**
     * A bounded input has ended: refreshes the indices it wrote, so the documents can be searched
     * at once (a job that reads them next finds them all), not only after the indices' refresh
     * interval. A user without the privilege to refresh ({@code maintenance}) gets a warning.
     */
    @Override
    public void endOfInput() throws IOException {
        if (written.isEmpty()) {
            return;
        }
        // many indices named from the rows: all that the pattern can name, in one short path
        String indices =
                written.size() > 50
                        ? config.index().replaceAll("\\{[^}]*}", "*")
                        : String.join(",", written);
        String refresh = "/" + indices + "/_refresh";
        EsClient.Answer answer = client.perform("POST", refresh, null, null);
        if (answer.status() == 401 || answer.status() == 403) {
            LOG.warn(
                    "Cannot refresh {} at the end of the input ({}); its documents become "
                            + "searchable at the index's refresh interval",
                    indices,
                    answer.error("POST", refresh).getMessage());
        } else {
            answer.throwIfError("POST", refresh);
        }
    }

    @Override
    public Collection<Void> prepareCommit() {
        return List.of();
    }

    @Override
    public List<Void> snapshotState(long checkpointId) {
        return List.of();
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
