package org.flinkx.connector.common.split;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import javax.annotation.Nullable;
import org.junit.jupiter.api.Test;

/** How tables are cut into chunks: by value on dense integer keys, by rows on every other key. */
class ChunkPlannerTest {

    /** A table's sorted keys, answering the planner's queries as an index would. */
    private static final class SortedKeys<K extends Comparable<K>> implements ChunkKeyQueries<K> {
        final List<K> keys;
        int rowQueries;

        SortedKeys(List<K> keys) {
            this.keys = keys.stream().sorted().toList();
        }

        @Nullable
        @Override
        public KeyRange<K> range() {
            return keys.isEmpty()
                    ? null
                    : new KeyRange<>(keys.get(0), keys.get(keys.size() - 1), keys.size());
        }

        @Nullable
        @Override
        public K keyAfter(@Nullable K from, long rows) {
            rowQueries++;
            int first = 0;
            while (from != null && first < keys.size() && keys.get(first).compareTo(from) < 0) {
                first++;
            }
            long index = first + rows;
            return index < keys.size() ? keys.get((int) index) : null;
        }

        @Nullable
        @Override
        public K keyAbove(K key) {
            rowQueries++;
            return keys.stream().filter(k -> k.compareTo(key) > 0).findFirst().orElse(null);
        }
    }

    private static <K extends Comparable<K>> List<List<K>> chunks(List<K> keys, List<K> cuts) {
        List<List<K>> chunks = new ArrayList<>();
        for (int i = 0; i <= cuts.size(); i++) {
            K lo = i == 0 ? null : cuts.get(i - 1);
            K hi = i == cuts.size() ? null : cuts.get(i);
            chunks.add(
                    keys.stream()
                            .filter(k -> lo == null || k.compareTo(lo) >= 0)
                            .filter(k -> hi == null || k.compareTo(hi) < 0)
                            .toList());
        }
        return chunks;
    }

    private static <K extends Comparable<K>> List<K> planAll(SortedKeys<K> table, long chunkRows)
            throws Exception {
        ChunkPlanner<K> planner = ChunkPlanner.ofChunkRows(table, chunkRows);
        List<K> cuts = new ArrayList<>();
        K lo = null;
        for (K hi = planner.upperBound(lo); hi != null; hi = planner.upperBound(lo)) {
            assertThat(lo == null || hi.compareTo(lo) > 0).as("bounds ascend").isTrue();
            cuts.add(hi);
            lo = hi;
        }
        return cuts;
    }

    @Test
    void denseIntegerKeysAreCutByValueWithoutAQueryPerChunk() throws Exception {
        List<Long> keys = new ArrayList<>(LongStream.rangeClosed(1, 1000).boxed().toList());
        keys.removeIf(k -> k % 3 == 0); // 667 rows over 1000 values: still dense
        SortedKeys<Long> table = new SortedKeys<>(keys);
        List<Long> cuts = planAll(table, 100);
        assertThat(table.rowQueries).isZero();
        assertThat(cuts).first().isEqualTo(1L + 150); // 100 rows * 1000 values / 667 rows
        List<List<Long>> chunks = chunks(table.keys, cuts);
        assertThat(chunks.stream().mapToInt(List::size).sum()).isEqualTo(keys.size());
        assertThat(chunks).allSatisfy(c -> assertThat(c.size()).isBetween(1, 101));
    }

    @Test
    void sparseIntegerKeysAreCutByRowsIntoEqualChunks() throws Exception {
        List<Long> keys = new ArrayList<>();
        for (long i = 0; i < 1000; i++) {
            keys.add(i < 500 ? i : 1_000_000_000L * i); // half dense, half far apart
        }
        SortedKeys<Long> table = new SortedKeys<>(keys);
        List<Long> cuts = planAll(table, 100);
        assertThat(chunks(table.keys, cuts))
                .hasSize(10)
                .allSatisfy(c -> assertThat(c).hasSize(100));
    }

    @Test
    void partsOfASparseKeyHoldEqualRowsAndDenseKeysKeepEvenRanges() throws Exception {
        List<BigInteger> sparse =
                LongStream.range(0, 90).mapToObj(i -> BigInteger.valueOf(i * i * i)).toList();
        SortedKeys<BigInteger> table = new SortedKeys<>(sparse);
        assertThat(chunks(table.keys, ChunkPlanner.cuts(table, 3)))
                .allSatisfy(c -> assertThat(c).hasSize(30));

        List<Long> dense = LongStream.rangeClosed(1, 100).boxed().toList();
        // the boundaries of today's even ranges: 1 + 99/2 rounded up
        assertThat(ChunkPlanner.cuts(new SortedKeys<Long>(dense), 2)).containsExactly(51L);
    }

    @Test
    void stringsAndDecimalsAreCutByRows() throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 26 * 4; i++) {
            names.add((char) ('a' + i % 26) + "-" + i);
        }
        SortedKeys<String> strings = new SortedKeys<>(names);
        assertThat(chunks(strings.keys, ChunkPlanner.cuts(strings, 4)))
                .allSatisfy(c -> assertThat(c).hasSize(26));

        List<BigDecimal> prices =
                LongStream.range(0, 40).mapToObj(i -> BigDecimal.valueOf(i, 2)).toList();
        SortedKeys<BigDecimal> decimals = new SortedKeys<>(prices);
        assertThat(chunks(decimals.keys, planAll(decimals, 10)))
                .hasSize(4)
                .allSatisfy(c -> assertThat(c).hasSize(10));
    }

    @Test
    void aKeyValueSharedByMoreRowsThanAChunkEndsInOneChunk() throws Exception {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            keys.add("b");
        }
        keys.addAll(List.of("a", "c", "d", "e"));
        SortedKeys<String> table = new SortedKeys<>(keys);
        List<String> cuts = planAll(table, 10);
        List<List<String>> chunks = chunks(table.keys, cuts);
        assertThat(chunks.stream().mapToInt(List::size).sum()).isEqualTo(keys.size());
        assertThat(chunks).filteredOn(c -> c.contains("b")).hasSize(1).first().asList().hasSize(50);
    }

    @Test
    void anEmptyTableOrOneKeyValueIsOneChunk() throws Exception {
        SortedKeys<Long> empty = new SortedKeys<Long>(List.of());
        assertThat(ChunkPlanner.ofChunkRows(empty, 10).upperBound(null)).isNull();
        assertThat(ChunkPlanner.cuts(empty, 4)).isEmpty();
        assertThat(ChunkPlanner.cuts(new SortedKeys<>(List.of(7L, 7L, 7L)), 4)).isEmpty();
    }

    @Test
    void evenCutsSplitTheGivenBoundsAsTheJdbcOptionsSay() {
        assertThat(ChunkPlanner.evenCuts(0L, 100L, 4)).containsExactly(25L, 50L, 75L);
        assertThat(ChunkPlanner.evenCuts(1L, 3L, 4)).containsExactly(2L, 3L);
        assertThat(ChunkPlanner.evenCuts(new BigDecimal("0.5"), new BigDecimal("1.5"), 2))
                .containsExactly(new BigDecimal("1.0000000000"));
    }
}
