package io.callstream.ingest.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * The call time of any word of a transcript, from the few words whose time a marker gives.
 * Between two markers time runs linearly with the word count; before the first and after the last it
 * runs at the transcript's own speaking rate, measured between its first and last marker, because a
 * rate taken from the call itself fits its speakers better than any fixed figure.
 */
final class CallClock {

    /**
     * About 150 words a minute, a usual pace for conference-call speech; used only when the
     * transcript gives fewer than two distinct marker times to measure its own rate.
     */
    static final double DEFAULT_WORDS_PER_MS = 150.0 / 60_000;

    private final List<CallTimeMarker> anchors;
    private final double wordsPerMs;

    private CallClock(List<CallTimeMarker> anchors, double wordsPerMs) {
        this.anchors = anchors;
        this.wordsPerMs = wordsPerMs;
    }

    /**
     * @param markers markers in text order, positioned by word index in the whole transcript. A marker
     *                earlier than one before it (a transcriber's slip) is raised to that time, so the
     *                clock never runs backwards.
     */
    static CallClock of(List<CallTimeMarker> markers) {
        List<CallTimeMarker> anchors = new ArrayList<>(markers.size());
        for (CallTimeMarker marker : markers) {
            CallTimeMarker previous = anchors.isEmpty() ? null : anchors.get(anchors.size() - 1);
            if (previous == null) {
                anchors.add(marker);
                continue;
            }
            if (marker.wordIndex() < previous.wordIndex()) {
                throw new IllegalArgumentException("markers out of text order: " + previous + ", " + marker);
            }
            anchors.add(new CallTimeMarker(marker.wordIndex(), Math.max(marker.offsetMs(), previous.offsetMs())));
        }
        return new CallClock(List.copyOf(anchors), measuredRate(anchors));
    }

    private static double measuredRate(List<CallTimeMarker> anchors) {
        if (anchors.size() < 2) {
            return DEFAULT_WORDS_PER_MS;
        }
        CallTimeMarker first = anchors.get(0);
        CallTimeMarker last = anchors.get(anchors.size() - 1);
        long words = last.wordIndex() - first.wordIndex();
        long millis = last.offsetMs() - first.offsetMs();
        return words > 0 && millis > 0 ? (double) words / millis : DEFAULT_WORDS_PER_MS;
    }

    /** Words per millisecond used before the first and after the last marker. */
    double wordsPerMs() {
        return wordsPerMs;
    }

    /** The call time, in ms, at which the word at {@code wordIndex} (whole-transcript count) begins. */
    long offsetAt(long wordIndex) {
        if (anchors.isEmpty()) {
            return Math.round(wordIndex / wordsPerMs);
        }
        int after = firstAnchorAfter(wordIndex);
        if (after == 0) {
            CallTimeMarker first = anchors.get(0);
            return Math.max(0, Math.round(first.offsetMs() - (first.wordIndex() - wordIndex) / wordsPerMs));
        }
        CallTimeMarker before = anchors.get(after - 1);
        if (after == anchors.size()) {
            return Math.round(before.offsetMs() + (wordIndex - before.wordIndex()) / wordsPerMs);
        }
        CallTimeMarker next = anchors.get(after);
        double share = (double) (wordIndex - before.wordIndex()) / (next.wordIndex() - before.wordIndex());
        return Math.round(before.offsetMs() + share * (next.offsetMs() - before.offsetMs()));
    }

    /** Index of the first anchor placed after {@code wordIndex}; anchors.size() when there is none. */
    private int firstAnchorAfter(long wordIndex) {
        int low = 0;
        int high = anchors.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (anchors.get(mid).wordIndex() <= wordIndex) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
