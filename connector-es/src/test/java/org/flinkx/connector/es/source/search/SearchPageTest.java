package org.flinkx.connector.es.source.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.logical.RowType;
import org.flinkx.connector.es.client.EsClient;
import org.flinkx.connector.es.client.EsException;
import org.flinkx.connector.es.convert.HitConverter;
import org.junit.jupiter.api.Test;

/** Reading search answers in one pass: hits, their bytes, ids to go on with, shard failures. */
class SearchPageTest {

    private static final String SOURCE_1 = "{\"name\":\"é\uD83D\uDE00\",\"n\":[1,2]}";
    private static final String HIT_1 =
            "{\"_index\":\"logs\",\"_id\":\"1\",\"_score\":null,\"_source\":"
                    + SOURCE_1
                    + ",\"sort\":[\"logs\",\"1\"]}";
    private static final String HIT_2 =
            "{ \"_index\" : \"logs\", \"_id\" : \"2\", \"sort\" : [ \"logs\", \"2\" ] }";

    private static final HitConverter CONVERTER =
            new HitConverter(
                    (RowType)
                            DataTypes.ROW(
                                            DataTypes.FIELD("name", DataTypes.STRING()),
                                            DataTypes.FIELD("n", DataTypes.ARRAY(DataTypes.INT())))
                                    .getLogicalType(),
                    List.of("_id", "_index", "_score"));

    private static SearchPage parse(String answer) throws Exception {
        return SearchPage.parse(answer.getBytes(StandardCharsets.UTF_8), CONVERTER);
    }

    @Test
    void readsHitsWithTheirBytesAndTheIdsToGoOnWith() throws Exception {
        String answer =
                "{\"pit_id\":\"p2\",\"_scroll_id\":\"s1\",\"took\":3,\"timed_out\":false,"
                        + "\"_shards\":{\"total\":2,\"successful\":2,\"skipped\":0,\"failed\":0},"
                        + "\"hits\":{\"total\":{\"value\":2},\"max_score\":null,\"hits\":["
                        + HIT_1
                        + ", "
                        + HIT_2
                        + "]}}";
        SearchPage page = parse(answer);
        assertThat(page.pitId()).isEqualTo("p2");
        assertThat(page.scrollId()).isEqualTo("s1");
        assertThat(page.hits()).hasSize(2);

        SearchPage.Hit first = page.hits().get(0);
        assertThat(first.index()).isEqualTo("logs");
        assertThat(first.id()).isEqualTo("1");
        assertThat(first.sort()).containsExactly("logs", "1");
        assertThat(first.hasSource()).isTrue();
        assertThat(first.sourceBytes()).isEqualTo(SOURCE_1.getBytes(StandardCharsets.UTF_8).length);
        assertThat(first.json()).isEqualTo(HIT_1);
        assertThat(first.node())
                .isEqualTo(
                        EsClient.JSON.readTree(
                                "{\"_index\":\"logs\",\"_id\":\"1\",\"_score\":null,"
                                        + "\"sort\":[\"logs\",\"1\"]}"));
        GenericRowData row = first.toRow(CONVERTER);
        assertThat(row.getString(0)).isEqualTo(StringData.fromString("é\uD83D\uDE00"));
        assertThat(row.getArray(1).size()).isEqualTo(2);
        assertThat(row.getArray(1).getInt(1)).isEqualTo(2);
        assertThat(row.getString(2)).isEqualTo(StringData.fromString("1"));
        assertThat(row.getString(3)).isEqualTo(StringData.fromString("logs"));
        assertThat(row.isNullAt(4)).isTrue();

        SearchPage.Hit second = page.hits().get(1);
        assertThat(second.json()).isEqualTo(HIT_2);
        assertThat(second.hasSource()).isFalse();
        assertThat(second.sourceBytes()).isZero();
        assertThat(second.toRow(CONVERTER).isNullAt(0)).isTrue();
    }

    @Test
    void anAnswerWithoutHitsEndsNothingButHasNone() throws Exception {
        SearchPage page = parse("{\"_shards\":{\"failed\":0},\"hits\":{\"hits\":[]}}");
        assertThat(page.hits()).isEmpty();
        assertThat(page.pitId()).isNull();
    }

    /** Some shards failed: the answer is partial, never read as whole. */
    @Test
    void refusesAnswersOfFailedShards() {
        String answer =
                "{\"_shards\":{\"total\":3,\"successful\":1,\"failed\":2,\"failures\":["
                        + "{\"shard\":0,\"reason\":{\"type\":\"search_context_missing_exception\","
                        + "\"reason\":\"No search context found for id [1]\"}},"
                        + "{\"shard\":1,\"reason\":{\"type\":\"search_context_missing_exception\","
                        + "\"reason\":\"No search context found for id [2]\"}}]},"
                        + "\"hits\":{\"hits\":[]}}";
        assertThatThrownBy(() -> parse(answer))
                .isInstanceOfSatisfying(
                        EsException.class,
                        e -> {
                            assertThat(e.type()).isEqualTo("search_context_missing_exception");
                            assertThat(SearchRequests.isContextMissing(e)).isTrue();
                        })
                .hasMessageContaining("2 of 3 shards failed")
                .hasMessageContaining("No search context found for id [2]");
        assertThatThrownBy(() -> parse("{\"timed_out\":true,\"hits\":{\"hits\":[]}}"))
                .isInstanceOf(EsException.class)
                .hasMessageContaining("timed out");
    }

    @Test
    void contextMissingErrors() {
        assertThat(
                        SearchRequests.isContextMissing(
                                new EsException(
                                        "The cluster answered 404 to POST /_search: "
                                                + "[search_phase_execution_exception] "
                                                + "search_context_missing_exception: No search "
                                                + "context found for id [1]",
                                        404,
                                        "search_phase_execution_exception")))
                .isTrue();
        assertThat(SearchRequests.isContextMissing(new EsException("x", 404, null))).isTrue();
        assertThat(
                        SearchRequests.isContextMissing(
                                new EsException("no such index", 404, "index_not_found_exception")))
                .isFalse();
        assertThat(
                        SearchRequests.isContextMissing(
                                new EsException("invalid id", 400, "illegal_argument_exception")))
                .isFalse();
    }

    @Test
    void sortValuesCompareAsLuceneOrdersThem() {
        // U+FF5E is after U+1F600 in UTF-16 order, before it in UTF-8 (Lucene's) order
        assertThat(SortValues.compare(List.of("i", "\uFF5E"), List.of("i", "\uD83D\uDE00")))
                .isNegative();
        assertThat(SortValues.compare(List.of("a", "10"), List.of("a", "9"))).isNegative();
        assertThat(SortValues.compare(List.of("b", "1"), List.of("a", "9"))).isPositive();
        assertThat(SortValues.compare(List.of(5L), List.of(5L))).isZero();
        assertThat(SortValues.compare(List.of(5L), List.of(4.5d))).isPositive();
    }

    @Test
    void sortValuesGoBackToJson() throws Exception {
        List<Object> values =
                SortValues.fromJson(
                        EsClient.JSON.readTree(
                                "[\"logs\", 4294967301, 2.5, 18446744073709551615, null]"));
        assertThat(values)
                .containsExactly(
                        "logs",
                        4_294_967_301L,
                        2.5d,
                        new java.math.BigDecimal("18446744073709551615"),
                        null);
        assertThat(SortValues.toJson(values).toString())
                .isEqualTo("[\"logs\",4294967301,2.5,18446744073709551615,null]");
    }

    @Test
    void indexExpressionsInPaths() {
        assertThat(SearchRequests.indexPath("logs-*,audit")).isEqualTo("logs-*,audit");
        assertThat(SearchRequests.indexPath("<logs-{now/d}>"))
                .isEqualTo("%3Clogs-%7Bnow%2Fd%7D%3E");
        assertThat(SearchRequests.indexPath("dé")).isEqualTo("d%C3%A9");
    }

    @Test
    void theBodyOfASlicesSearches() throws Exception {
        assertThat(
                        SearchRequests.body(
                                        50,
                                        1,
                                        4,
                                        SearchSort.INDEX_AND_ID,
                                        List.of("a", "b"),
                                        SearchRequests.query("{\"term\":{\"a\":1}}"),
                                        List.of("_id", "_score"))
                                .toString())
                .isEqualTo(
                        "{\"size\":50,\"slice\":{\"id\":1,\"max\":4},"
                                + "\"sort\":[{\"_index\":\"asc\"},{\"_id\":\"asc\"}],"
                                + "\"_source\":[\"a\",\"b\"],\"query\":{\"term\":{\"a\":1}},"
                                + "\"track_scores\":true}");
        assertThat(
                        SearchRequests.body(
                                        10,
                                        0,
                                        1,
                                        SearchSort.SHARD_DOC,
                                        List.of(),
                                        null,
                                        List.of("_id"))
                                .toString())
                .isEqualTo(
                        "{\"size\":10,\"sort\":[{\"_shard_doc\":\"asc\"}],\"_source\":false,"
                                + "\"query\":{\"match_all\":{}}}");
    }
}
