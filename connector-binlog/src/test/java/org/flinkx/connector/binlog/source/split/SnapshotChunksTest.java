package org.flinkx.connector.binlog.source.split;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
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
}
