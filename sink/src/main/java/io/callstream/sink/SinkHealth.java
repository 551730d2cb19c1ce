package io.callstream.sink;

import java.time.Instant;

/**
 * How the store sink is doing, for people and for health checks: healthy while it is starting or writing, not
 * while it waits for the store or has stopped.
 *
 * @param detail why it is in this state, in words (the database's own for an outage); empty when all is well
 * @param since  when it entered this state (wall clock)
 */
public record SinkHealth(State state, String detail, Instant since) {

    public enum State {
        STARTING,
        /** Writing batches as they come. */
        RUNNING,
        /** The store (or the dead-letter topic) is unavailable: consumption is paused, the batch in hand retried. */
        WAITING_FOR_STORE,
        /** Stopped on close, or on an error it cannot retry. */
        STOPPED
    }

    public boolean healthy() {
        return state == State.STARTING || state == State.RUNNING;
    }

    static SinkHealth of(State state, String detail) {
        return new SinkHealth(state, detail, Instant.now());
    }
}
