package org.flinkx.connector.hdfs.source.reader;

import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;

/** A split being read, with the position after the last row emitted from it. */
final class HdfsSplitState {

    private final FileSourceSplit split;
    private long offset;
    private long recordsAfterOffset;
    private boolean moved;

    HdfsSplitState(FileSourceSplit split) {
        this.split = split;
        CheckpointedPosition position = split.getReaderPosition().orElse(null);
        if (position != null) {
            offset = position.getOffset();
            recordsAfterOffset = position.getRecordsAfterOffset();
            moved = true;
        }
    }

    void moveTo(long offset, long recordsAfterOffset) {
        this.offset = offset;
        this.recordsAfterOffset = recordsAfterOffset;
        this.moved = true;
    }

    FileSourceSplit toSplit() {
        return moved
                ? split.updateWithCheckpointedPosition(
                        new CheckpointedPosition(offset, recordsAfterOffset))
                : split;
    }
}
