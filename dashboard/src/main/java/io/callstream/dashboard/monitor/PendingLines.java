package io.callstream.dashboard.monitor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The lines seen recently, each waiting for the turn snapshot and the alerts it leads to, keyed by call and seq.
 * Bounded: past {@code capacity} lines the oldest is forgotten, so a line that never leads to a turn of its own
 * (a duplicate, a line dead-lettered, a revision in the middle of a turn) costs nothing for long, and neither
 * does a pipeline that stopped emitting.
 */
final class PendingLines {

    /**
     * @param seenAtMillis     wall clock at which the monitor saw the line
     * @param observedAtMillis the line's own observedAt
     * @param turnTimed        whether the first turn snapshot ending with this line was timed already
     */
    record Line(long seenAtMillis, long observedAtMillis, boolean turnTimed) {
    }

    private final Map<String, Line> lines;

    PendingLines(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        // Insertion order: a line's age counts from when it was first seen, not from when it was last matched.
        this.lines = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Line> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Remembers a line the first time it is seen; a later copy (a revision, a duplicate) keeps the first time. */
    void seen(String callId, long seq, long seenAtMillis, long observedAtMillis) {
        lines.putIfAbsent(key(callId, seq), new Line(seenAtMillis, observedAtMillis, false));
    }

    /** The line, or null where it was never seen or is forgotten. */
    Line get(String callId, long seq) {
        return lines.get(key(callId, seq));
    }

    void markTurnTimed(String callId, long seq) {
        lines.computeIfPresent(key(callId, seq), (k, l) -> new Line(l.seenAtMillis(), l.observedAtMillis(), true));
    }

    int size() {
        return lines.size();
    }

    private static String key(String callId, long seq) {
        return callId + '\u0000' + seq;
    }
}
