package org.flinkx.connector.es.source.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.flink.annotation.Internal;
import org.apache.hc.core5.http.ContentType;
import org.flinkx.connector.es.client.EsClient;
import org.flinkx.connector.es.client.ServerInfo;

/**
 * How a distribution opens and closes a point in time (the searches on it are the same: {@code
 * "pit": {"id": .., "keep_alive": ..}} in the body of {@code POST /_search}, whose answer carries
 * the id to use next as {@code pit_id}).
 */
@Internal
public enum PointInTimeApi {

    /** {@code POST /<index>/_pit} answers {@code id}; {@code DELETE /_pit {"id": ..}}. */
    ELASTICSEARCH("/_pit", "id") {
        @Override
        ObjectNode closeBody(String id) {
            ObjectNode body = EsClient.JSON.createObjectNode();
            body.put("id", id);
            return body;
        }
    },

    /**
     * {@code POST /<index>/_search/point_in_time} answers {@code pit_id}; {@code DELETE
     * /_search/point_in_time {"pit_id": [..]}}.
     */
    OPENSEARCH("/_search/point_in_time", "pit_id") {
        @Override
        ObjectNode closeBody(String id) {
            ObjectNode body = EsClient.JSON.createObjectNode();
            body.putArray("pit_id").add(id);
            return body;
        }
    };

    private final String endpoint;
    private final String idField;

    PointInTimeApi(String endpoint, String idField) {
        this.endpoint = endpoint;
        this.idField = idField;
    }

    public static PointInTimeApi of(ServerInfo server) {
        return server.openSearch() ? OPENSEARCH : ELASTICSEARCH;
    }

    /** Opens a point in time over the index expression; returns its id. */
    public String open(EsClient client, String index, Duration keepAlive) throws IOException {
        JsonNode answer =
                client.json(
                        "POST",
                        "/"
                                + SearchRequests.indexPath(index)
                                + endpoint
                                + "?keep_alive="
                                + SearchRequests.keepAlive(keepAlive),
                        null);
        String id = answer.path(idField).asText(null);
        if (id == null || id.isEmpty()) {
            throw new IOException(
                    "Opening a point in time answered no '" + idField + "': " + answer);
        }
        return id;
    }

    /** Closes a point in time; one that is gone already is fine. */
    public void close(EsClient client, String id) throws IOException {
        EsClient.Answer answer =
                client.perform(
                        "DELETE",
                        endpoint,
                        EsClient.JSON
                                .writeValueAsString(closeBody(id))
                                .getBytes(StandardCharsets.UTF_8),
                        ContentType.APPLICATION_JSON);
        if (answer.isError() && answer.status() != 404) {
            answer.throwIfError("DELETE", endpoint);
        }
    }

    abstract ObjectNode closeBody(String id);
}
