package io.callstream.enrich.turns;

/**
 * How long turn assembly waits and how much it remembers, per call. All bounds are counted in records or in call
 * time ({@code callOffsetMs}), never in wall-clock time, so a replay decides exactly as the live run did.
 *
 * @param maxGapCallTimeMs a missing seq is given up once a line waiting behind it is more than this far in call time
 *                         past the gap's left neighbour (the last line released before the gap)
 * @param maxBufferedLines a missing seq is given up once more than this many lines wait behind it
 * @param recentTurnsKept  how many closed turns keep their lines, so a late revision can re-issue them; a revision
 *                         of an older turn is dead-lettered
 */
public record AssemblyBounds(long maxGapCallTimeMs, int maxBufferedLines, int recentTurnsKept) {

    public static final long DEFAULT_MAX_GAP_CALL_TIME_MS = 5_000;
    public static final int DEFAULT_MAX_BUFFERED_LINES = 200;
    public static final int DEFAULT_RECENT_TURNS_KEPT = 20;

    public AssemblyBounds {
        if (maxGapCallTimeMs < 0 || maxBufferedLines < 0 || recentTurnsKept < 0) {
            throw new IllegalArgumentException("assembly bounds must not be negative: " + maxGapCallTimeMs + " ms, "
                    + maxBufferedLines + " lines, " + recentTurnsKept + " turns");
        }
    }

    public static AssemblyBounds defaults() {
        return new AssemblyBounds(DEFAULT_MAX_GAP_CALL_TIME_MS, DEFAULT_MAX_BUFFERED_LINES, DEFAULT_RECENT_TURNS_KEPT);
    }
}
