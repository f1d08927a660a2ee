package org.flinkx.connector.es.source.reader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import javax.annotation.Nullable;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.apache.flink.table.data.GenericRowData;
import org.flinkx.connector.common.error.DirtyDataHandler;
import org.flinkx.connector.common.error.UnrecoverableException;
import org.flinkx.connector.common.ratelimit.Throttle;
import org.flinkx.connector.es.client.EsClient;
import org.flinkx.connector.es.client.EsErrors;
import org.flinkx.connector.es.client.ServerInfo;
import org.flinkx.connector.es.convert.HitConverter;
import org.flinkx.connector.es.source.EsSourceConfig;
import org.flinkx.connector.es.source.search.PointInTimeApi;
import org.flinkx.connector.es.source.search.SearchPage.Hit;
import org.flinkx.connector.es.source.search.SearchRequests;
import org.flinkx.connector.es.source.search.SearchSort;
import org.flinkx.connector.es.source.split.EsSplit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the assigned slices one after another on the fetcher thread: one search request (at most
 * {@code scan.fetch-size} hits) per fetch, so memory stays bounded whatever the index's size. Each
 * hit becomes a row of its {@code _source} fields and metadata columns; a hit whose values do not
 * fit their columns goes to dirty storage (kind {@code conversion-error}) and is not emitted, but
 * the split's position still moves past it. The rate limit is taken per hit (one record, the bytes
 * of its {@code _source}).
 *
 * <p>Errors of the cluster propagate, and Flink restarts the job from its last checkpoint; refused
 * credentials or privileges (401, 403) fail it without restarts.
 */
final class EsSplitReader implements SplitReader<EsRecord, EsSplit> {

    private static final Logger LOG = LoggerFactory.getLogger(EsSplitReader.class);

    static final String CONVERSION_ERROR = "conversion-error";

    private final EsSourceConfig config;
    private final HitConverter converter;
    private final Throttle throttle;
    private final DirtyDataHandler dirty;
    private final Queue<EsSplit> splits = new ArrayDeque<>();

    @Nullable private EsClient client;
    @Nullable private ServerInfo server;
    @Nullable private JsonNode query;
    @Nullable private EsSplit current;
    @Nullable private SliceCursor cursor;
    private long read;

    EsSplitReader(EsSourceConfig config, DirtyDataHandler dirty) {
        this.config = config;
        this.dirty = dirty;
        this.converter = new HitConverter(config.sourceFields(), config.metadata());
        this.throttle = Throttle.of(config.rateLimit());
    }

    @Override
    public RecordsWithSplitIds<EsRecord> fetch() throws IOException {
        RecordsBySplits.Builder<EsRecord> batch = new RecordsBySplits.Builder<>();
        try {
            if (current == null && !openNext()) {
                return batch.build();
            }
            String splitId = current.splitId();
            while (true) {
                List<Hit> hits = cursor.next();
                if (hits == null) {
                    batch.addFinishedSplit(splitId);
                    finishSplit();
                    break;
                }
                if (hits.isEmpty()) {
                    continue; // a page of a resumed scroll, skipped whole
                }
                String pitId = cursor.pitId();
                for (Hit hit : hits) {
                    batch.add(splitId, record(hit, pitId));
                }
                break;
            }
        } catch (IOException e) {
            String message = "Reading " + current + " at " + hosts() + " failed: " + e.getMessage();
            if (EsErrors.INSTANCE.isUnrecoverable(e)) {
                throw new UnrecoverableException(config.connector() + ": " + message, e);
            }
            throw new IOException(message, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while throttled", e);
        }
        return batch.build();
    }

    private EsRecord record(Hit hit, @Nullable String pitId)
            throws IOException, InterruptedException {
        if (throttle != null) {
            throttle.acquire(1, hit.sourceBytes());
        }
        read++;
        if (!hit.hasSource() && config.sourceFields().getFieldCount() > 0) {
            throw new UnrecoverableException(
                    "The hit "
                            + hit.index()
                            + "/"
                            + hit.id()
                            + " has no _source: is _source disabled in the mapping of '"
                            + hit.index()
                            + "'? "
                            + config.connector()
                            + " reads the fields of documents from their _source.",
                    null);
        }
        GenericRowData row;
        try {
            row = hit.toRow(converter);
        } catch (IllegalArgumentException e) {
            dirty.handle(hit.index() + "/" + hit.id(), hit.json(), CONVERSION_ERROR, e);
            return new EsRecord(null, hit.sort(), pitId, 0);
        }
        dirty.recordsProcessed(1);
        return new EsRecord(row, hit.sort(), pitId, hit.sourceBytes());
    }

    private boolean openNext() throws IOException {
        current = splits.poll();
        if (current == null) {
            return false;
        }
        LOG.info("Reading {}", current);
        if (client == null) {
            client = new EsClient(config.connection());
            query = SearchRequests.query(config.query());
        }
        read = current.documentsRead();
        if (current.isScroll()) {
            cursor =
                    new ScrollCursor(
                            client,
                            current,
                            body(SearchSort.INDEX_AND_ID),
                            converter,
                            config.keepAlive());
        } else {
            if (server == null) {
                server = client.info();
            }
            SearchSort sort =
                    SearchSort.forPointInTime(server, client, current.index(), current.slices());
            cursor =
                    new PitCursor(
                            client,
                            current,
                            body(sort),
                            converter,
                            sort,
                            PointInTimeApi.of(server),
                            config.keepAlive());
        }
        return true;
    }

    private ObjectNode body(SearchSort sort) {
        return SearchRequests.body(
                config.fetchSize(),
                current.slice(),
                current.slices(),
                sort,
                config.sourceFields().getFieldNames(),
                query,
                config.metadata());
    }

    private void finishSplit() {
        LOG.info("Finished {} after {} documents", current, read);
        closeCursor();
        current = null;
    }

    private void closeCursor() {
        if (cursor != null) {
            SliceCursor closing = cursor;
            cursor = null;
            closing.close();
        }
    }

    private String hosts() {
        return config.connection().describe();
    }

    @Override
    public void handleSplitsChanges(SplitsChange<EsSplit> change) {
        if (!(change instanceof SplitsAddition)) {
            throw new UnsupportedOperationException(
                    "Unsupported split change " + change.getClass().getSimpleName());
        }
        splits.addAll(change.splits());
    }

    @Override
    public void wakeUp() {
        // fetch() returns after one search request; nothing to interrupt.
    }

    @Override
    public void close() throws Exception {
        try {
            closeCursor();
        } finally {
            if (client != null) {
                client.close();
                client = null;
            }
        }
    }
}
