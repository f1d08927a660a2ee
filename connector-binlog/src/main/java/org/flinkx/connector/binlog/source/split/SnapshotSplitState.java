package org.flinkx.connector.binlog.source.split;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;

/**
 * A snapshot split while it is read: the binlog position of the current read's snapshot and the key
 * of the last row emitted from it (see {@link SnapshotKeys}: an integer, or a whole key). A
 * checkpoint records the emitted part as a range with that position: up to the last integer key +
 * 1, or through the last whole key (whole-table chunks cannot be resumed: they are read again).
 */
@Internal
public final class SnapshotSplitState implements SplitState {

    private final SnapshotSplit split;
    @Nullable private BinlogPosition position;
    @Nullable private Object lastKey;

    public SnapshotSplitState(SnapshotSplit split) {
        this.split = split;
    }

    public void started(BinlogPosition position) {
        this.position = position;
        this.lastKey = null;
    }

    /**
     * The row with this key was emitted: a {@link BigInteger} (a one-column key, or the leading
     * value whose rows were all emitted), a {@link List} (a whole key) or null (no key).
     */
    public void emitted(@Nullable Object key) {
        lastKey = key;
    }

    @Override
    public SnapshotSplit toSplit() {
        if (split.keyColumns().isEmpty() || lastKey == null) {
            return split;
        }
        List<SnapshotChunk> emitted = new ArrayList<>(split.emitted());
        if (lastKey instanceof List<?> whole) {
            emitted.add(
                    chunk(
                            SnapshotKeys.leading(whole).add(BigInteger.ONE),
                            List.<Object>copyOf(whole)));
        } else {
            emitted.add(chunk(((BigInteger) lastKey).add(BigInteger.ONE), null));
        }
        return split.withEmitted(emitted);
    }

    /** The chunks the finished split was read as. */
    public List<SnapshotChunk> finishedChunks() {
        if (position == null) {
            throw new IllegalStateException(
                    "Snapshot split " + split.splitId() + " finished without a position");
        }
        List<SnapshotChunk> chunks = new ArrayList<>(split.emitted());
        chunks.add(chunk(split.hi(), null));
        return chunks;
    }

    private SnapshotChunk chunk(@Nullable BigInteger hi, @Nullable List<Object> through) {
        return new SnapshotChunk(
                split.database(),
                split.table(),
                split.remainingFrom(),
                hi,
                split.remainingAfter(),
                through,
                position);
    }
}
