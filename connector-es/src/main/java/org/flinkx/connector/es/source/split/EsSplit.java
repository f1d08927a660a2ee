package org.flinkx.connector.es.source.split;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One slice of the search over the index expression: slice {@code slice} of {@code slices}
 * (Elasticsearch and OpenSearch cut a search into slices by a hash of {@code _id}, so a slice holds
 * the same documents in every new point in time or scroll). The hits are read in a total order
 * ({@code SearchSort}), and {@link #sortValues()} is what the last hit the split passed (emitted,
 * or sent to dirty storage) had in {@code sort}: a split restored from a checkpoint continues after
 * it — with {@code search_after} in its point in time, or, read by scroll, by skipping the hits of
 * a new scroll up to it. Never by counting documents.
 *
 * @param splitId unique within the source: {@code slice-<slice>-of-<slices>}
 * @param index the index expression (an index, alias, pattern or comma-separated list)
 * @param pitId the point in time the split is read in, null when it is read by scroll
 * @param sortValues the last passed hit's sort values; empty when the split has not begun
 * @param documentsRead how many documents the split passed so far (for messages)
 */
@Internal
public record EsSplit(
        String splitId,
        String index,
        int slice,
        int slices,
        @Nullable String pitId,
        List<Object> sortValues,
        long documentsRead)
        implements SourceSplit {

    public EsSplit {
        if (slices < 1 || slice < 0 || slice >= slices) {
            throw new IllegalArgumentException("No slice " + slice + " of " + slices);
        }
        // nulls are kept: a sort value may be null (a missing field)
        sortValues = Collections.unmodifiableList(new ArrayList<>(sortValues));
    }

    /** Slice {@code slice} of {@code slices}, not begun. */
    public static EsSplit of(String index, int slice, int slices, @Nullable String pitId) {
        return new EsSplit(
                "slice-" + slice + "-of-" + slices, index, slice, slices, pitId, List.of(), 0);
    }

    @Override
    public String splitId() {
        return splitId;
    }

    /** Whether the split is read by scroll (no point in time). */
    public boolean isScroll() {
        return pitId == null;
    }

    /** The same slice, after the hit with these sort values, in this point in time. */
    public EsSplit withPosition(
            List<Object> newSortValues, long newDocumentsRead, @Nullable String newPitId) {
        return new EsSplit(
                splitId, index, slice, slices, newPitId, newSortValues, newDocumentsRead);
    }

    @Override
    public String toString() {
        return "EsSplit{slice "
                + slice
                + "/"
                + slices
                + " of '"
                + index
                + "' "
                + (pitId == null ? "by scroll" : "in point in time " + abbreviate(pitId))
                + (sortValues.isEmpty()
                        ? ""
                        : " after " + sortValues + " (" + documentsRead + " documents read)")
                + "}";
    }

    private static String abbreviate(String id) {
        return id.length() <= 16 ? id : id.substring(0, 12) + "...";
    }
}
