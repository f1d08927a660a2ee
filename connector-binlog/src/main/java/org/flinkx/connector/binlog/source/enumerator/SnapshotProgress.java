package org.flinkx.connector.binlog.source.enumerator;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.flinkx.connector.binlog.source.split.BinlogPosition;
import org.flinkx.connector.binlog.source.split.SnapshotChunk;
import org.flinkx.connector.binlog.source.split.SnapshotSplit;

/**
 * The enumerator's view of a chunked snapshot, as checkpointed.
 *
 * @param start the binlog position when the captured tables were listed (null: not listed yet); the
 *     binlog stream starts there once every chunk is read
 * @param toPlan the tables whose chunks are not all planned yet; the first one is being planned
 * @param nextLo the lower bound of that table's next chunk (null: from its first row)
 * @param nextIndex the number of that table's next chunk
 * @param pending planned splits no reader holds (not assigned yet, or given back by a failed
 *     reader)
 * @param inFlight ids of splits assigned to readers and not reported finished
 * @param finished the chunks of every finished split, by split id
 * @param catchUp whether the chunks are of tables a restored binlog split has not emitted (see
 *     {@link org.flinkx.connector.binlog.source.split.CatchUp}): the split waits at its reader
 *     instead of starting at {@code start}, and goes on with these chunks once they are read
 * @param catchUpTables the tables ({@code database.table}) a catch-up reads; null when not a
 *     catch-up, or restored from a version 4 state that did not record them
 */
@Internal
public record SnapshotProgress(
        @Nullable BinlogPosition start,
        List<CapturedTable> toPlan,
        @Nullable BigInteger nextLo,
        int nextIndex,
        List<SnapshotSplit> pending,
        List<String> inFlight,
        Map<String, List<SnapshotChunk>> finished,
        boolean catchUp,
        @Nullable List<String> catchUpTables) {

    public SnapshotProgress {
        catchUpTables = catchUpTables == null ? null : List.copyOf(catchUpTables);
    }

    /** The progress of the first snapshot of a job. */
    public SnapshotProgress(
            @Nullable BinlogPosition start,
            List<CapturedTable> toPlan,
            @Nullable BigInteger nextLo,
            int nextIndex,
            List<SnapshotSplit> pending,
            List<String> inFlight,
            Map<String, List<SnapshotChunk>> finished) {
        this(start, toPlan, nextLo, nextIndex, pending, inFlight, finished, false, null);
    }
}
