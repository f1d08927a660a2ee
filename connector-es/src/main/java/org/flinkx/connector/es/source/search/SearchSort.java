package org.flinkx.connector.es.source.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import org.apache.flink.annotation.Internal;
import org.flinkx.connector.es.client.EsClient;
import org.flinkx.connector.es.client.ServerInfo;

/**
 * The total order a split is read in: its last hit's sort values are the split's position, and a
 * resumed split goes on after them. Each sort is a unique tiebreaker (no two documents of a search
 * have the same values).
 */
@Internal
public enum SearchSort {

    /**
     * {@code [{"_index":"asc"},{"_id":"asc"}]}: any server (Elasticsearch 8 only with {@code
     * indices.id_field_data.enabled}); the values name a document, so they mean the same in a new
     * point in time or scroll.
     */
    INDEX_AND_ID(2, true),

    /**
     * {@code [{"_shard_doc":"asc"}]}: Elasticsearch 7.12+ with a point in time; needs no field
     * data, but the value (shard and Lucene doc id) means something in its point in time only.
     */
    SHARD_DOC(1, false),

    /**
     * {@code [{"_doc":"asc"}]}: a point in time over one index whose slices are at least its
     * shards, so that every slice draws from one shard ({@link #oneShardPerSlice}): the Lucene doc
     * id is then unique within the slice and stable within its point in time, and sorting on it
     * costs the cluster nothing (sorting on {@code _id} loads its field data and compares strings:
     * a scroll so sorted took Elasticsearch 7.10 13x the CPU of one on {@code _doc} over a million
     * documents). With several indices, or fewer slices than shards, a slice mixes shards and doc
     * ids repeat. Like {@link #SHARD_DOC}, its values mean nothing in a new point in time.
     */
    DOC_IN_ONE_SHARD(1, false);

    private final int arity;
    private final boolean meaningfulInAnyView;

    SearchSort(int arity, boolean meaningfulInAnyView) {
        this.arity = arity;
        this.meaningfulInAnyView = meaningfulInAnyView;
    }

    /** The sort of a point-in-time search on this server. */
    public static SearchSort forPointInTime(ServerInfo server) {
        return server.hasShardDocSort() ? SHARD_DOC : INDEX_AND_ID;
    }

    /**
     * The sort of a point-in-time search of {@code slices} slices over {@code index} on this
     * server: {@code _shard_doc} where the server has it, {@code _doc} where each slice draws from
     * one shard, else {@code _index} and {@code _id}.
     */
    public static SearchSort forPointInTime(
            ServerInfo server, EsClient client, String index, int slices) throws IOException {
        if (server.hasShardDocSort()) {
            return SHARD_DOC;
        }
        return oneShardPerSlice(client, index, slices) ? DOC_IN_ONE_SHARD : INDEX_AND_ID;
    }

    /**
     * Whether a search of {@code slices} slices over {@code index} gives each slice the documents
     * of one shard: the expression names one index (an alias or pattern of one), and there are at
     * least as many slices as it has shards (then slice {@code i} reads shard {@code i % shards}).
     */
    static boolean oneShardPerSlice(EsClient client, String index, int slices) throws IOException {
        int shards = shardsOfOneIndex(client, index);
        return shards > 0 && slices >= shards;
    }

    /** The number of shards of the one index {@code index} names, or -1 if it names several. */
    public static int shardsOfOneIndex(EsClient client, String index) throws IOException {
        JsonNode settings =
                client.json(
                        "GET",
                        "/"
                                + SearchRequests.indexPath(index)
                                + "/_settings/index.number_of_shards?flat_settings=true",
                        null);
        if (settings.size() != 1) {
            return -1;
        }
        return settings.elements().next().path("settings").path("index.number_of_shards").asInt(-1);
    }

    /** The {@code sort} of the search body. */
    public ArrayNode json() {
        ArrayNode sort = JsonNodeFactory.instance.arrayNode();
        if (this == SHARD_DOC) {
            sort.addObject().put("_shard_doc", "asc");
        } else if (this == DOC_IN_ONE_SHARD) {
            sort.addObject().put("_doc", "asc");
        } else {
            sort.addObject().put("_index", "asc");
            sort.addObject().put("_id", "asc");
        }
        return sort;
    }

    /** How many values a hit's {@code sort} has. */
    public int arity() {
        return arity;
    }

    /** Whether a position means the same in a newer point in time or scroll. */
    public boolean meaningfulInAnyView() {
        return meaningfulInAnyView;
    }

    @Override
    public String toString() {
        return json().toString();
    }
}
