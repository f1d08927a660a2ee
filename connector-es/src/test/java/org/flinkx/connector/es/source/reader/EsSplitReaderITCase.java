package org.flinkx.connector.es.source.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.annotation.Nullable;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.table.api.DataTypes;
import org.flinkx.connector.common.error.DirtyDataHandler;
import org.flinkx.connector.common.metrics.FlinkxMetrics;
import org.flinkx.connector.common.options.DirtyDataConfig;
import org.flinkx.connector.common.options.ErrorLimit;
import org.flinkx.connector.es.client.ServerInfo;
import org.flinkx.connector.es.config.ScanMode;
import org.flinkx.connector.es.source.EsSource;
import org.flinkx.connector.es.source.EsSourceConfig;
import org.flinkx.connector.es.source.search.PointInTimeApi;
import org.flinkx.connector.es.source.split.EsSplit;
import org.flinkx.connector.es.testutils.EsTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The split reader against a real node, in a point in time (where the server has one) and by
 * scroll: slices cut an index into disjoint parts, and a split restored with a position reads
 * exactly the documents after it — never the ones before, never by counting.
 */
class EsSplitReaderITCase {

    private static final String INDEX = "source-reader";
    private static final int DOCS = 1000;

    private static EsTestServer server;
    private static ServerInfo info;
    private static final List<String> openPits = new ArrayList<>();

    @BeforeAll
    static void createIndex() throws IOException {
        server = EsTestServer.shared();
        info = server.info();
        server.deleteIndex(INDEX);
        server.createIndex(INDEX, 3, "{\"n\":{\"type\":\"integer\"}}");
        Map<String, Object> documents = new LinkedHashMap<>();
        for (int i = 0; i < DOCS; i++) {
            documents.put(String.valueOf(i), Map.of("n", i));
        }
        server.index(INDEX, documents);
    }

    @AfterAll
    static void closePits() throws IOException {
        for (String pit : openPits) {
            PointInTimeApi.of(info).close(server.client(), pit);
        }
    }

    static Stream<ScanMode> modes() throws IOException {
        return EsTestServer.shared().info().hasPointInTime()
                ? Stream.of(ScanMode.PIT, ScanMode.SCROLL)
                : Stream.of(ScanMode.SCROLL);
    }

    /** The ids of the index in the order the split reads them: by _id's bytes. */
    private static List<String> idsInSortOrder() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < DOCS; i++) {
            ids.add(String.valueOf(i));
        }
        ids.sort(
                (a, b) ->
                        Arrays.compareUnsigned(
                                a.getBytes(StandardCharsets.UTF_8),
                                b.getBytes(StandardCharsets.UTF_8)));
        return ids;
    }

    /**
     * A split of the whole index (one slice) restored with the sort values of its 100th document
     * reads exactly the 900 after it, in order.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void aRestoredSplitReadsOnlyWhatCameAfterItsPosition(ScanMode mode) throws Exception {
        List<String> ids = idsInSortOrder();
        String hundredth = ids.get(99);
        String pit = pit(mode);
        EsSplit split =
                EsSplit.of(INDEX, 0, 1, pit).withPosition(List.of(INDEX, hundredth), 100, pit);
        List<Read> read = read(split, config(mode));
        assertThat(read.stream().map(Read::id).toList()).isEqualTo(ids.subList(100, DOCS));
        for (Read r : read) {
            assertThat(r.n()).isEqualTo(Integer.parseInt(r.id()));
            assertThat(r.sort()).containsExactly(INDEX, r.id());
        }
        assertThat(openScrolls()).as("the scroll is cleared at the slice's end").isZero();
    }

    /** A reader closed in the middle of a slice clears its scroll. */
    @Test
    void closingTheReaderClearsTheScroll() throws Exception {
        try (EsSplitReader reader = new EsSplitReader(config(ScanMode.SCROLL), dirty())) {
            reader.handleSplitsChanges(
                    new SplitsAddition<>(List.of(EsSplit.of(INDEX, 0, 2, null))));
            RecordsWithSplitIds<EsRecord> records = reader.fetch();
            assertThat(records.nextSplit()).isNotNull();
            assertThat(records.nextRecordFromSplit()).isNotNull();
            assertThat(openScrolls()).isPositive();
        }
        assertThat(openScrolls()).isZero();
    }

    /** The scrolls open on the node. */
    private static long openScrolls() throws IOException {
        long open = 0;
        JsonNode nodes = server.call("GET", "/_nodes/stats/indices/search", null).path("nodes");
        for (JsonNode node : nodes) {
            open += node.path("indices").path("search").path("scroll_current").asLong();
        }
        return open;
    }

    private static DirtyDataHandler dirty() throws IOException {
        return new DirtyDataHandler(
                "flinkx-es",
                ErrorLimit.FAIL_ON_FIRST,
                DirtyDataConfig.LOG,
                "split-reader-test",
                FlinkxMetrics.unregistered());
    }

    /**
     * Three slices hold every document once; slice 1 restored at its 50th hit reads what its whole
     * read read after that hit.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void slicesAreDisjointAndEachResumesAfterItsPosition(ScanMode mode) throws Exception {
        EsSourceConfig config = config(mode);
        String pit = pit(mode);
        List<List<Read>> slices = new ArrayList<>();
        Set<String> all = new HashSet<>();
        int total = 0;
        for (int slice = 0; slice < 3; slice++) {
            List<Read> read = read(EsSplit.of(INDEX, slice, 3, pit), config);
            slices.add(read);
            total += read.size();
            read.forEach(r -> all.add(r.id()));
        }
        assertThat(total).isEqualTo(DOCS);
        assertThat(all).hasSize(DOCS);
        if (mode == ScanMode.PIT && !info.hasShardDocSort()) {
            // a slice per shard: each reads one shard, sorted on _doc
            assertThat(slices)
                    .allSatisfy(read -> assertThat(read).allMatch(r -> r.sort().size() == 1));
        } else if (mode == ScanMode.SCROLL) {
            assertThat(slices)
                    .allSatisfy(read -> assertThat(read).allMatch(r -> r.sort().size() == 2));
        }
        List<Read> whole = slices.get(1);
        assertThat(whole.size()).as("slice 1's size").isGreaterThan(60);
        Read fiftieth = whole.get(49);
        List<Read> resumed =
                read(EsSplit.of(INDEX, 1, 3, pit).withPosition(fiftieth.sort(), 50, pit), config);
        assertThat(resumed.stream().map(r -> r.id() + " " + r.sort()).toList())
                .isEqualTo(
                        whole.subList(50, whole.size()).stream()
                                .map(r -> r.id() + " " + r.sort())
                                .toList());
    }

    /**
     * The point in time of a split sorted on _index and _id is gone (closed, or expired while the
     * job was down): the split goes on in a new one from its position.
     */
    @Test
    void aSplitWhosePointInTimeIsGoneGoesOnInANewOne() throws Exception {
        assumeTrue(info.hasPointInTime(), "the server has no point in time");
        assumeTrue(!info.hasShardDocSort(), "sorted on _shard_doc, such a split fails");
        String pit = PointInTimeApi.of(info).open(server.client(), INDEX, Duration.ofMinutes(1));
        PointInTimeApi.of(info).close(server.client(), pit);
        List<String> ids = idsInSortOrder();
        EsSplit split =
                EsSplit.of(INDEX, 0, 1, pit).withPosition(List.of(INDEX, ids.get(99)), 100, pit);
        List<Read> read = read(split, config(ScanMode.PIT));
        assertThat(read.stream().map(Read::id).toList()).isEqualTo(ids.subList(100, DOCS));
        assertThat(read.get(read.size() - 1).pitId()).isNotNull().isNotEqualTo(pit);
        openPits.add(read.get(read.size() - 1).pitId());
    }

    /**
     * Slices sorted on _doc (one per shard) whose point in time is gone cannot go on in a new one
     * (doc ids differ between views): the read fails naming scan.keep-alive, rather than skipping
     * or repeating documents.
     */
    @Test
    void aSplitSortedOnDocWhosePointInTimeIsGoneFailsNamingTheKeepAlive() throws Exception {
        assumeTrue(info.hasPointInTime(), "the server has no point in time");
        assumeTrue(!info.hasShardDocSort(), "sorted on _shard_doc: PitCursorTest");
        String pit = PointInTimeApi.of(info).open(server.client(), INDEX, Duration.ofMinutes(1));
        List<Read> first = read(EsSplit.of(INDEX, 0, 3, pit), config(ScanMode.PIT));
        PointInTimeApi.of(info).close(server.client(), pit);
        EsSplit split = EsSplit.of(INDEX, 0, 3, pit).withPosition(first.get(9).sort(), 10, pit);
        assertThatThrownBy(() -> read(split, config(ScanMode.PIT)))
                .hasStackTraceContaining("scan.keep-alive")
                .hasStackTraceContaining("_doc");
    }

    // ------------------------------------------------------------------ helpers

    private record Read(String id, int n, List<Object> sort, @Nullable String pitId) {}

    @Nullable
    private static String pit(ScanMode mode) throws IOException {
        if (mode != ScanMode.PIT) {
            return null;
        }
        String pit = PointInTimeApi.of(info).open(server.client(), INDEX, Duration.ofMinutes(2));
        openPits.add(pit);
        return pit;
    }

    private static EsSourceConfig config(ScanMode mode) {
        return EsSource.builder()
                .hosts(server.url())
                .index(INDEX)
                .fields(DataTypes.ROW(DataTypes.FIELD("n", DataTypes.INT())))
                .metadata("_id")
                .mode(mode)
                .fetchSize(64)
                .buildConfig();
    }

    /** Reads one split to its end, as the fetcher thread does. */
    private static List<Read> read(EsSplit split, EsSourceConfig config) throws Exception {
        List<Read> read = new ArrayList<>();
        DirtyDataHandler dirty = dirty();
        try (EsSplitReader reader = new EsSplitReader(config, dirty)) {
            reader.handleSplitsChanges(new SplitsAddition<>(List.of(split)));
            for (int fetches = 0; fetches < 1000; fetches++) {
                RecordsWithSplitIds<EsRecord> records = reader.fetch();
                String id;
                while ((id = records.nextSplit()) != null) {
                    assertThat(id).isEqualTo(split.splitId());
                    EsRecord record;
                    while ((record = records.nextRecordFromSplit()) != null) {
                        assertThat(record.row()).isNotNull();
                        read.add(
                                new Read(
                                        record.row().getString(1).toString(),
                                        record.row().getInt(0),
                                        record.sortValues(),
                                        record.pitId()));
                    }
                }
                if (records.finishedSplits().contains(split.splitId())) {
                    return read;
                }
            }
        } finally {
            dirty.close();
        }
        throw new AssertionError("The split did not end");
    }
}
