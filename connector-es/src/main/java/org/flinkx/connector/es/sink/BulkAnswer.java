package org.flinkx.connector.es.sink;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.apache.flink.annotation.Internal;
import org.flinkx.connector.es.client.EsClient;
import org.flinkx.connector.es.client.EsErrors;
import org.flinkx.connector.es.client.EsException;

/**
 * The per-item results of a {@code _bulk} answer (asked for with {@code filter_path}, so only
 * {@code errors} and each item's status and error come back). Items are in the order of the
 * request's actions.
 */
@Internal
final class BulkAnswer {

    /** The query string of every bulk request: the answer's parts this class reads. */
    static final String FILTER = "filter_path=errors,items.*.status,items.*.error";

    private final JsonNode items;

    private BulkAnswer(JsonNode items) {
        this.items = items;
    }

    static BulkAnswer parse(byte[] body) throws IOException {
        JsonNode root = EsClient.JSON.readTree(body);
        return new BulkAnswer(root.path("errors").asBoolean(false) ? root.path("items") : null);
    }

    /** Whether every item succeeded. */
    boolean allSucceeded() {
        return items == null;
    }

    int status(int item) {
        return result(item).path("status").asInt(0);
    }

    /** Whether the item was applied (a delete of a document that is not there counts). */
    boolean succeeded(int item) {
        int status = status(item);
        return (status >= 200 && status < 300) || (status == 404 && isDelete(item));
    }

    /** Whether sending the item again may succeed (a full queue, a node restarting). */
    boolean isTransient(int item) {
        return EsErrors.isTransientStatus(status(item));
    }

    /** The item's error as the cluster described it. */
    EsException error(int item) {
        JsonNode error = result(item).path("error");
        String type = error.path("type").asText(null);
        StringBuilder message = new StringBuilder();
        message.append('[').append(type).append("] ").append(error.path("reason").asText(""));
        for (JsonNode cause = error.path("caused_by");
                cause.isObject();
                cause = cause.path("caused_by")) {
            message.append("; caused by [")
                    .append(cause.path("type").asText())
                    .append("] ")
                    .append(cause.path("reason").asText(""));
        }
        return new EsException(message.toString(), status(item), type);
    }

    private boolean isDelete(int item) {
        return items.path(item).has("delete");
    }

    private JsonNode result(int item) {
        JsonNode entry = items.path(item);
        // one field: index, create, update or delete
        return entry.isObject() && entry.size() > 0 ? entry.elements().next() : entry;
    }
}
