package io.callstream.enrich.tags;

import java.util.Arrays;
import io.callstream.enrich.text.Blanks;

/**
 * Where {@link TopicAnalyzer} ends a sentence, read one character at a time. A sentence ends after a run of '.',
 * '!' or '?' that a blank follows, when the mark follows a lower-case letter, a digit, a closing bracket, quote or
 * '%' ("... in Q4. Next", "... 5%. And"), so that "U.S. sales" stays one sentence, or when the run ends in '!' or
 * '?' after something other than a blank ("Really?! Yes", "OK? Then"). "Mr. Smith" is cut in two, which no rule
 * minds.
 *
 * <p>The ends are those of {@link TopicAnalyzer#SENTENCE_END}, the regular expression the analyzer once ran over
 * every character, found left to right: the ends of its matches. A match of either alternative ends where its run
 * of marks ends, and only before a blank (a shorter run would be followed by a mark, which is no blank), so each
 * maximal run of marks that a blank follows ends a sentence or does not, as a whole, by {@link #closes}: the run
 * and one character before it decide. {@code SentenceEndsTest} checks every character against both look-behinds
 * and the look-ahead, and fuzzed texts and every turn of the shared calls against the regular expression.
 *
 * <p>Not thread-safe: one per text read.
 */
final class SentenceEnds {

    /** No character: the start of the text. */
    private static final int NONE = -1;

    /** The last character read, or {@link #NONE}. */
    private int previous = NONE;
    /** How many characters were read. */
    private int position;
    /** The character before the current run of marks, or {@link #NONE}; meaningful while {@link #marks} > 0. */
    private int before = NONE;
    /** The length of the run of marks just read, 0 after any other character. */
    private int marks;
    /** How many of those marks, at the run's end, are '!' or '?'. */
    private int bangs;
    /** The sentence ends found, in order: the offsets of the blanks after their marks. */
    private int[] ends = new int[8];
    private int count;

    /** Reads the next character; true when a sentence ends just before it (it is a blank after a closing run). */
    boolean next(char c) {
        boolean ended = false;
        if (c == '.' || c == '!' || c == '?') {
            if (marks == 0) {
                before = previous;
                bangs = 0;
            }
            marks++;
            bangs = c == '.' ? 0 : bangs + 1;
        } else {
            if (marks > 0 && Blanks.isBlank(c) && closes(before, marks, bangs)) {
                if (count == ends.length) {
                    ends = Arrays.copyOf(ends, count * 2);
                }
                ends[count++] = position;
                ended = true;
            }
            marks = 0;
        }
        previous = c;
        position++;
        return ended;
    }

    /**
     * Reads {@code text[0, length)}, as {@link #next} reads each of its chars in turn. A char that is no mark, after
     * another that is none, changes nothing but the last char read and the count: such stretches, most of a text,
     * are passed over at a step.
     */
    void read(char[] text, int length) {
        read(text, length, false);
    }

    /**
     * Reads {@code text} as {@link #read(char[], int)} does, up to its first high surrogate (for which the analyzer
     * reads a text otherwise): where that is, or {@code length} for none. One pass where a search for the surrogate
     * and then a read of the chars before it made two.
     */
    int readBeforeHighSurrogate(char[] text, int length) {
        return read(text, length, true);
    }

    private int read(char[] text, int length, boolean toHighSurrogate) {
        int i = 0;
        while (i < length) {
            if (marks == 0) {
                int from = i;
                while (i < length && !mark(text[i]) && !(toHighSurrogate && Character.isHighSurrogate(text[i]))) {
                    i++;
                }
                if (i > from) {
                    previous = text[i - 1];
                    position += i - from;
                }
                if (i == length) {
                    return length;
                }
            }
            if (toHighSurrogate && Character.isHighSurrogate(text[i])) {
                return i;
            }
            next(text[i++]);
        }
        return length;
    }

    private static boolean mark(char c) {
        return c == '.' || c == '!' || c == '?';
    }

    /** How many sentence ends were read. */
    int count() {
        return count;
    }

    /** The offset of the {@code i}th sentence end: the blank that follows its marks. */
    int end(int i) {
        return ends[i];
    }

    /**
     * Whether the marks {@code text[start, end)}, a whole run of '.', '!' and '?' (no mark before {@code start} or
     * at {@code end}) that a blank follows, end a sentence. What {@link #next} decides for a run, from the text.
     */
    static boolean closes(CharSequence text, int start, int end) {
        int bangs = 0;
        while (bangs < end - start && text.charAt(end - 1 - bangs) != '.') {
            bangs++;
        }
        return closes(start > 0 ? text.charAt(start - 1) : NONE, end - start, bangs);
    }

    /**
     * Whether a run of {@code marks} marks, the last {@code bangs} of them '!' or '?', that a blank follows, ends a
     * sentence, after the character {@code before} ({@link #NONE} at the start of the text). The regular
     * expression's first alternative matches from the run's start when the character before may close a sentence.
     * The second matches a run of '!' and '?' after a non-blank, ending where the marks do: from any of the last
     * {@code bangs} marks, the first of which follows a '.' when the run has other marks, and the others follow a
     * mark; so only a run that is one '!' or '?' depends on the character before.
     */
    static boolean closes(int before, int marks, int bangs) {
        if (before != NONE && closesBefore((char) before)) {
            return true;
        }
        return bangs > 0 && (bangs >= 2 || bangs < marks || (before != NONE && !Blanks.isBlank((char) before)));
    }

    /**
     * {@code [\p{Ll}\p{N})\]"'\u2019\u201D%]} as the regular expression's look-behind reads it: one char, a
     * surrogate as itself (its category is neither of these).
     */
    static boolean closesBefore(char c) {
        switch (c) {
            case ')', ']', '"', '\'', '\u2019', '\u201D', '%':
                return true;
            default:
                if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                    return true;
                }
                if (c < 0x80) {
                    return false;
                }
                int type = Character.getType(c);
                return type == Character.LOWERCASE_LETTER || type == Character.DECIMAL_DIGIT_NUMBER
                        || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
        }
    }
}
