package org.flinkx.connector.es.source.reader;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.hc.core5.http.ContentType;
import org.flinkx.connector.common.error.UnrecoverableException;
import org.flinkx.connector.es.client.EsClient;
import org.flinkx.connector.es.client.EsException;
import org.flinkx.connector.es.convert.HitConverter;
import org.flinkx.connector.es.source.search.SearchPage;
import org.flinkx.connector.es.source.search.SearchPage.Hit;
import org.flinkx.connector.es.source.search.SearchRequests;
import org.flinkx.connector.es.source.search.SearchSort;
import org.flinkx.connector.es.source.search.SortValues;
import org.flinkx.connector.es.source.split.EsSplit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a slice by a sliced scroll sorted on {@code _index} and {@code _id} (a scroll refuses
 * {@code search_after}). A resumed split opens a new scroll of its slice and skips every hit up to
 * its checkpointed position (the slice holds the same documents: slicing hashes {@code _id}); a
 * scroll that is gone mid-slice is opened anew the same way, skipping up to the last hit read. The
 * scroll is cleared when the slice ends or the reader closes.
 */
final class ScrollCursor implements SliceCursor {

    private static final Logger LOG = LoggerFactory.getLogger(ScrollCursor.class);

    private final EsClient client;
    private final String describe;
    private final String index;
    private final ObjectNode body;
    private final HitConverter converter;
    private final Duration keepAlive;
    @Nullable private String scrollId;

    /** The position hits are skipped up to (inclusive), or null once past it. */
    @Nullable private List<Object> skipUpTo;

    @Nullable private List<Object> lastRead;
    private long skipped;

    ScrollCursor(
            EsClient client,
            EsSplit split,
            ObjectNode body,
            HitConverter converter,
            Duration keepAlive) {
        this.client = client;
        this.describe = split.toString();
        this.index = split.index();
        this.body = body;
        this.converter = converter;
        this.keepAlive = keepAlive;
        List<Object> position = split.sortValues();
        this.skipUpTo = position.isEmpty() ? null : position;
        if (skipUpTo != null && skipUpTo.size() != SearchSort.INDEX_AND_ID.arity()) {
            throw new UnrecoverableException(
                    "The position "
                            + position
                            + " of "
                            + describe
                            + " is not one of the scroll's sort "
                            + SearchSort.INDEX_AND_ID
                            + "; start the job anew.",
                    null);
        }
    }

    @Nullable
    @Override
    public List<Hit> next() throws IOException {
        SearchPage page;
        try {
            page = scrollId == null ? open() : scroll();
        } catch (EsException e) {
            if (scrollId == null || !SearchRequests.isContextMissing(e)) {
                throw e;
            }
            LOG.warn(
                    "The scroll of {} is gone ({}); the rest of the slice is read in a new scroll "
                            + "(a newer view of '{}'), skipping up to the last hit read {}. Raise "
                            + "'scan.keep-alive' (now {}) if the job stalled longer.",
                    describe,
                    e.getMessage(),
                    index,
                    lastRead,
                    keepAlive);
            scrollId = null;
            if (lastRead != null
                    && (skipUpTo == null || SortValues.compare(lastRead, skipUpTo) > 0)) {
                skipUpTo = lastRead;
            }
            lastRead = null;
            page = open();
        }
        if (page.scrollId() != null) {
            scrollId = page.scrollId();
        }
        List<Hit> hits = page.hits();
        if (hits.isEmpty()) {
            doneSkipping();
            return null;
        }
        lastRead = SliceCursor.checkOrder(hits, lastRead);
        if (skipUpTo == null) {
            return hits;
        }
        List<Hit> kept = new ArrayList<>(hits.size());
        for (Hit hit : hits) {
            if (SortValues.compare(hit.sort(), skipUpTo) <= 0) {
                skipped++;
            } else {
                kept.add(hit);
            }
        }
        if (!kept.isEmpty()) {
            doneSkipping();
        }
        return kept;
    }

    private void doneSkipping() {
        if (skipUpTo != null) {
            LOG.info(
                    "{}: the new scroll skipped {} hits up to the position {}",
                    describe,
                    skipped,
                    skipUpTo);
            skipUpTo = null;
            skipped = 0;
        }
    }

    private SearchPage open() throws IOException {
        String path =
                "/"
                        + SearchRequests.indexPath(index)
                        + "/_search?scroll="
                        + SearchRequests.keepAlive(keepAlive);
        return send("POST", path, body);
    }

    private SearchPage scroll() throws IOException {
        ObjectNode request = EsClient.JSON.createObjectNode();
        request.put("scroll", SearchRequests.keepAlive(keepAlive));
        request.put("scroll_id", scrollId);
        return send("POST", "/_search/scroll", request);
    }

    private SearchPage send(String method, String path, ObjectNode request) throws IOException {
        EsClient.Answer answer =
                client.perform(
                        method,
                        path,
                        EsClient.JSON.writeValueAsBytes(request),
                        ContentType.APPLICATION_JSON);
        answer.throwIfError(method, path);
        return SearchPage.parse(answer.body(), converter);
    }

    @Nullable
    @Override
    public String pitId() {
        return null;
    }

    @Override
    public void close() {
        if (scrollId == null) {
            return;
        }
        ObjectNode request = EsClient.JSON.createObjectNode();
        request.putArray("scroll_id").add(scrollId);
        scrollId = null;
        try {
            EsClient.Answer answer =
                    client.perform(
                            "DELETE",
                            "/_search/scroll",
                            EsClient.JSON.writeValueAsBytes(request),
                            ContentType.APPLICATION_JSON);
            if (answer.isError() && answer.status() != 404) {
                LOG.warn(
                        "Clearing the scroll of {} failed (it expires after {}): {}",
                        describe,
                        keepAlive,
                        answer.error("DELETE", "/_search/scroll").getMessage());
            }
        } catch (IOException e) {
            LOG.warn(
                    "Clearing the scroll of {} failed (it expires after {}): {}",
                    describe,
                    keepAlive,
                    e.getMessage());
        }
    }
}
