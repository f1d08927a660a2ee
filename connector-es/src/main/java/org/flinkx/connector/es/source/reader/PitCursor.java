package org.flinkx.connector.es.source.reader;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.hc.core5.http.ContentType;
import org.flinkx.connector.common.error.UnrecoverableException;
import org.flinkx.connector.es.client.EsClient;
import org.flinkx.connector.es.client.EsException;
import org.flinkx.connector.es.convert.HitConverter;
import org.flinkx.connector.es.source.search.PointInTimeApi;
import org.flinkx.connector.es.source.search.SearchPage;
import org.flinkx.connector.es.source.search.SearchPage.Hit;
import org.flinkx.connector.es.source.search.SearchRequests;
import org.flinkx.connector.es.source.search.SearchSort;
import org.flinkx.connector.es.source.search.SortValues;
import org.flinkx.connector.es.source.split.EsSplit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a slice in its point in time with {@code search_after}: each search goes on after the last
 * hit of the one before (a resumed split: after its checkpointed position), with the point-in-time
 * id the last answer named. A page without hits ends the slice (a short page does not: slices of a
 * point in time may answer fewer hits than asked before their end).
 *
 * <p>When the point in time is gone (it expired {@code scan.keep-alive} after its last search, for
 * example while the job was down, or it was closed), a slice sorted on {@code _index} and {@code
 * _id} goes on in a new point in time from the same position, with a warning: the rest of the slice
 * is read as the index is now. A position of {@code _shard_doc} means nothing in another point in
 * time: such a slice fails the job, naming {@code scan.keep-alive}.
 */
final class PitCursor implements SliceCursor {

    private static final Logger LOG = LoggerFactory.getLogger(PitCursor.class);

    private final EsClient client;
    private final EsSplit split;
    private final ObjectNode body;
    private final HitConverter converter;
    private final SearchSort sort;
    private final PointInTimeApi api;
    private final Duration keepAlive;
    private String pitId;
    private List<Object> after;

    PitCursor(
            EsClient client,
            EsSplit split,
            ObjectNode body,
            HitConverter converter,
            SearchSort sort,
            PointInTimeApi api,
            Duration keepAlive) {
        this.client = client;
        this.split = split;
        this.body = body;
        this.converter = converter;
        this.sort = sort;
        this.api = api;
        this.keepAlive = keepAlive;
        this.pitId = split.pitId();
        this.after = split.sortValues();
        if (!after.isEmpty() && after.size() != sort.arity()) {
            throw new UnrecoverableException(
                    "The position "
                            + after
                            + " of "
                            + split
                            + " is not one of the sort "
                            + sort
                            + " this server is read with (was the cluster upgraded since the "
                            + "checkpoint?); start the job anew.",
                    null);
        }
    }

    @Nullable
    @Override
    public List<Hit> next() throws IOException {
        SearchPage page;
        try {
            page = search();
        } catch (EsException e) {
            if (!SearchRequests.isContextMissing(e)) {
                throw e;
            }
            reopen(e);
            page = search();
        }
        if (page.pitId() != null) {
            pitId = page.pitId();
        }
        if (page.hits().isEmpty()) {
            return null;
        }
        after = SliceCursor.checkOrder(page.hits(), after);
        return page.hits();
    }

    private SearchPage search() throws IOException {
        ObjectNode request = body.deepCopy();
        request.putObject("pit")
                .put("id", pitId)
                .put("keep_alive", SearchRequests.keepAlive(keepAlive));
        if (!after.isEmpty()) {
            request.set("search_after", SortValues.toJson(after));
        }
        request.put("track_total_hits", false);
        EsClient.Answer answer =
                client.perform(
                        "POST",
                        "/_search",
                        EsClient.JSON.writeValueAsBytes(request),
                        ContentType.APPLICATION_JSON);
        answer.throwIfError("POST", "/_search");
        return SearchPage.parse(answer.body(), converter);
    }

    private void reopen(EsException gone) throws IOException {
        if (!after.isEmpty() && !sort.meaningfulInAnyView()) {
            throw new UnrecoverableException(
                    "The point in time of "
                            + split
                            + " is gone ("
                            + gone.getMessage()
                            + "). It expires 'scan.keep-alive' = "
                            + keepAlive
                            + " after its last search, and a position sorted on "
                            + sort
                            + " means nothing in a new one: run the job again (with a longer "
                            + "'scan.keep-alive' if it was down or stalled longer).",
                    gone);
        }
        pitId = api.open(client, split.index(), keepAlive);
        LOG.warn(
                "The point in time of {} is gone ({}); the rest of the slice is read in a new point "
                        + "in time, a newer view of '{}' (documents changed since the job began are "
                        + "read as they are now). Raise 'scan.keep-alive' (now {}) if the job was "
                        + "down or stalled longer.",
                split,
                gone.getMessage(),
                split.index(),
                keepAlive);
    }

    @Nullable
    @Override
    public String pitId() {
        return pitId;
    }

    @Override
    public void close() {
        // The point in time is shared by the slices and expires on its own (see the enumerator).
    }
}
