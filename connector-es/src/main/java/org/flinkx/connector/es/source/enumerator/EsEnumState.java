package org.flinkx.connector.es.source.enumerator;

import java.util.List;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.flinkx.connector.es.source.split.EsSplit;

/**
 * What the enumerator checkpoints: the splits not yet assigned (those of a failed reader come back
 * in front, with their positions), whether the slices were planned, and the point in time they are
 * read in (null when read by scroll).
 */
@Internal
public record EsEnumState(List<EsSplit> pendingSplits, boolean planned, @Nullable String pitId) {

    public EsEnumState {
        pendingSplits = List.copyOf(pendingSplits);
    }

    public static EsEnumState initial() {
        return new EsEnumState(List.of(), false, null);
    }
}
