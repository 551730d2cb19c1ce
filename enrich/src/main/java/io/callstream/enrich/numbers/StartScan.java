package io.callstream.enrich.numbers;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link Matcher#find(int)} that tries a pattern only at the offsets where a match can start. A pattern whose every
 * match must start at, say, a digit or the first letter of one of a few words wastes most of a find on the other
 * offsets: there a full attempt (large alternations, lookbehinds) fails, each at a cost. Here a cheap test of the
 * characters at and before an offset ({@link Starts}) rules most offsets out, and the pattern is attempted
 * ({@link Matcher#lookingAt}) only at the others.
 *
 * <p>Why this finds exactly what {@code find(from)} finds: {@code find} tries offsets {@code from, from + 1, ...} in
 * turn, each by matching the pattern as anchored there, and reports the first that matches. A {@link Starts} test
 * returns false only at an offset where the pattern provably cannot match (each test says why, from its pattern),
 * so skipping those offsets changes nothing. At the others, the attempt is the same attempt: the matcher's region
 * starts at the offset, but with transparent bounds its lookbehinds and {@code \b} still see the text before it (and
 * its lookaheads the text after the region's end, which is the text's end anyway), and without anchoring bounds
 * {@code ^} does not match at the offset. No pattern scanned here matches the empty string, so a scan resumed at the
 * end of the last match is the same as {@code find()} after it.
 */
final class StartScan {

    /** Whether a match of some pattern may start at {@code at} in {@code text}: false only where none can. */
    interface Starts {

        /**
         * The characters a match may start with, by ASCII code; only these are passed to {@link #mayStartAt}
         * (and the non-ASCII ones where {@link #nonAscii}). A table lookup, where most offsets are ruled out at no
         * cost.
         */
        boolean[] first();

        /** Whether a match may start with a character outside ASCII: {@link #mayStartAt} then judges it. */
        default boolean nonAscii() {
            return false;
        }

        /**
         * Whether {@link #mayStartAt} is false wherever a word character comes before ({@link #afterWordChar}): then
         * the scan rules those offsets out itself, without asking.
         */
        default boolean wordStart() {
            return false;
        }

        /** Whether a match may start at {@code at}, whose character {@link #first} or {@link #nonAscii} admits. */
        boolean mayStartAt(String text, int at);
    }

    private StartScan() {
    }

    /** A matcher of {@code pattern} over {@code text} for {@link #find}. */
    static Matcher matcher(Pattern pattern, String text) {
        return pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    }

    /**
     * As {@code find(from)} of a matcher of the same pattern over all of {@code text} (or, for a matcher made by
     * {@link #matcher}, with no region): whether a match starts at or after {@code from}, the first such then being
     * {@code m}'s match. {@code m} must come from {@link #matcher} over {@code text}.
     */
    static boolean find(Matcher m, String text, int from, Starts starts) {
        return find(m, text, from, text.length(), starts);
    }

    /**
     * {@link #find(Matcher, String, int, Starts)} of a match starting before {@code until} only: false where the
     * first match at or after {@code from} starts at {@code until} or later.
     */
    static boolean find(Matcher m, String text, int from, int until, Starts starts) {
        int length = text.length();
        boolean[] first = starts.first();
        boolean nonAscii = starts.nonAscii();
        boolean wordStart = starts.wordStart();
        for (int at = from; at < until; at++) {
            char c = text.charAt(at);
            if ((c < 128 ? first[c] : nonAscii) && !(wordStart && afterWordChar(text, at))
                    && starts.mayStartAt(text, at)) {
                m.region(at, length);
                if (m.lookingAt()) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The test of a pattern every match of which starts with one of {@code prefixes}, each matched where a
     * letter is, in any ASCII case, and where a space is, by any character of {@code \s}; where
     * {@code wordStart}, the pattern also needs no word character before the match (a {@code \b} before a letter, or
     * a lookbehind ruling out letters and digits): see {@link #afterWordChar}. A prefix's other characters are matched
     * as they are. Exact for a pattern that ignores ASCII case, and for one that does not, only more lenient.
     */
    static Starts prefixes(boolean wordStart, String... prefixes) {
        String[][] byFirst = new String[128][];
        for (String prefix : prefixes) {
            char first = prefix.charAt(0);
            if (first >= 128 || first == ' ' || first != Character.toLowerCase(first)) {
                throw new IllegalArgumentException("a prefix starts with a lower-case ASCII character: " + prefix);
            }
            String[] others = byFirst[first] == null ? new String[0] : byFirst[first];
            String[] more = java.util.Arrays.copyOf(others, others.length + 1);
            more[others.length] = prefix;
            byFirst[first] = more;
            if (first >= 'a' && first <= 'z') {
                byFirst[first - 'a' + 'A'] = more;
            }
        }
        boolean[] first = new boolean[128];
        for (int c = 0; c < 128; c++) {
            first[c] = byFirst[c] != null;
        }
        return new Starts() {
            @Override
            public boolean[] first() {
                return first;
            }

            @Override
            public boolean wordStart() {
                return wordStart;
            }

            @Override
            public boolean mayStartAt(String text, int at) {
                char c = text.charAt(at);
                if (c >= 128 || byFirst[c] == null || wordStart && afterWordChar(text, at)) {
                    return false;
                }
                for (String prefix : byFirst[c]) {
                    if (startsWith(text, at, prefix)) {
                        return true;
                    }
                }
                return false;
            }
        };
    }

    /** Whether {@code text} at {@code at} starts with {@code prefix} as {@link #prefixes} matches it. */
    private static boolean startsWith(String text, int at, String prefix) {
        int n = prefix.length();
        if (at + n > text.length()) {
            return false;
        }
        for (int k = 1; k < n; k++) {
            char p = prefix.charAt(k);
            char t = text.charAt(at + k);
            if (p == ' ' ? !isSpace(t) : p >= 'a' && p <= 'z' ? (t | 0x20) != p : t != p) {
                return false;
            }
        }
        return true;
    }

    /** A character of regex {@code \s}: {@code [ \t\n\x0B\f\r]}. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    /** A table of the ASCII characters in {@code chars} (others may not be in it: checked). */
    static boolean[] ascii(String chars) {
        boolean[] table = new boolean[128];
        for (char c : chars.toCharArray()) {
            if (c >= 128) {
                throw new IllegalArgumentException("not ASCII: " + c);
            }
            table[c] = true;
        }
        return table;
    }

    /** Whether {@code c} is in an {@link #ascii} table. */
    static boolean in(boolean[] table, char c) {
        return c < 128 && table[c];
    }

    /**
     * Whether the character before {@code at} is a letter or a digit by {@link Character#isLetterOrDigit(char)}: a
     * character of {@code \p{L}} or {@code \p{N}} (of {@code \p{L}} exactly its letters, of {@code \p{N}} its decimal
     * digits), and a word character for {@code \b}. False at 0 and for a surrogate (of a character it does not
     * judge).
     */
    static boolean afterLetterOrDigit(String text, int at) {
        return at > 0 && Character.isLetterOrDigit(text.charAt(at - 1));
    }

    /** Whether the character before {@code at} is a word character for {@code \b}: a letter, a digit or '_'. */
    static boolean afterWordChar(String text, int at) {
        return at > 0 && (Character.isLetterOrDigit(text.charAt(at - 1)) || text.charAt(at - 1) == '_');
    }
}
