package org.flinkx.connector.es.source.search;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.apache.flink.annotation.Internal;
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
    SHARD_DOC(1, false);

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

    /** The {@code sort} of the search body. */
    public ArrayNode json() {
        ArrayNode sort = JsonNodeFactory.instance.arrayNode();
        if (this == SHARD_DOC) {
            sort.addObject().put("_shard_doc", "asc");
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
