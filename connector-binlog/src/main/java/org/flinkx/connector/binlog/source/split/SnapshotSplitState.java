package org.flinkx.connector.binlog.source.split;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;

/**
 * A snapshot split while it is read: the binlog position of the current read's snapshot and the key
 * of the last row emitted from it. A checkpoint records the emitted part as a range with that
 * position (whole-table chunks cannot be resumed: they are read again).
 */
@Internal
public final class SnapshotSplitState implements SplitState {

    private final SnapshotSplit split;
    @Nullable private BinlogPosition position;
    @Nullable private BigInteger lastKey;

    public SnapshotSplitState(SnapshotSplit split) {
        this.split = split;
    }

    public void started(BinlogPosition position) {
        this.position = position;
        this.lastKey = null;
    }

    public void emitted(@Nullable BigInteger key) {
        lastKey = key;
    }

    @Override
    public SnapshotSplit toSplit() {
        if (split.keyColumn() == null || lastKey == null) {
            return split;
        }
        List<SnapshotChunk> emitted = new ArrayList<>(split.emitted());
        emitted.add(chunk(lastKey.add(BigInteger.ONE)));
        return split.withEmitted(emitted);
    }

    /** The chunks the finished split was read as. */
    public List<SnapshotChunk> finishedChunks() {
        if (position == null) {
            throw new IllegalStateException(
                    "Snapshot split " + split.splitId() + " finished without a position");
        }
        List<SnapshotChunk> chunks = new ArrayList<>(split.emitted());
        chunks.add(chunk(split.hi()));
        return chunks;
    }

    private SnapshotChunk chunk(@Nullable BigInteger hi) {
        return new SnapshotChunk(
                split.database(), split.table(), split.remainingFrom(), hi, position);
    }
}
