package org.flinkx.connector.binlog.source.enumerator;

import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.flinkx.connector.binlog.source.split.BinlogSplit;

/**
 * The enumerator's checkpoint: the binlog split while no reader holds it, and the progress of a
 * chunked snapshot while it runs (null once the binlog split exists, or when there is none).
 */
@Internal
public record BinlogEnumState(
        @Nullable BinlogSplit unassigned, @Nullable SnapshotProgress snapshot) {

    public BinlogEnumState(@Nullable BinlogSplit unassigned) {
        this(unassigned, null);
    }
}
