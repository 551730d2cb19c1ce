package io.callstream.sink;

import io.callstream.avro.DeadLetter;

/** Where a sink puts what it cannot write. */
public interface DeadLetterSink {

    void send(DeadLetter letter);

    /**
     * Returns once every letter sent so far is durable, or throws: a sink commits its offsets past a refused
     * record only after this returns, so a dead letter is never lost with the record it stands for.
     */
    void flush();
}
