package org.flinkx.connector.jdbc.source.split;

import org.apache.flink.annotation.Internal;

/** The mutable progress of a split being read: the last emitted offset. */
@Internal
public final class JdbcSourceSplitState {

    private final JdbcSourceSplit split;
    private Object offset;
    private boolean nullsDone;

    public JdbcSourceSplitState(JdbcSourceSplit split) {
        this.split = split;
        this.offset = split.offset();
        this.nullsDone = split.nullsDone();
    }

    /** Records that the row with this offset value was emitted (or sent to dirty storage). */
    public void advance(Object newOffset) {
        if (newOffset != null) {
            offset = newOffset;
            nullsDone = true;
        }
    }

    public JdbcSourceSplit toSplit() {
        return split.withProgress(offset, nullsDone);
    }
}
