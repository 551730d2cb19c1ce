package io.callstream.ingest.publish;

/**
 * The clock of one replay: when each event is due at its {@link Pace}, and a pace that may be changed while the
 * replay runs (from another thread). A change keeps the call time already reached and paces only what is left, so
 * raising it to {@code max} sends the rest at once, and slowing it down never sends an event twice or out of order.
 * As with a fixed pace, only when records are sent changes, never what they hold.
 */
public final class Pacer {

    private Pace pace;
    /** The wall clock at which the replay stood at {@link #anchorMs} of call time. */
    private long anchorNanos;
    private long anchorMs;
    /** The call time of the last event found due: where an unpaced replay stands. */
    private long reachedMs;
    private boolean started;

    public Pacer(Pace pace) {
        this.pace = pace;
    }

    public synchronized Pace pace() {
        return pace;
    }

    /**
     * The call time the replay stands at: at a pace, where its clock is now; unpaced, the last event found due. 0
     * before it starts.
     */
    public synchronized long reachedMs() {
        if (!started) {
            return 0;
        }
        long clock = pace.unpaced() ? anchorMs
                : anchorMs + Math.round((System.nanoTime() - anchorNanos) / 1e6 * pace.speed());
        return Math.max(clock, reachedMs);
    }

    /** Starts the clock: call time 0 is now. {@link #awaitDue} starts it too, if it was not started. */
    public synchronized void start() {
        anchorNanos = System.nanoTime();
        anchorMs = 0;
        reachedMs = 0;
        started = true;
    }

    /** Paces the rest of the replay at {@code next}, waking a wait in {@link #awaitDue} to reckon again. */
    public synchronized void change(Pace next) {
        if (started) {
            anchorMs = reachedMs();
            anchorNanos = System.nanoTime();
        }
        pace = next;
        notifyAll();
    }

    /** Waits until an event {@code elapsedMs} into its call is due; returns at once if it already is. */
    public synchronized void awaitDue(long elapsedMs) throws InterruptedException {
        if (!started) {
            start();
        }
        while (true) {
            long dueNanos = anchorNanos + pace.dueAfterMs(Math.max(0, elapsedMs - anchorMs)) * 1_000_000;
            long waitMs = (dueNanos - System.nanoTime()) / 1_000_000;
            if (waitMs <= 0) {
                reachedMs = Math.max(reachedMs, elapsedMs);
                return;
            }
            wait(waitMs); // pacing a replay is waiting by definition; change() wakes it to reckon at the new pace
        }
    }
}
