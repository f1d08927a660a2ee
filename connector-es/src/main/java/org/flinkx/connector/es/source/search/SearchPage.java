package org.flinkx.connector.es.source.search;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.GenericRowData;
import org.flinkx.connector.es.client.EsClient;
import org.flinkx.connector.es.client.EsException;
import org.flinkx.connector.es.convert.HitConverter;
import org.flinkx.connector.es.convert.JsonValues;

/**
 * One answer of a search: its hits, in order, and the scroll or point-in-time id to continue with.
 * The answer is parsed in one streaming pass that reads each hit's {@code _source} into the values
 * of the columns ({@link HitConverter#readSource}, no tree of the document) and notes where each
 * hit and its {@code _source} lie in the bytes, for the rate limit and the metrics (the {@code
 * _source}'s size) and for dirty storage (a bad hit's JSON as the cluster sent it).
 *
 * <p>An answer that some shards failed (status 200, {@code _shards.failed > 0}) holds only part of
 * the hits: it is refused with an {@link EsException} of the failures' type, never read as if it
 * were whole.
 *
 * @param scrollId {@code _scroll_id}, or null
 * @param pitId {@code pit_id}, or null
 */
@Internal
public record SearchPage(List<Hit> hits, @Nullable String scrollId, @Nullable String pitId) {

    /**
     * A hit.
     *
     * @param node the hit but its {@code _source}: {@code _index}, {@code _id}, {@code _score},
     *     {@code sort}
     * @param source the values of the columns in its {@code _source} ({@link
     *     HitConverter#readSource}), null without a {@code _source}
     * @param sort the values of its {@code sort}
     * @param sourceBytes the length of its {@code _source} in the answer (0 without one)
     */
    public record Hit(
            ObjectNode node,
            @Nullable JsonNode[] source,
            List<Object> sort,
            long sourceBytes,
            byte[] answer,
            int start,
            int end) {

        public String index() {
            return node.path("_index").asText();
        }

        public String id() {
            return node.path("_id").asText();
        }

        public boolean hasSource() {
            return source != null;
        }

        /**
         * The hit's row ({@link HitConverter#toRow(JsonNode, JsonNode[])}).
         *
         * @throws IllegalArgumentException when a field's value does not fit its column
         */
        public GenericRowData toRow(HitConverter converter) {
            return converter.toRow(node, source);
        }

        /** The hit's JSON text, as the cluster sent it. */
        public String json() {
            return new String(answer, start, end - start, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return index() + "/" + id() + " " + sort;
        }
    }

    /**
     * Parses an answer of status 200.
     *
     * @throws EsException when shards failed or the search timed out
     */
    public static SearchPage parse(byte[] answer, HitConverter converter) throws IOException {
        List<Hit> hits = List.of();
        String scrollId = null;
        String pitId = null;
        JsonNode shards = null;
        boolean timedOut = false;
        try (JsonParser p = EsClient.JSON.createParser(answer)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("A search answered something else than a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "_scroll_id" -> scrollId = p.getValueAsString();
                    case "pit_id" -> pitId = p.getValueAsString();
                    case "timed_out" -> timedOut = p.getValueAsBoolean();
                    case "_shards" -> shards = EsClient.JSON.readTree(p);
                    case "hits" -> hits = readHits(p, answer, converter);
                    default -> p.skipChildren();
                }
            }
        } catch (IllegalArgumentException e) {
            throw new IOException("A search answer cannot be read: " + e.getMessage(), e);
        }
        checkShards(shards);
        if (timedOut) {
            throw new EsException("The search timed out: its answer is partial", 200, null);
        }
        return new SearchPage(hits, scrollId, pitId);
    }

    private static List<Hit> readHits(JsonParser p, byte[] answer, HitConverter converter)
            throws IOException {
        List<Hit> hits = new ArrayList<>();
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return hits;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken token = p.nextToken();
            if (!name.equals("hits") || token != JsonToken.START_ARRAY) {
                p.skipChildren();
                continue;
            }
            while (p.nextToken() == JsonToken.START_OBJECT) {
                hits.add(readHit(p, answer, converter));
            }
        }
        return hits;
    }

    private static Hit readHit(JsonParser p, byte[] answer, HitConverter converter)
            throws IOException {
        int start = (int) p.currentTokenLocation().getByteOffset();
        ObjectNode node = EsClient.JSON.createObjectNode();
        JsonNode[] source = null;
        long sourceBytes = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            if (name.equals("_source")) {
                long from = p.currentTokenLocation().getByteOffset();
                source = converter.readSource(p);
                sourceBytes = p.currentLocation().getByteOffset() - from;
            } else {
                node.replace(name, JsonValues.read(p));
            }
        }
        int end = (int) p.currentLocation().getByteOffset();
        return new Hit(
                node,
                source,
                SortValues.fromJson(node.get("sort")),
                sourceBytes,
                answer,
                start,
                end);
    }

    private static void checkShards(@Nullable JsonNode shards) throws EsException {
        if (shards == null || shards.path("failed").asInt(0) <= 0) {
            return;
        }
        Set<String> types = new LinkedHashSet<>();
        Set<String> reasons = new LinkedHashSet<>();
        for (JsonNode failure : shards.path("failures")) {
            JsonNode reason = failure.path("reason");
            String type = reason.path("type").asText("");
            types.add(type);
            reasons.add((type.isEmpty() ? "" : "[" + type + "] ") + reason.path("reason").asText());
        }
        throw new EsException(
                shards.path("failed").asInt()
                        + " of "
                        + shards.path("total").asInt()
                        + " shards failed, so the answer holds only part of the hits: "
                        + String.join("; ", reasons),
                200,
                types.size() == 1 ? types.iterator().next() : null);
    }
}
