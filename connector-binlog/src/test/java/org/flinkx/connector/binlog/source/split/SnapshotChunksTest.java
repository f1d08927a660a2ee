package org.flinkx.connector.binlog.source.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How snapshot chunks record progress and decide which binlog changes they already hold. */
class SnapshotChunksTest {

    private static final BinlogPosition P1 = new BinlogPosition("mysql-bin.000009", 900);
    private static final BinlogPosition P2 = new BinlogPosition("mysql-bin.000010", 120);

    private static BigInteger big(long value) {
        return BigInteger.valueOf(value);
    }

    @Test
    void positionsOrderByFileSequenceThenOffset() {
        assertThat(new BinlogPosition("mysql-bin.000009", 900))
                .isLessThan(new BinlogPosition("mysql-bin.000010", 4));
        assertThat(new BinlogPosition("mysql-bin.999999", 4))
                .isLessThan(new BinlogPosition("mysql-bin.1000000", 4));
        assertThat(new BinlogPosition("mysql-bin.000010", 4))
                .isLessThan(new BinlogPosition("mysql-bin.000010", 5));
        assertThat(new BinlogPosition("mysql-bin.000010", 5))
                .isEqualByComparingTo(new BinlogPosition("mysql-bin.000010", 5));
    }

    @Test
    void aChunkInterruptedByACheckpointResumesAfterItsLastEmittedKey() {
        SnapshotSplit split =
                new SnapshotSplit("shop", "orders", "id", big(100), big(200), 1, List.of());
        SnapshotSplitState first = new SnapshotSplitState(split);
        assertThat(first.toSplit()).isEqualTo(split); // nothing read yet
        first.started(P1);
        assertThat(first.toSplit()).isEqualTo(split); // nothing emitted yet
        first.emitted(big(100));
        first.emitted(big(140));
        SnapshotSplit checkpointed = first.toSplit();
        assertThat(checkpointed.emitted())
                .containsExactly(new SnapshotChunk("shop", "orders", big(100), big(141), P1));
        assertThat(checkpointed.remainingFrom()).isEqualTo(big(141));

        SnapshotSplitState restored = new SnapshotSplitState(checkpointed);
        restored.started(P2);
        restored.emitted(big(199));
        assertThat(restored.finishedChunks())
                .containsExactly(
                        new SnapshotChunk("shop", "orders", big(100), big(141), P1),
                        new SnapshotChunk("shop", "orders", big(141), big(200), P2));
    }

    @Test
    void aWholeTableChunkIsReadAgainAfterAFailure() {
        SnapshotSplit split = new SnapshotSplit("shop", "notes", null, null, null, 0, List.of());
        SnapshotSplitState state = new SnapshotSplitState(split);
        state.started(P1);
        state.emitted(null);
        assertThat(state.toSplit()).isEqualTo(split);
        assertThat(state.finishedChunks())
                .containsExactly(new SnapshotChunk("shop", "notes", null, null, P1));
    }

    @Test
    void theStreamSkipsExactlyTheChangesAChunkHolds() {
        BinlogSplit split =
                new BinlogSplit(
                        "{}",
                        List.of(),
                        List.of(
                                new SnapshotChunk("shop", "orders", null, big(100), P2),
                                new SnapshotChunk("shop", "orders", big(100), null, P1),
                                new SnapshotChunk("shop", "notes", null, null, P1)));
        BinlogSplitState state = new BinlogSplitState(split, "test");
        BinlogPosition before1 = new BinlogPosition("mysql-bin.000009", 899);
        BinlogPosition between = new BinlogPosition("mysql-bin.000010", 4);
        // before both chunks' positions: in the snapshot
        assertThat(state.inSnapshot("shop", "orders", big(-7), before1)).isTrue();
        assertThat(state.inSnapshot("shop", "orders", big(100), before1)).isTrue();
        assertThat(state.inSnapshot("shop", "notes", null, before1)).isTrue();
        // at a chunk's position: not in it
        assertThat(state.inSnapshot("shop", "orders", big(5000), P1)).isFalse();
        // between P1 and P2: only the chunk read at P2 holds it
        assertThat(state.inSnapshot("shop", "orders", big(99), between)).isTrue();
        assertThat(state.inSnapshot("shop", "orders", big(100), between)).isFalse();
        assertThat(state.inSnapshot("shop", "notes", null, between)).isFalse();
        // other tables and unknown keys of chunked tables are never skipped
        assertThat(state.inSnapshot("shop", "other", big(1), before1)).isFalse();
        assertThat(state.inSnapshot("shop", "orders", null, before1)).isFalse();
        assertThat(state.toSplit().snapshotChunks()).hasSize(3);
        // past the last position the chunks are dropped from the state
        assertThat(state.inSnapshot("shop", "orders", big(1), P2)).isFalse();
        assertThat(state.toSplit().snapshotChunks()).isEmpty();
        assertThat(state.inSnapshot("shop", "orders", big(1), before1)).isFalse();
    }

    private static List<Object> key(long tenant, long seq) {
        return List.of(BigDecimal.valueOf(tenant), BigDecimal.valueOf(seq));
    }

    private static final List<String> TENANT_SEQ = List.of("tenant", "seq");

    @Test
    void aCompositeChunkInterruptedMidTenantResumesAfterTheWholeKeyOfItsLastRow() {
        SnapshotSplit split =
                new SnapshotSplit(
                        "shop", "lines", TENANT_SEQ, big(100), big(200), 1, List.of(), false);
        SnapshotSplitState first = new SnapshotSplitState(split);
        first.started(P1);
        first.emitted(key(100, 1));
        first.emitted(key(150, 7));
        SnapshotSplit checkpointed = first.toSplit();
        assertThat(checkpointed.emitted())
                .containsExactly(
                        new SnapshotChunk(
                                "shop", "lines", big(100), big(151), null, key(150, 7), P1));
        assertThat(checkpointed.remainingFrom()).isEqualTo(big(150));
        assertThat(checkpointed.remainingAfter()).isEqualTo(key(150, 7));

        // restored, interrupted again in the same tenant, restored again
        SnapshotSplitState second = new SnapshotSplitState(checkpointed);
        second.started(P2);
        second.emitted(key(150, 20));
        SnapshotSplit again = second.toSplit();
        assertThat(again.remainingAfter()).isEqualTo(key(150, 20));
        BinlogPosition p3 = new BinlogPosition("mysql-bin.000010", 500);
        SnapshotSplitState third = new SnapshotSplitState(again);
        third.started(p3);
        third.emitted(key(199, 1));
        assertThat(third.finishedChunks())
                .containsExactly(
                        new SnapshotChunk(
                                "shop", "lines", big(100), big(151), null, key(150, 7), P1),
                        new SnapshotChunk(
                                "shop", "lines", big(150), big(151), key(150, 7), key(150, 20), P2),
                        new SnapshotChunk(
                                "shop", "lines", big(150), big(200), key(150, 20), null, p3));
    }

    @Test
    void aChunkReadInLeadingValueGroupsRecordsWholeLeadingValues() {
        SnapshotSplit split =
                new SnapshotSplit(
                        "shop",
                        "codes",
                        List.of("tenant", "code"),
                        null,
                        big(30),
                        0,
                        List.of(),
                        true);
        SnapshotSplitState state = new SnapshotSplitState(split);
        state.started(P1);
        state.emitted(big(11)); // every row of tenant 11 was emitted at once
        SnapshotSplit checkpointed = state.toSplit();
        assertThat(checkpointed.emitted())
                .containsExactly(new SnapshotChunk("shop", "codes", null, big(12), P1));
        assertThat(checkpointed.remainingFrom()).isEqualTo(big(12));
        assertThat(checkpointed.remainingAfter()).isNull();
        assertThat(checkpointed.leadingValueGroups()).isTrue();
    }

    /**
     * Chunk [100, 200) of a (tenant, seq) table, cut by two checkpoints inside tenant 150: (..,
     * (150, 7)] read at P1, ((150, 7), (150, 20)] at P2, ((150, 20), ..) at P3; chunk [200, ..) at
     * P1.
     */
    @Test
    void theStreamPlacesAChangeOnTheRightSideOfAWholeKeyBoundary() {
        BinlogPosition p3 = new BinlogPosition("mysql-bin.000011", 10);
        BinlogSplit split =
                new BinlogSplit(
                        "{}",
                        List.of(),
                        List.of(
                                new SnapshotChunk("shop", "lines", null, big(100), null, null, P1),
                                new SnapshotChunk(
                                        "shop", "lines", big(100), big(151), null, key(150, 7), P1),
                                new SnapshotChunk(
                                        "shop",
                                        "lines",
                                        big(150),
                                        big(151),
                                        key(150, 7),
                                        key(150, 20),
                                        P2),
                                new SnapshotChunk(
                                        "shop",
                                        "lines",
                                        big(150),
                                        big(200),
                                        key(150, 20),
                                        null,
                                        p3),
                                new SnapshotChunk("shop", "lines", big(200), null, P1)));
        BinlogSplitState state = new BinlogSplitState(split, "test");
        BinlogPosition afterP1 = new BinlogPosition("mysql-bin.000009", 950);
        BinlogPosition afterP2 = new BinlogPosition("mysql-bin.000010", 200);
        // between P1 and P2: only the rows read at P2 or P3 hold the change
        assertThat(state.inSnapshot("shop", "lines", key(150, 7), afterP1)).isFalse();
        assertThat(state.inSnapshot("shop", "lines", key(150, 6), afterP1)).isFalse();
        assertThat(state.inSnapshot("shop", "lines", key(149, 1000), afterP1)).isFalse();
        assertThat(state.inSnapshot("shop", "lines", key(150, 8), afterP1)).isTrue();
        assertThat(state.inSnapshot("shop", "lines", key(150, 20), afterP1)).isTrue();
        assertThat(state.inSnapshot("shop", "lines", key(150, 21), afterP1)).isTrue();
        assertThat(state.inSnapshot("shop", "lines", key(199, -5), afterP1)).isTrue();
        assertThat(state.inSnapshot("shop", "lines", key(200, 1), afterP1)).isFalse();
        assertThat(state.inSnapshot("shop", "lines", key(99, 1), afterP1)).isFalse();
        // between P2 and P3: only the rows after (150, 20)
        assertThat(state.inSnapshot("shop", "lines", key(150, 20), afterP2)).isFalse();
        assertThat(state.inSnapshot("shop", "lines", key(150, 8), afterP2)).isFalse();
        assertThat(state.inSnapshot("shop", "lines", key(150, 21), afterP2)).isTrue();
        assertThat(state.inSnapshot("shop", "lines", key(151, 0), afterP2)).isTrue();
        // unknown keys are never skipped
        assertThat(state.inSnapshot("shop", "lines", null, afterP1)).isFalse();
    }

    /** Only values whose order Java reproduces are compared; anything else fails loudly. */
    @Test
    void wholeKeysCompareByValueAndRefuseWhatJavaCannotOrder() {
        assertThat(SnapshotKeys.compare(key(1, 10), key(1, 9))).isPositive();
        assertThat(
                        SnapshotKeys.compare(
                                List.of(BigDecimal.ONE, new BigDecimal("2.50")),
                                List.of(BigDecimal.ONE, new BigDecimal("2.5"))))
                .isZero();
        assertThat(
                        SnapshotKeys.compare(
                                List.of(BigDecimal.ONE, LocalDate.of(2024, 1, 2)),
                                List.of(BigDecimal.ONE, LocalDate.of(2023, 12, 31))))
                .isPositive();
        assertThatThrownBy(
                        () ->
                                SnapshotKeys.compare(
                                        List.of(BigDecimal.ONE, "B"), List.of(BigDecimal.ONE, "a")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("debezium.decimal.handling.mode");
        assertThatThrownBy(() -> SnapshotKeys.compare(key(1, 1), List.of(BigDecimal.ONE)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("primary key change");
    }
}
