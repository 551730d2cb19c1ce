package io.callstream.enrich.turns;

/**
 * How long turn assembly waits and how much it remembers, per call. What decides outputs is counted in records or in
 * call time ({@code callOffsetMs}), never in wall-clock time, so a replay decides exactly as the live run did. The
 * two expiries are in wall-clock time and live-only (they never fire in a backtest): they free the state of a feed
 * that died, which no record can announce (see {@link TurnAssembler}).
 *
 * @param maxGapCallTimeMs  a missing seq is given up once a line waiting behind it is more than this far in call time
 *                          past the gap's left neighbour (the last line released before the gap)
 * @param maxBufferedLines  a missing seq is given up once more than this many lines wait behind it
 * @param recentTurnsKept   how many of the latest closed turns a late revision may still correct (re-issued); a revision
 *                          of an older turn is dead-lettered
 * @param idleTimeoutMs     a live call that sends nothing for this long (wall-clock time) is closed as if it had
 *                          ended (its feed is presumed lost), so its state does not stay forever
 * @param endedRetentionMs  how long (wall-clock time) an ended call is remembered so that late events are refused
 *                          with a reason rather than starting the call again at turn 0
 */
public record AssemblyBounds(long maxGapCallTimeMs, int maxBufferedLines, int recentTurnsKept, long idleTimeoutMs,
                             long endedRetentionMs) {

    public static final long DEFAULT_MAX_GAP_CALL_TIME_MS = 5_000;
    public static final int DEFAULT_MAX_BUFFERED_LINES = 200;
    public static final int DEFAULT_RECENT_TURNS_KEPT = 20;
    /** Half an hour of silence: longer than any pause in a call, short enough to free a dead feed's state. */
    public static final long DEFAULT_IDLE_TIMEOUT_MS = 30 * 60_000L;
    /** A day: late events from a reconnecting feed or a re-sent file come within minutes to hours. */
    public static final long DEFAULT_ENDED_RETENTION_MS = 24 * 3_600_000L;

    public AssemblyBounds {
        if (maxGapCallTimeMs < 0 || maxBufferedLines < 0 || recentTurnsKept < 0) {
            throw new IllegalArgumentException("assembly bounds must not be negative: " + maxGapCallTimeMs + " ms, "
                    + maxBufferedLines + " lines, " + recentTurnsKept + " turns");
        }
        if (idleTimeoutMs <= 0 || endedRetentionMs <= 0) {
            throw new IllegalArgumentException("idle timeout (" + idleTimeoutMs + " ms) and ended-call retention ("
                    + endedRetentionMs + " ms) must be positive");
        }
    }

    public static AssemblyBounds defaults() {
        return new AssemblyBounds(DEFAULT_MAX_GAP_CALL_TIME_MS, DEFAULT_MAX_BUFFERED_LINES, DEFAULT_RECENT_TURNS_KEPT,
                DEFAULT_IDLE_TIMEOUT_MS, DEFAULT_ENDED_RETENTION_MS);
    }
}
