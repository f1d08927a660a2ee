package org.flinkx.connector.es.source.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.flinkx.connector.es.client.EsClient;
import org.flinkx.connector.es.client.EsException;
import org.flinkx.connector.es.convert.HitConverter;

/** The parts of the source's search requests that the point-in-time and scroll reads share. */
@Internal
public final class SearchRequests {

    private SearchRequests() {}

    /**
     * The body of a slice's searches: {@code size}, {@code slice} (left out when there is one
     * slice: a slice of 1 is refused or pointless), {@code sort}, the {@code _source} includes (the
     * columns' names; {@code false} when only metadata is read), the {@code query} ({@code
     * match_all} without one) and {@code track_scores} when {@code _score} is read (a sorted search
     * scores nothing otherwise).
     */
    public static ObjectNode body(
            int fetchSize,
            int slice,
            int slices,
            SearchSort sort,
            List<String> sourceFields,
            @Nullable JsonNode query,
            List<String> metadata) {
        ObjectNode body = EsClient.JSON.createObjectNode();
        body.put("size", fetchSize);
        if (slices > 1) {
            body.putObject("slice").put("id", slice).put("max", slices);
        }
        body.set("sort", sort.json());
        if (sourceFields.isEmpty()) {
            body.put("_source", false);
        } else {
            ArrayNode includes = body.putArray("_source");
            sourceFields.forEach(includes::add);
        }
        if (query != null) {
            body.set("query", query);
        } else {
            body.putObject("query").putObject("match_all");
        }
        if (metadata.contains(HitConverter.SCORE)) {
            body.put("track_scores", true);
        }
        return body;
    }

    /** The query DSL text as JSON (null for none). */
    @Nullable
    public static JsonNode query(@Nullable String query) throws IOException {
        if (query == null || query.isBlank()) {
            return null;
        }
        JsonNode node = EsClient.JSON.readTree(query);
        if (!node.isObject()) {
            throw new IOException("'scan.query' is not a JSON object: " + query);
        }
        return node;
    }

    /** A keep-alive as the REST API takes it: {@code 300000ms}. */
    public static String keepAlive(Duration keepAlive) {
        return Math.max(1, keepAlive.toMillis()) + "ms";
    }

    /**
     * An index expression as a path segment: characters other than letters, digits, {@code -_.*,+}
     * are percent-encoded (date math such as {@code <logs-{now/d}>}).
     */
    public static String indexPath(String index) {
        StringBuilder path = new StringBuilder();
        for (byte b : index.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "-_.*,+".indexOf(c) >= 0) {
                path.append(c);
            } else {
                path.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return path.toString();
    }

    /**
     * Whether an error says that the point in time or scroll of a search is gone (it expired after
     * {@code scan.keep-alive} without a request, or was closed, or its node restarted): a {@code
     * search_context_missing_exception}, which both distributions answer with 404 (for all shards)
     * or report as the failure of some shards; any other 404 but a missing index.
     */
    public static boolean isContextMissing(EsException error) {
        String type = error.type();
        String message = String.valueOf(error.getMessage());
        if ("search_context_missing_exception".equals(type)
                || message.contains("search_context_missing_exception")
                || message.contains("No search context found")) {
            return true;
        }
        return error.status() == 404 && !"index_not_found_exception".equals(type);
    }
}
