package org.flinkx.connector.es.source.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.logical.RowType;
import org.flinkx.connector.common.error.UnrecoverableException;
import org.flinkx.connector.es.client.EsClient;
import org.flinkx.connector.es.config.EsConnection;
import org.flinkx.connector.es.convert.HitConverter;
import org.flinkx.connector.es.source.StubCluster;
import org.flinkx.connector.es.source.StubCluster.Answer;
import org.flinkx.connector.es.source.search.PointInTimeApi;
import org.flinkx.connector.es.source.search.SearchRequests;
import org.flinkx.connector.es.source.search.SearchSort;
import org.flinkx.connector.es.source.split.EsSplit;
import org.junit.jupiter.api.Test;

/**
 * Point-in-time reads as Elasticsearch 8 answers them (no such server runs here: a stub answers as
 * its REST API is documented): {@code _pit}, {@code _shard_doc}, the id each answer names, and a
 * point in time that is gone.
 */
class PitCursorTest {

    private static final Duration KEEP_ALIVE = Duration.ofMinutes(1);

    private static Answer page(String pitId, long... sorts) {
        StringBuilder hits = new StringBuilder();
        for (long sort : sorts) {
            hits.append(hits.length() == 0 ? "" : ",")
                    .append("{\"_index\":\"logs\",\"_id\":\"d")
                    .append(sort)
                    .append("\",\"_source\":{\"n\":")
                    .append(sort)
                    .append("},\"sort\":[")
                    .append(sort)
                    .append("]}");
        }
        return new Answer(
                200,
                "{\"pit_id\":\""
                        + pitId
                        + "\",\"timed_out\":false,\"_shards\":{\"total\":1,\"failed\":0},"
                        + "\"hits\":{\"hits\":["
                        + hits
                        + "]}}");
    }

    private static Answer gone() {
        return StubCluster.error(
                404, "search_context_missing_exception", "No search context found for id [7]");
    }

    private static PitCursor cursor(EsClient client, EsSplit split) {
        return new PitCursor(
                client,
                split,
                SearchRequests.body(
                        2,
                        split.slice(),
                        split.slices(),
                        SearchSort.SHARD_DOC,
                        List.of("n"),
                        null,
                        List.of()),
                new HitConverter(
                        (RowType)
                                DataTypes.ROW(DataTypes.FIELD("n", DataTypes.BIGINT()))
                                        .getLogicalType(),
                        List.of()),
                SearchSort.SHARD_DOC,
                PointInTimeApi.ELASTICSEARCH,
                KEEP_ALIVE);
    }

    private static EsClient client(StubCluster stub) throws Exception {
        return new EsClient(EsConnection.builder().hosts(stub.url()).build());
    }

    /** Each search goes on after the last hit, in the point in time the last answer named. */
    @Test
    void searchesAfterTheLastHitInTheLatestPointInTime() throws Exception {
        AtomicInteger searches = new AtomicInteger();
        try (StubCluster stub =
                        new StubCluster(
                                r ->
                                        switch (searches.incrementAndGet()) {
                                            case 1 -> page("p2", 5, 9);
                                            case 2 -> page("p3", 12);
                                            default -> page("p3");
                                        });
                EsClient client = client(stub)) {
            EsSplit split =
                    EsSplit.of("logs", 1, 2, "p1").withPosition(List.<Object>of(3L), 4, "p1");
            PitCursor cursor = cursor(client, split);
            assertThat(cursor.next())
                    .extracting(h -> h.sort())
                    .containsExactly(List.of(5L), List.of(9L));
            assertThat(cursor.pitId()).isEqualTo("p2");
            assertThat(cursor.next()).hasSize(1);
            assertThat(cursor.next()).as("a page without hits ends the slice").isNull();

            JsonNode first = EsClient.JSON.readTree(stub.requests.get(0).body());
            assertThat(stub.requests.get(0).method()).isEqualTo("POST");
            assertThat(stub.requests.get(0).path()).isEqualTo("/_search");
            assertThat(first.path("pit").path("id").asText()).isEqualTo("p1");
            assertThat(first.path("pit").path("keep_alive").asText()).isEqualTo("60000ms");
            assertThat(first.path("sort").toString()).isEqualTo("[{\"_shard_doc\":\"asc\"}]");
            assertThat(first.path("search_after").toString()).isEqualTo("[3]");
            assertThat(first.path("slice").toString()).isEqualTo("{\"id\":1,\"max\":2}");
            assertThat(first.path("track_total_hits").asBoolean(true)).isFalse();
            JsonNode second = EsClient.JSON.readTree(stub.requests.get(1).body());
            assertThat(second.path("pit").path("id").asText()).isEqualTo("p2");
            assertThat(second.path("search_after").toString()).isEqualTo("[9]");
            JsonNode third = EsClient.JSON.readTree(stub.requests.get(2).body());
            assertThat(third.path("pit").path("id").asText()).isEqualTo("p3");
            assertThat(third.path("search_after").toString()).isEqualTo("[12]");
        }
    }

    /** A _shard_doc position means nothing in a new point in time: the job fails, naming why. */
    @Test
    void aShardDocPositionInAPointInTimeThatIsGoneFails() throws Exception {
        try (StubCluster stub = new StubCluster(r -> gone());
                EsClient client = client(stub)) {
            EsSplit split =
                    EsSplit.of("logs", 0, 1, "p1").withPosition(List.<Object>of(3L), 4, "p1");
            assertThatThrownBy(() -> cursor(client, split).next())
                    .isInstanceOf(UnrecoverableException.class)
                    .hasMessageContaining("is gone")
                    .hasMessageContaining("'scan.keep-alive' = PT1M")
                    .hasMessageContaining("_shard_doc");
            assertThat(stub.requests).hasSize(1);
        }
    }

    /** A slice that has not begun begins in a new point in time (Elasticsearch's _pit API). */
    @Test
    void aSliceNotBegunOpensANewPointInTime() throws Exception {
        AtomicInteger searches = new AtomicInteger();
        try (StubCluster stub =
                        new StubCluster(
                                r -> {
                                    if (r.path().contains("/_pit")) {
                                        return new Answer(200, "{\"id\":\"fresh\"}");
                                    }
                                    return searches.incrementAndGet() == 1
                                            ? gone()
                                            : page("fresh", 1);
                                });
                EsClient client = client(stub)) {
            EsSplit split = EsSplit.of("logs-*", 0, 1, "old");
            PitCursor cursor = cursor(client, split);
            assertThat(cursor.next()).hasSize(1);
            assertThat(stub.requests.get(1).method()).isEqualTo("POST");
            assertThat(stub.requests.get(1).path()).isEqualTo("/logs-*/_pit?keep_alive=60000ms");
            JsonNode retried = EsClient.JSON.readTree(stub.requests.get(2).body());
            assertThat(retried.path("pit").path("id").asText()).isEqualTo("fresh");
            assertThat(retried.has("search_after")).isFalse();
        }
    }

    @Test
    void elasticsearchClosesAPointInTimeById() throws Exception {
        try (StubCluster stub = new StubCluster(r -> new Answer(200, "{\"succeeded\":true}"));
                EsClient client = client(stub)) {
            PointInTimeApi.ELASTICSEARCH.close(client, "p1");
            assertThat(stub.requests.get(0).method()).isEqualTo("DELETE");
            assertThat(stub.requests.get(0).path()).isEqualTo("/_pit");
            assertThat(stub.requests.get(0).body()).isEqualTo("{\"id\":\"p1\"}");
        }
    }
}
