package org.flinkx.connector.es.source.reader;

import java.io.IOException;
import java.util.List;
import javax.annotation.Nullable;
import org.flinkx.connector.es.source.search.SearchPage.Hit;
import org.flinkx.connector.es.source.search.SortValues;

/**
 * The searches of one slice, a page at a time, from the split's position on, in ascending order of
 * the sort: in a point in time ({@link PitCursor}) or by scroll ({@link ScrollCursor}).
 */
interface SliceCursor extends AutoCloseable {

    /**
     * The next page's hits (at most {@code scan.fetch-size}); empty when every hit of a page was
     * skipped; null when the slice is read to its end.
     */
    @Nullable
    List<Hit> next() throws IOException;

    /** The point in time the last answer named (null when read by scroll). */
    @Nullable
    String pitId();

    /** Releases what the cluster keeps for the slice; never throws. */
    @Override
    void close();

    /**
     * Checks that the hits come in ascending order of the sort after {@code previous}, which the
     * read positions rely on, and returns the last one's sort values.
     */
    static List<Object> checkOrder(List<Hit> hits, @Nullable List<Object> previous)
            throws IOException {
        List<Object> last = previous;
        for (Hit hit : hits) {
            if (last != null && !last.isEmpty() && SortValues.compare(hit.sort(), last) <= 0) {
                throw new IOException(
                        "The search answered hits out of order ("
                                + hit
                                + " after "
                                + last
                                + "): a split's read position would not be sound");
            }
            last = hit.sort();
        }
        return last;
    }
}
