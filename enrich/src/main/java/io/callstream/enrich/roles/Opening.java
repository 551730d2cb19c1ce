package io.callstream.enrich.roles;

import java.util.List;
import java.util.Locale;

/**
 * A text's opening words, read only where they hold one of a cue's words: the cheap look that spares a cue's
 * regular expression on most turns, since what a speaker says of themselves comes in their first words.
 *
 * @param chars how many characters count as the opening
 * @param words lower-case words every match of the cue holds one of
 */
record Opening(int chars, List<String> words) {

    Opening {
        words = List.copyOf(words);
    }

    /** The opening of {@code text} where it holds one of the words (in any case), else null. */
    String of(String text) {
        if (text == null) {
            return null;
        }
        String opening = text.length() > chars ? text.substring(0, chars) : text;
        return holdsAny(opening.toLowerCase(Locale.ROOT), words) ? opening : null;
    }

    /** Whether {@code lowerCase} holds one of {@code words}. */
    static boolean holdsAny(String lowerCase, List<String> words) {
        for (String word : words) {
            if (lowerCase.contains(word)) {
                return true;
            }
        }
        return false;
    }
}
