package org.flinkx.connector.common.source;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

/**
 * The splits an enumerator has not assigned yet, and the readers waiting for one: readers ask
 * ({@link #request}), each gets the next split, splits of a failed reader go back in front in their
 * order ({@link #addBack}), and once no more splits will come a waiting reader is told so. Used on
 * the coordinator thread only.
 */
@Internal
public final class PendingSplits<SplitT extends SourceSplit> {

    private final Deque<SplitT> pending;
    private final Set<Integer> waitingReaders = new LinkedHashSet<>();

    public PendingSplits(Collection<SplitT> restored) {
        this.pending = new ArrayDeque<>(restored);
    }

    /** A reader asks for a split. */
    public void request(int subtask) {
        waitingReaders.add(subtask);
    }

    /** New splits, after those pending. */
    public void addAll(Collection<SplitT> splits) {
        pending.addAll(splits);
    }

    /** Splits of a failed reader (with their checkpointed positions): first in line again. */
    public void addBack(List<SplitT> splits) {
        for (int i = splits.size() - 1; i >= 0; i--) {
            pending.addFirst(splits.get(i));
        }
    }

    /**
     * Gives each waiting reader the next split; when none is left and {@code noMoreWillCome}, tells
     * the waiting readers there are no more. Readers that are gone are forgotten.
     */
    public void assign(SplitEnumeratorContext<SplitT> context, boolean noMoreWillCome) {
        Iterator<Integer> readers = waitingReaders.iterator();
        while (readers.hasNext()) {
            int reader = readers.next();
            if (!context.registeredReaders().containsKey(reader)) {
                readers.remove();
                continue;
            }
            if (!pending.isEmpty()) {
                context.assignSplit(pending.poll(), reader);
                readers.remove();
            } else if (noMoreWillCome) {
                context.signalNoMoreSplits(reader);
                readers.remove();
            } else {
                return;
            }
        }
    }

    /** The unassigned splits in order, for the enumerator's checkpoint. */
    public List<SplitT> snapshot() {
        return new ArrayList<>(pending);
    }
}
