package io.callstream.enrich.qa;

import java.util.Optional;

import io.callstream.avro.Span;
import io.callstream.enrich.text.GrowingText;

/**
 * The earliest refusal in a growing turn, exactly as {@link DeclinePhrases#find(String)} finds it in the whole text,
 * reading only what is new.
 *
 * <p>Why it is exact: no refusal pattern can match across a breaking character
 * ({@link DeclinePhrases#breaksEveryMatch}), so an attempt to match that starts at or before the last breaking
 * character {@code b} of a text ends at {@code b} at the latest, and reads nothing after {@code b}; text appended
 * later cannot change its outcome. So once a match is found that starts at or before {@code b}, it is the answer for
 * every later text of the turn (every earlier start failed for good); and when none is, every start up to {@code b}
 * has failed for good, and the next text is searched from {@code b + 1}. A text that does not extend the last one (a
 * revised line) starts over.
 *
 * <p>One instance per turn; not thread-safe.
 */
public final class GrowingRefusal {

    private String text = "";
    /** Every start before it has failed for good. */
    private int searchFrom;
    /** The refusal found where nothing later can move it, or null. */
    private Span settled;

    public Optional<Span> find(String next) {
        if (!GrowingText.extendsText(next, text)) {
            searchFrom = 0;
            settled = null;
        }
        text = next;
        if (settled != null) {
            return Optional.of(settled);
        }
        Optional<Span> found = DeclinePhrases.find(next, searchFrom);
        int lastBreak = next.length() - 1;
        while (lastBreak >= searchFrom && !DeclinePhrases.breaksEveryMatch(next.charAt(lastBreak))) {
            lastBreak--;
        }
        if (found.isPresent() && found.get().getStart() <= lastBreak) {
            settled = found.get();
        } else if (lastBreak >= searchFrom) {
            searchFrom = lastBreak + 1;
        }
        return found;
    }
}
