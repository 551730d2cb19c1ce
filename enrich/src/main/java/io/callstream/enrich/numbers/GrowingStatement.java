package io.callstream.enrich.numbers;

import java.util.Optional;

import io.callstream.avro.Span;
import io.callstream.enrich.text.Blanks;

/**
 * {@link ForwardLooking#find} for a growing text. The first statement wins, and a sentence is read alone, so a
 * closed sentence (one whose end is followed by more text) reads the same in any longer text: once a closed
 * sentence states guidance, that is the answer for good; until then only the sentences from the first open one on
 * are read again. The open one too is read once only where the last text ended it with a sentence end and the new
 * text goes on after a space, as lines end and are joined: the sentence is then whole, as it was read
 * ({@link ForwardLooking.Reading#ended}).
 */
final class GrowingStatement {

    private ForwardLooking.Reading last;

    /**
     * The first statement of {@code text}, a non-blank text whose first {@code readBefore} characters are the whole
     * text of the last call (0 when it does not extend it).
     */
    Optional<Span> read(String text, int readBefore) {
        if (readBefore > 0 && last != null) {
            if (last.closed()) {
                return last.statement();
            }
            if (last.ended() && readBefore < text.length() && Blanks.isBlank(text.charAt(readBefore))) {
                if (last.statement().isPresent()) {
                    // its sentence, read whole before, is closed now
                    last = new ForwardLooking.Reading(last.statement(), true, last.open(), false);
                    return last.statement();
                }
                // the open sentence, read whole before, holds no statement: read on from the next one
                last = ForwardLooking.read(text, readBefore);
                return last.statement();
            }
            last = ForwardLooking.read(text, last.open());
        } else {
            last = ForwardLooking.read(text, 0);
        }
        return last.statement();
    }
}
