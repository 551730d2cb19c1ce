package io.callstream.enrich.tags;

/**
 * Where a growing turn can be cut so that each closed part is matched alone, exactly as it would be inside the
 * whole turn. A seam is the end of a sentence mark of {@link TopicAnalyzer} (a '.', '!' or '?' run before a blank,
 * where {@link SentenceEnds} ends a sentence):
 * <ul>
 *   <li>the analyzer puts {@link TopicAnalyzer#SENTENCE_GAP} positions there, and {@link TopicQueries} refuses a
 *       phrase that reaches that far, so no phrase or proximity clause spans a seam;</li>
 *   <li>a blank follows the seam, and the tokenizer never joins words across a blank, nor does its char filter
 *       look more than one character behind; the filters after it read one word at a time (the filler filter
 *       carries a gap forward, which only moves the part as a whole);</li>
 *   <li>the mark ends a safe-harbour sentence too ({@link SafeHarbourSentences#endsSentence}), so blanking a part
 *       alone blanks the same sentences.</li>
 * </ul>
 * A part is closed, and will never change as the turn grows, when everything its seam depends on is written: its
 * safe-harbour sentences are ended by a character that exists (not by the end of the text, which the next line
 * moves), so their blanking is final, and the blank after the seam is there.
 */
final class SentenceSeams {

    private SentenceSeams() {
    }

    /**
     * The last seam of {@code text} (a turn from a seam on, or from its start) that closes a part, as an offset into
     * it, 0 when there is none: the part before it is closed, with every seam in it. {@code matchable} is
     * {@code text} as it is matched: blanked or not, same length.
     */
    static int lastClosed(String text, String matchable) {
        // Read from an array: String.charAt per char costs an index check each.
        char[] chars = text.toCharArray();
        // A sentence end is decided by the blank after it, so those up to the settled end are read from the text up
        // to the character there.
        int read = Math.min(matchable.length(), settledEnd(chars) + 1);
        if (matchable != text) {
            matchable.getChars(0, read, chars, 0); // the settled end was the text's; the sentence ends are matchable's
        }
        SentenceEnds ends = new SentenceEnds();
        ends.read(chars, read);
        return ends.count() == 0 ? 0 : ends.end(ends.count() - 1);
    }

    /**
     * The end of the last safe-harbour sentence of {@code text} that a character after it ends: text before it is
     * blanked the same however the turn grows. 0 when there is none.
     */
    private static int settledEnd(char[] text) {
        for (int i = text.length - 2; i >= 0; i--) {
            if (SafeHarbourSentences.endsSentence(text, i)) {
                return i + 1;
            }
        }
        return 0;
    }
}
