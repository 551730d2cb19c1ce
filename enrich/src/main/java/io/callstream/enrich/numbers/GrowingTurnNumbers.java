package io.callstream.enrich.numbers;

import java.util.List;
import java.util.Optional;

import io.callstream.avro.NumberMention;
import io.callstream.avro.Span;
import io.callstream.enrich.text.GrowingText;

/**
 * Reads a growing turn as {@link NumberExtractor#find} and {@link ForwardLooking#find} read it, without reading it
 * all again at each line. A turn's PARTIAL snapshots grow by lines: each text starts with the one before. Read whole
 * at each, a turn costs the square of its length; read here, only the part that a longer text can still change is
 * read again (the last sentence for the forward-looking statement, unless it ended the last text; for numbers, from
 * where each reader's last scan first read to the end, mostly the last few words; see {@link GrowingNumbers} and
 * {@link GrowingStatement}). The same text again (a turn's FINAL snapshot) is not read again at all. A text that does
 * not start with the last one (a revised line, another turn) is read whole. The reading is always exactly what the
 * two full reads give.
 *
 * <p>One instance per open turn; it remembers the last text it read. Not thread-safe. The mentions of a reading
 * may be shared with later readings of the same turn: treat them as read-only.
 */
public final class GrowingTurnNumbers {

    /** What a text says: its number mentions in text order and its first guidance-like statement, if any. */
    public record Reading(List<NumberMention> numbers, Optional<Span> statement) {
    }

    private final GrowingNumbers numbers = new GrowingNumbers();
    private final GrowingStatement statement = new GrowingStatement();
    private String last;
    /** What {@link #last} says. */
    private Reading lastReading;

    /** What {@code text} says: {@code new NumberExtractor().find(text)} and {@code ForwardLooking.find(text)}. */
    public Reading read(String text) {
        return read(text, text != null && last != null && GrowingText.extendsText(text, last));
    }

    /**
     * {@link #read(String)} where the caller says whether {@code text} starts with the last text this read
     * ({@code extendsLast}; false for the first): a caller feeding several growing readers the same texts compares
     * each text with the last once for all of them, a compare of the whole turn at every line.
     */
    public Reading read(String text, boolean extendsLast) {
        if (text == null || text.isBlank()) {
            last = null;
            lastReading = null;
            return new Reading(List.of(), Optional.empty());
        }
        // Only a text that extends the last one can reuse its reading; anything else is read from the start.
        int readBefore = extendsLast && last != null ? last.length() : 0;
        if (readBefore > 0 && readBefore == text.length()) {
            // The same text again, as a turn's FINAL snapshot repeats its last PARTIAL one: a reading depends on the
            // text alone, so it reads as it did, and nothing need be scanned again.
            return lastReading;
        }
        Reading reading = new Reading(numbers.read(text, readBefore), statement.read(text, readBefore));
        last = text;
        lastReading = reading;
        return reading;
    }
}
