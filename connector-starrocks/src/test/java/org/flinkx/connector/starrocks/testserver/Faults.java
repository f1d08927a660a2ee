package org.flinkx.connector.starrocks.testserver;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** The faults a test queued; each is used up by its next {@link Fault#times} matching requests. */
public final class Faults {

    private final List<Fault> queued = new ArrayList<>();
    private final List<Integer> remaining = new ArrayList<>();

    public synchronized Faults add(Fault fault) {
        if (fault.times() < 1) {
            throw new IllegalArgumentException("A fault needs times >= 1: " + fault);
        }
        queued.add(fault);
        remaining.add(fault.times());
        return this;
    }

    public synchronized void clear() {
        queued.clear();
        remaining.clear();
    }

    /** How many injections are still queued. */
    public synchronized int pending() {
        return remaining.stream().mapToInt(Integer::intValue).sum();
    }

    /** Uses up the first queued fault of one of {@code kinds} that matches {@code path}. */
    synchronized Fault take(Set<Fault.Kind> kinds, String path) {
        Iterator<Fault> faults = queued.iterator();
        for (int i = 0; faults.hasNext(); i++) {
            Fault fault = faults.next();
            if (kinds.contains(fault.kind()) && fault.matches(path)) {
                int left = remaining.get(i) - 1;
                if (left == 0) {
                    faults.remove();
                    remaining.remove(i);
                } else {
                    remaining.set(i, left);
                }
                return fault;
            }
        }
        return null;
    }

    static final Set<Fault.Kind> ON_ARRIVAL = EnumSet.of(Fault.Kind.SERVER_ERROR, Fault.Kind.SLOW);
    static final Set<Fault.Kind> ON_BODY = EnumSet.of(Fault.Kind.RESET_MID_BODY);
    static final Set<Fault.Kind> AFTER_ANSWER = EnumSet.of(Fault.Kind.DROP_ANSWER);
    static final Set<Fault.Kind> ON_ANSWER =
            EnumSet.of(
                    Fault.Kind.STATUS_FAIL,
                    Fault.Kind.PUBLISH_TIMEOUT,
                    Fault.Kind.TXN_IN_PROCESSING);
}
