package org.flinkx.connector.es.source.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.flinkx.connector.es.client.ServerInfo;
import org.flinkx.connector.es.testutils.EsTestServer;
import org.junit.jupiter.api.Test;

/**
 * Which order a point-in-time slice is read in, asked of a real node: {@code _doc} only where every
 * slice draws from one shard (one index, at least a slice per shard), otherwise {@code _index} and
 * {@code _id} (the servers here have no {@code _shard_doc}).
 */
class SearchSortITCase {

    @Test
    void docOrderOnlyWhereEachSliceReadsOneShard() throws Exception {
        EsTestServer node = EsTestServer.shared();
        node.deleteIndex("sort-three");
        node.deleteIndex("sort-two");
        node.createIndex("sort-three", 3, null);
        node.createIndex("sort-two", 2, null);
        ServerInfo server = node.info();
        assertThat(server.hasShardDocSort()).isFalse();

        assertThat(SearchSort.forPointInTime(server, node.client(), "sort-three", 3))
                .isEqualTo(SearchSort.DOC_IN_ONE_SHARD);
        assertThat(SearchSort.forPointInTime(server, node.client(), "sort-three", 7))
                .isEqualTo(SearchSort.DOC_IN_ONE_SHARD);
        assertThat(SearchSort.forPointInTime(server, node.client(), "sort-three", 2))
                .isEqualTo(SearchSort.INDEX_AND_ID);
        assertThat(SearchSort.forPointInTime(server, node.client(), "sort-t*", 8))
                .as("a pattern of two indices")
                .isEqualTo(SearchSort.INDEX_AND_ID);
        assertThat(SearchSort.shardsOfOneIndex(node.client(), "sort-two")).isEqualTo(2);
        assertThat(SearchSort.shardsOfOneIndex(node.client(), "sort-three,sort-two")).isEqualTo(-1);
    }
}
