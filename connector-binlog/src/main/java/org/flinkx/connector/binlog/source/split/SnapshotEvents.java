package org.flinkx.connector.binlog.source.split;

import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceEvent;

/** The events between snapshot readers and the enumerator. */
@Internal
public final class SnapshotEvents {

    /**
     * Reader → enumerator: these snapshot splits are finished, read as these chunks. {@code
     * resent}: reported again by a restored reader that had no acknowledgement.
     */
    public record Finished(Map<String, List<SnapshotChunk>> splits, boolean resent)
            implements SourceEvent {}

    /** Enumerator → reader: these reports are recorded (in the enumerator's next checkpoint). */
    public record Acknowledged(List<String> splitIds) implements SourceEvent {}

    /**
     * Reader → enumerator: this reader was restored with the binlog split, whose stream has not
     * emitted these tables ({@code database.table}, see {@link CatchUp}); the split waits here
     * until the enumerator has had them read.
     */
    public record BinlogHeld(List<String> tables) implements SourceEvent {}

    /**
     * Enumerator → the reader holding the binlog split: {@code tables} are read, as these chunks
     * (null: the tables the reader asked for, from an enumerator restored from a version 4 state in
     * the middle of a catch-up); the stream goes on, leaving out the changes they hold, or waits
     * for another catch-up when it needs more tables than these (a job restored again in the middle
     * of one, with more tables).
     */
    public record CaughtUp(List<SnapshotChunk> chunks, @Nullable List<String> tables)
            implements SourceEvent {}

    private SnapshotEvents() {}
}
