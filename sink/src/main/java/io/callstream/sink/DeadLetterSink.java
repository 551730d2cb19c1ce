package io.callstream.sink;

import io.callstream.avro.DeadLetter;

/** Where a sink puts what it cannot write. */
public interface DeadLetterSink {

    void send(DeadLetter letter);

    /**
     * Returns once every letter sent so far is durable, or throws: a sink commits its offsets past a refused
     * record only after this returns, so a dead letter is never lost with the record it stands for.
     *
     * @throws NotDurable when a letter could not be written; the caller sends its letters again later
     */
    void flush();

    /** Some dead letter sent since the last flush was not written (the broker refused it or is gone). */
    final class NotDurable extends RuntimeException {
        public NotDurable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
