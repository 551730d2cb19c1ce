package io.callstream.sink.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.callstream.avro.DeadLetter;
import io.callstream.sink.DeadLetterSink;

/** A dead-letter sink that keeps what it is sent, for tests to read from any thread. */
public final class CollectingDeadLetters implements DeadLetterSink {

    private final List<DeadLetter> letters = new CopyOnWriteArrayList<>();

    @Override
    public void send(DeadLetter letter) {
        letters.add(letter);
    }

    @Override
    public void flush() {
    }

    /** What was sent, in order; a live view. */
    public List<DeadLetter> letters() {
        return letters;
    }
}
