package org.flinkx.connector.es.source.split;

import java.util.List;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;

/** The mutable progress of a split being read: the last passed hit's position. */
@Internal
public final class EsSplitState {

    private final EsSplit split;
    private List<Object> sortValues;
    private long documentsRead;
    @Nullable private String pitId;

    public EsSplitState(EsSplit split) {
        this.split = split;
        this.sortValues = split.sortValues();
        this.documentsRead = split.documentsRead();
        this.pitId = split.pitId();
    }

    /**
     * Records that the hit with these sort values was emitted (or sent to dirty storage), found in
     * this point in time (each answer names the one to go on with; null when read by scroll).
     */
    public void advance(List<Object> hitSortValues, @Nullable String answerPitId) {
        sortValues = hitSortValues;
        documentsRead++;
        if (answerPitId != null) {
            pitId = answerPitId;
        }
    }

    public EsSplit toSplit() {
        return split.withPosition(sortValues, documentsRead, pitId);
    }
}
