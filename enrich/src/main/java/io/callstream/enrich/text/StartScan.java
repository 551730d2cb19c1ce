package io.callstream.enrich.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
public final class StartScan {

    /** Whether a match of some pattern may start at {@code at} in {@code text}: false only where none can. */
    public interface Starts {

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
         * Whether {@link #mayStartAt} is false wherever a word character comes before ({@link #afterWordChar}), and
         * {@link #first} admits only ASCII letters and digits, {@link #nonAscii} nothing: then the scan rules out the
         * other offsets itself, without asking, and may visit only the starts of words ({@link WordStarts}).
         */
        default boolean wordStart() {
            return false;
        }

        /**
         * Whether {@link #mayStartAt} is false everywhere but at the starts of words and at the characters of
         * {@link #MARKS}: then a scan may visit only those ({@link WordStarts}). So for a {@link #wordStart} pattern.
         */
        default boolean wordStartsOrMarks() {
            return wordStart();
        }

        /** Whether a match may start at {@code at}, whose character {@link #first} or {@link #nonAscii} admits. */
        boolean mayStartAt(String text, int at);

        /**
         * {@link #mayStartAt} at a word start a {@link WordStarts} found: an ASCII letter or digit with no word
         * character ({@link #afterWordChar}) before it. The same answer; a test that rules out a word character
         * before may skip asking, as the scan asks at many such offsets.
         */
        default boolean mayStartAtWordStart(String text, int at) {
            return mayStartAt(text, at);
        }

        /**
         * The most words (runs of what is not {@code \s}) that {@link #mayStartAt} reads at and after an offset,
         * counting the one the offset is in (from a space, the next one): it reads nothing after them (what it reads
         * before the offset does not count), so it answers the same in any longer text at an offset more words than
         * that before the text's last word.
         */
        int words();
    }

    /**
     * The characters, besides the starts of words, at which a pattern scanned here may start: the amounts' decimal
     * point, currency signs and minus signs (see the amounts reader of numbers, {@code Quantities}).
     */
    public static final String MARKS = ".$-\u20ac\u00a3\u00a5\u20b9\u20a9\u2212";
    private StartScan() {
    }

    /** A matcher of {@code pattern} over {@code text} for {@link #find}. */
    public static Matcher matcher(Pattern pattern, String text) {
        return pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    }

    /**
     * A pattern's attempts over one text for {@link #find}: its {@link #matcher}, made at the first attempt only. Most
     * scans of a period reader over a line's new words, and of a cue over a sentence, find no offset worth an attempt,
     * and a matcher (its arrays of groups) costs more to make than such a scan.
     */
    public static final class Attempts {

        private final Pattern pattern;
        private final String text;
        private Matcher m;
        /** See {@link #firstEndHit}; -1 while none has. */
        private int firstEndHit = -1;

        public Attempts(Pattern pattern, String text) {
            this.pattern = pattern;
            this.text = text;
        }

        /** The matcher, holding the match of the last {@link #find} that found one. */
        public Matcher matcher() {
            if (m == null) {
                m = StartScan.matcher(pattern, text);
            }
            return m;
        }

        /**
         * The offset of the first attempt so far whose matcher hit the end of the text ({@link Matcher#hitEnd}), or
         * the text's length where none has: every attempt before it reads the same, match or none, in a longer text.
         * A scan attempts offsets in text order, so it is also the smallest such offset.
         */
        public int firstEndHit() {
            return firstEndHit < 0 ? text.length() : firstEndHit;
        }

        /** Whether the pattern matches at {@code at}, as anchored there: the match is then {@link #matcher}'s. */
        public boolean matchesAt(int at) {
            Matcher matcher = matcher();
            matcher.region(at, text.length());
            boolean found = matcher.lookingAt();
            if (firstEndHit < 0 && matcher.hitEnd()) {
                firstEndHit = at;
            }
            return found;
        }
    }

    /**
     * As {@code find(from)} of a matcher of the same pattern over all of {@code text}: whether a match starts at or
     * after {@code from}, the first such then being the match of {@code m}'s {@link Attempts#matcher}. {@code m} must
     * be attempts over {@code text}.
     */
    public static boolean find(Attempts m, String text, int from, Starts starts) {
        return find(m, text, from, text.length(), starts);
    }

    /**
     * The offsets of a stretch of a text at which a word starts, an ASCII letter or digit with no word character
     * ({@link #afterWordChar}) before it, or a character of {@link #MARKS} is. A pattern that can start only there
     * ({@link Starts#wordStartsOrMarks}) need be scanned at these only: a sixth or so of a text's offsets, found once
     * for all the patterns scanned over the same stretch (the readers of numbers of a text, the cues of a sentence).
     * A growing text's are found from the last text's ({@link #extendedTo}). One thread's.
     */
    public static final class WordStarts {

        private final String text;
        private final int from;
        private final int to;
        private final int[] offsets;
        private final int count;
        /** Whether {@link #extendedTo} has handed this one's array on, to add to it. */
        private boolean extended;

        /** The word starts and marks of {@code text} in {@code [from, to)}. */
        public WordStarts(String text, int from, int to) {
            this(text, from, to, new int[Math.max(4, (to - from) / 4)], 0, from);
        }

        /**
         * The word starts and marks of {@code text} in {@code [from, to)}: the first {@code count} of {@code found},
         * those before {@code scanFrom}, then those found from there on (into {@code found}, or a larger copy).
         */
        private WordStarts(String text, int from, int to, int[] found, int count, int scanFrom) {
            this.text = text;
            this.from = from;
            this.to = to;
            int n = count;
            if (scanFrom < to) {
                // The characters in an array: under the quick compiler a String.charAt per character, each a call
                // with its checks, cost several times this copy.
                char[] chars = new char[to - scanFrom];
                text.getChars(scanFrom, to, chars, 0);
                boolean afterWord = afterWordChar(text, scanFrom);
                for (int k = 0; k < chars.length; k++) {
                    char c = chars[k];
                    boolean start;
                    if (c < 128) {
                        // one table for ASCII: a letter or digit starts a word after no word character, '_' is a
                        // word character that starts none, a mark starts a match wherever it is
                        byte kind = ASCII_KIND[c];
                        start = kind == LETTER_OR_DIGIT_KIND ? !afterWord : kind == MARK_KIND;
                        afterWord = kind == LETTER_OR_DIGIT_KIND || kind == UNDERSCORE_KIND;
                    } else {
                        // No word character before a word start, whatever the JDK (afterWordChar); a mark of MARKS
                        // starts a match. General Punctuation (dashes, curly quotes, the ellipsis), common in
                        // transcripts, holds no mark: spared the search.
                        start = (c < '\u2010' || c > '\u2027') && MARKS.indexOf(c) >= 0;
                        afterWord = false;
                    }
                    if (start) {
                        if (n == found.length) {
                            found = Arrays.copyOf(found, n * 2);
                        }
                        found[n++] = scanFrom + k;
                    }
                }
            }
            this.offsets = found;
            this.count = n;
        }

        /**
         * The word starts and marks of {@code longer}, a text that starts with the whole of this one's text, from
         * this one's start to its end: this one's, which the characters after its text cannot change (whether an
         * offset is a word start or a mark depends on its character and the one before it only), then those of the
         * new characters, which alone are read. So a growing text's word starts cost its new characters. This one
         * must reach the end of its text. Its array is shared with the first text it is extended to, which adds
         * after this one's count only: this one reads the same, and a second extension of it gets a copy.
         */
        public WordStarts extendedTo(String longer) {
            if (to != text.length() || longer.length() < to) {
                throw new IllegalArgumentException("only a stretch to its text's end extends to a longer text");
            }
            int[] found = extended ? Arrays.copyOf(offsets, Math.max(offsets.length, 4)) : offsets;
            extended = true;
            return new WordStarts(longer, from, longer.length(), found, count, to);
        }

        /** The offset this stretch starts at. */
        public int from() {
            return from;
        }

        /** The offset this stretch ends at (exclusive). */
        public int to() {
            return to;
        }

        public String text() {
            return text;
        }

        /** How many word starts and marks the stretch holds. */
        public int count() {
            return count;
        }

        /** The offset in the text of the {@code k}th word start or mark, in text order. */
        public int offset(int k) {
            if (k >= count) {
                throw new IndexOutOfBoundsException(k + " of " + count);
            }
            return offsets[k];
        }

        /** The index of the first word start at or after {@code at}, {@link #count} where there is none. */
        public int indexAtOrAfter(int at) {
            int low = 0;
            int high = count;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (offsets[mid] < at) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low;
        }
    }

    /** What an ASCII character is to {@link WordStarts}: a letter or digit, '_', a mark of {@link #MARKS}, other. */
    private static final byte OTHER_KIND = 0;
    private static final byte LETTER_OR_DIGIT_KIND = 1;
    private static final byte UNDERSCORE_KIND = 2;
    private static final byte MARK_KIND = 3;
    private static final byte[] ASCII_KIND = asciiKinds();

    private static byte[] asciiKinds() {
        byte[] kinds = new byte[128];
        for (char c = 0; c < 128; c++) {
            kinds[c] = c == '_' ? UNDERSCORE_KIND : Character.isLetterOrDigit(c) ? LETTER_OR_DIGIT_KIND
                    : MARKS.indexOf(c) >= 0 ? MARK_KIND : OTHER_KIND;
        }
        return kinds;
    }

    /**
     * {@link #find(Attempts, String, int, int, Starts)} over the text of {@code words} for a pattern that starts only
     * at word starts or marks ({@link Starts#wordStartsOrMarks}), visiting only those: every other offset is one
     * where {@link Starts#mayStartAt} is false, and at these the test is the character scan's (a word-start pattern's
     * rule against a word character before holds at each word start, and its {@link Starts#first} admits no mark;
     * at a word start it is asked as {@link Starts#mayStartAtWordStart}, the same answer).
     * {@code words} must cover {@code [from, until)}.
     */
    public static boolean find(Attempts m, WordStarts words, int from, int until, Starts starts) {
        if (!starts.wordStartsOrMarks()) {
            throw new IllegalArgumentException("not a pattern that starts at word starts or marks only");
        }
        if (from < words.from || until > words.to) {
            throw new IllegalArgumentException("[" + from + ", " + until + ") is not in [" + words.from + ", "
                    + words.to + ")");
        }
        String text = words.text;
        if (m.text != text) {
            throw new IllegalArgumentException("attempts over another text");
        }
        boolean[] first = starts.first();
        boolean nonAscii = starts.nonAscii();
        int[] offsets = words.offsets;
        for (int k = words.indexAtOrAfter(from); k < words.count; k++) {
            int at = offsets[k];
            if (at >= until) {
                return false;
            }
            char c = text.charAt(at);
            // an ASCII letter or digit there is a word start; anything else, a mark
            boolean wordStart = c < 128 && LETTER_OR_DIGIT[c];
            if ((c < 128 ? first[c] : nonAscii)
                    && (wordStart ? starts.mayStartAtWordStart(text, at) : starts.mayStartAt(text, at))
                    && m.matchesAt(at)) {
                return true;
            }
        }
        return false;
    }

    /**
     * By ASCII character, the tests of {@code starts} whose {@link Starts#first} admits it, as bits ({@code 1L << i}
     * for {@code starts.get(i)}): one lookup for several patterns scanned over the same word starts together, where
     * most word starts fit none. Each test must admit ASCII word starts or marks only (no more than 64 tests).
     */
    public static long[] firstCharacters(List<? extends Starts> starts) {
        if (starts.size() > 64) {
            throw new IllegalArgumentException("at most 64 tests: " + starts.size());
        }
        long[] first = new long[128];
        for (int i = 0; i < starts.size(); i++) {
            Starts test = starts.get(i);
            if (test.nonAscii() || !test.wordStartsOrMarks()) {
                throw new IllegalArgumentException("test " + i + " admits more than ASCII word starts and marks");
            }
            for (int c = 0; c < 128; c++) {
                first[c] |= test.first()[c] ? 1L << i : 0;
            }
        }
        return first;
    }

    /**
     * Whether a {@link WordStarts} offset holding {@code c} is a word start (an ASCII letter or digit) rather than a
     * mark: where {@link #find(Attempts, WordStarts, int, int, Starts)} asks {@link Starts#mayStartAtWordStart}.
     */
    public static boolean isWordStart(char c) {
        return c < 128 && LETTER_OR_DIGIT[c];
    }

    /** The ASCII letters and digits: a {@link WordStarts} offset with one of these is a word start. */
    private static final boolean[] LETTER_OR_DIGIT =
            ascii("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");

    /**
     * {@link #find(Attempts, String, int, Starts)} of a match starting before {@code until} only: false where the
     * first match at or after {@code from} starts at {@code until} or later.
     */
    public static boolean find(Attempts m, String text, int from, int until, Starts starts) {
        if (m.text != text) {
            throw new IllegalArgumentException("attempts over another text");
        }
        boolean[] first = starts.first();
        boolean nonAscii = starts.nonAscii();
        boolean wordStart = starts.wordStart();
        for (int at = from; at < until; at++) {
            char c = text.charAt(at);
            if ((c < 128 ? first[c] : nonAscii) && !(wordStart && afterWordChar(text, at))
                    && starts.mayStartAt(text, at) && m.matchesAt(at)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The test of a pattern every match of which starts with one of {@code prefixes}, each matched where a lower-case
     * letter is, by that letter in any ASCII case (where an upper-case letter is, by that letter only), and where a
     * space is, by a run of one or more characters of {@code \s} (so "the first" stands for the pattern's
     * {@code the\s+first}); where {@code wordStart}, the pattern also needs no word character before the match (a
     * {@code \b} before a letter, or a lookbehind ruling out letters and digits): see {@link #afterWordChar}. A
     * prefix's other characters are matched as they are. Exact for a pattern that ignores ASCII case where the
     * prefixes are in lower case, and for one that does not, only more lenient. A prefix holds no {@code \s} but ' '
     * and no two spaces in a row, and starts with an ASCII character, no space (a letter or a digit where
     * {@code wordStart}); no two prefixes differ first by the case of a letter. So at most one way through them fits
     * a text.
     */
    public static Starts prefixes(boolean wordStart, String... prefixes) {
        Prefix root = new Prefix();
        int spaces = 0;
        for (String prefix : prefixes) {
            spaces = Math.max(spaces, (int) prefix.chars().filter(c -> c == ' ').count());
            char first = prefix.charAt(0);
            boolean letterOrDigit = Character.isLetterOrDigit(first);
            if (first >= 128 || first == ' ' || wordStart && !letterOrDigit) {
                throw new IllegalArgumentException("a prefix starts with an ASCII character, no space (a letter or a"
                        + " digit for a word start): " + prefix);
            }
            Prefix node = root;
            for (int k = 0; k < prefix.length(); k++) {
                char p = prefix.charAt(k);
                if (p != ' ' && Blanks.isBlank(p) || p == ' ' && prefix.charAt(k - 1) == ' ') {
                    throw new IllegalArgumentException("no space but ' ', one at a time: " + prefix);
                }
                node = node.child(p);
            }
            node.end = true;
        }
        // Prefixes spelled out word by word ("1st of j", "12 y") repeat their tails: one copy of each tail will do.
        root.shareTails(new HashMap<>());
        // The first character picks its branch by a table lookup: the scan asks about many offsets.
        Prefix[] byFirst = new Prefix[128];
        for (int k = 0; k < root.keys.length; k++) {
            char key = root.keys[k];
            byFirst[key] = root.next[k];
            if (key >= 'a' && key <= 'z') {
                byFirst[key - 'a' + 'A'] = root.next[k];
            }
        }
        boolean[] first = new boolean[128];
        for (int c = 0; c < 128; c++) {
            first[c] = byFirst[c] != null;
        }
        // A prefix's words are its spaces and one; after a space the test reads the next word's first character.
        int words = spaces + 1;
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
            public int words() {
                return words;
            }

            @Override
            public boolean mayStartAt(String text, int at) {
                char c = text.charAt(at);
                if (c >= 128 || !first[c] || wordStart && afterWordChar(text, at)) {
                    return false;
                }
                return byFirst[c].startsAt(text, at + 1);
            }

            @Override
            public boolean mayStartAtWordStart(String text, int at) {
                char c = text.charAt(at); // ASCII, with no word character before
                return first[c] && byFirst[c].startsAt(text, at + 1);
            }
        };
    }

    /**
     * The prefixes of {@link #prefixes} as a tree of their characters: the one way through it that fits a text
     * (characters of {@link #prefixes} never fit the same text character twice) reaches an end where a prefix fits.
     * Built once, then only read.
     */
    private static final class Prefix {

        private char[] keys = new char[0];
        private Prefix[] next = new Prefix[0];
        private boolean end;

        private Prefix child(char key) {
            for (int k = 0; k < keys.length; k++) {
                if (keys[k] == key) {
                    return next[k];
                }
                if ((keys[k] | 0x20) == (key | 0x20) && Character.isLetter(key)) {
                    throw new IllegalArgumentException("two prefixes differ by the case of " + key);
                }
            }
            keys = Arrays.copyOf(keys, keys.length + 1);
            next = Arrays.copyOf(next, next.length + 1);
            keys[keys.length - 1] = key;
            next[next.length - 1] = new Prefix();
            return next[next.length - 1];
        }

        /**
         * Makes the branches below this one that are alike (the same keys, ends and branches below) one: the tree
         * then holds each tail once, however many prefixes end in it. A tree is only read once built, and alike
         * branches fit the same texts, so this changes no answer.
         */
        private void shareTails(Map<Shape, Prefix> made) {
            for (int k = 0; k < next.length; k++) {
                Prefix branch = next[k];
                branch.shareTails(made);
                next[k] = made.computeIfAbsent(branch.shape(), shape -> branch);
            }
        }

        private Shape shape() {
            return new Shape(end, String.valueOf(keys), List.of(next));
        }

        /** What a branch is, compared by its keys and by the identity of the branches below it, shared already. */
        private record Shape(boolean end, String keys, List<Prefix> next) {
        }

        /** Whether the rest of a prefix from this branch on fits {@code text} at {@code at}. */
        private boolean startsAt(String text, int at) {
            Prefix node = this;
            int i = at;
            int length = text.length();
            while (!node.end) {
                if (i == length) {
                    return false;
                }
                char t = text.charAt(i++);
                Prefix fits = null;
                char[] options = node.keys;
                for (int k = 0; k < options.length && fits == null; k++) {
                    char p = options[k];
                    if (p == ' ' ? t <= ' ' && Blanks.isBlank(t) : p >= 'a' && p <= 'z' ? (t | 0x20) == p : t == p) {
                        fits = node.next[k];
                        if (p == ' ') {
                            // a run of \s: the next key is no space, so the run is taken whole
                            while (i < length && Blanks.isBlank(text.charAt(i))) {
                                i++;
                            }
                        }
                    }
                }
                if (fits == null) {
                    return false;
                }
                node = fits;
            }
            return true;
        }
    }

    /**
     * Every concatenation of one string of each part in turn ("" for an optional part): the prefixes of a pattern
     * spelled out as it is, for {@link #prefixes}. {@code combinations(List.of("", "the "), List.of("first",
     * "second"))} is "first", "second", "the first", "the second".
     */
    @SafeVarargs
    public static List<String> combinations(List<String>... parts) {
        List<String> all = List.of("");
        for (List<String> part : parts) {
            List<String> longer = new ArrayList<>(all.size() * part.size());
            for (String head : all) {
                for (String tail : part) {
                    longer.add(head + tail);
                }
            }
            all = longer;
        }
        return all;
    }

    /** A table of the ASCII characters in {@code chars} (others may not be in it: checked). */
    public static boolean[] ascii(String chars) {
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
    public static boolean in(boolean[] table, char c) {
        return c < 128 && table[c];
    }

    /**
     * Whether the character before {@code at} is a letter or a digit by {@link Character#isLetterOrDigit(char)}: a
     * character of {@code \p{L}} or {@code \p{N}} (of {@code \p{L}} exactly its letters, of {@code \p{N}} its decimal
     * digits), and a word character for {@code \b}. False at 0 and for a surrogate (of a character it does not
     * judge).
     */
    public static boolean afterLetterOrDigit(String text, int at) {
        return at > 0 && Character.isLetterOrDigit(text.charAt(at - 1));
    }

    /**
     * Whether the character before {@code at} is a word character for {@code \b} on every JDK: an ASCII letter or
     * digit, or '_'. A letter or digit outside ASCII is one up to JDK 18 and none from JDK 19 (where {@code \b} reads
     * ASCII only unless {@link Pattern#UNICODE_CHARACTER_CLASS} is set): ruling out only what both rule out keeps a
     * start test lenient on either, the regex deciding the rest.
     */
    public static boolean afterWordChar(String text, int at) {
        if (at == 0) {
            return false;
        }
        char c = text.charAt(at - 1);
        return c < 128 && (ASCII_KIND[c] == LETTER_OR_DIGIT_KIND || c == '_');
    }
}
