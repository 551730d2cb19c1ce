package io.callstream.enrich.tags;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Blanks the safe-harbour boilerplate of a turn before it is matched: the investor-relations opening reads out
 * "forward-looking statements ... actual results may differ materially ... risks and uncertainties ... competitive
 * ... regulatory ...", which would otherwise tag competition, regulation, margins and guidance on a turn that
 * discusses none of them.
 *
 * <p>A sentence is boilerplate when it names one of the notice's set phrases. Its characters are replaced by spaces,
 * so the text keeps its length and every offset the matcher reports still points at the same characters of the
 * original turn; the blanked sentence can neither match nor be evidence.
 */
final class SafeHarbourSentences {

    // Verbatim transcripts write "forward looking" and "forward-looking", and may put a filler inside a set phrase.
    private static final String GAP = "[\\s,-]+(?:(?:uh|um|er)[\\s,]+)*";

    static final Pattern NOTICE = Pattern.compile(String.join("|",
            "forward" + GAP + "looking" + GAP + "(?:statement|information)",
            "actual" + GAP + "(?:results|outcomes|events)\\b.{0,40}?\\bdiffer",
            "safe" + GAP + "harbou?r",
            "risks" + GAP + "and" + GAP + "uncertaint",
            "undertakes?" + GAP + "no" + GAP + "(?:obligation|duty)",
            "securities" + GAP + "litigation" + GAP + "reform",
            // Speech-to-text and verbatim transcripts spell GAAP "gap": "non-gap measures".
            "non" + GAP + "gaa?p\\b.{0,120}?\\breconcil",
            "\\breconcil.{0,120}?\\bnon" + GAP + "gaa?p",
            "non" + GAP + "gaa?p" + GAP + "(?:financial" + GAP + ")?measures\\b.{0,160}?"
                    + "\\b(?:release|website|presentation|slides|filings|appendix|discuss|refer)",
            "(?:discuss|refer|reference)\\w*\\b.{0,160}?\\bnon" + GAP + "gaa?p" + GAP + "(?:financial" + GAP + ")?measures",
            // The notice's own next sentence: "These statements include ... our outlook".
            "^\\s*(?:these|such)" + GAP + "(?:forward" + GAP + "looking" + GAP + ")?statements\\b",
            "as" + GAP + "defined" + GAP + "in" + GAP + "(?:our|the|today's)" + GAP + "(?:press|earnings|news)" + GAP + "release"),
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private SafeHarbourSentences() {
    }

    /** {@code text} with each boilerplate sentence replaced by as many spaces; the text itself when there is none. */
    static String blank(String text) {
        if (!NOTICE.matcher(text).find()) {
            return text; // the common case: no notice anywhere in the turn
        }
        return blankSentences(text);
    }

    /**
     * {@code text} with each boilerplate sentence blanked, without first asking whether the whole text holds a
     * notice. {@link #blank} asks that of the whole turn, and a sentence only a region match finds ("These
     * statements ...", anchored at the sentence start) is blanked only when it does: a caller blanking a part of a
     * turn asks {@link Presence} about the whole and then calls this on the part, which must start at a sentence
     * start and end at a sentence end or at the end of the turn.
     */
    static String blankSentences(String text) {
        char[] out = text.toCharArray();
        Matcher notice = NOTICE.matcher(text);
        int start = 0;
        // Read from out, which is blanked only before the sentence start: the text itself from there on.
        for (int i = 0; i < out.length; i++) {
            if (endsSentence(out, i)) {
                blankIfNotice(notice, out, start, i + 1);
                start = i + 1;
            }
        }
        blankIfNotice(notice, out, start, out.length);
        return new String(out);
    }

    /**
     * Whether {@link #blankSentences} blanks the sentence {@code text[start, end)} of a text it blanks: whether the
     * notice is in it. The sentence starts where {@link #endsSentence} ended the one before (or at 0) and ends where it
     * ends one (or at the text's end). Reads the sentence and the character after it only, as
     * {@link #blankSentences} does: so a growing turn asks this once of each sentence a character after it ends.
     */
    static boolean noticeInSentence(String text, int start, int end) {
        // The character after the sentence is in view, as in the whole text ("\b" reads it); the pair and word tests
        // read no further than the text they are given, and let through where it ends: the attempt decides.
        if (end <= start) {
            return false;
        }
        String piece = text.substring(start, Math.min(end + 1, text.length()));
        return noticeIn(NOTICE.matcher(piece), piece.toCharArray(), 0, end - start);
    }

    // A sentence ends at a line break, or at '.', '!' or '?' before white space or the end (not "$1.5").
    static boolean endsSentence(String text, int i) {
        char c = text.charAt(i);
        if (c == '\n') {
            return true;
        }
        return (c == '.' || c == '!' || c == '?') && (i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1)));
    }

    /** As {@link #endsSentence(String, int)}, in an array: String.charAt costs an index check per call. */
    static boolean endsSentence(char[] text, int i) {
        char c = text[i];
        if (c == '\n') {
            return true;
        }
        return (c == '.' || c == '!' || c == '?') && (i + 1 == text.length || Character.isWhitespace(text[i + 1]));
    }

    /** Blanks {@code out[start, end)}, a sentence, when the notice is in it. */
    private static void blankIfNotice(Matcher notice, char[] out, int start, int end) {
        if (start < end && noticeIn(notice, out, start, end)) {
            for (int i = start; i < end; i++) {
                if (!Character.isWhitespace(out[i])) {
                    out[i] = ' ';
                }
            }
        }
    }

    /**
     * Whether a find of the notice in the sentence {@code text[start, end)} succeeds, trying only the starts that can
     * begin it: the sentence start, where its '^' holds, and the later ones {@link Presence#mayBeginAfterStart(
     * CharSequence, int)} lets through (a start it rules out fails on characters of the text, inside the sentence or
     * past its end, where a find in the sentence fails too). A find tries every character with every alternative,
     * which showed in profiles of turns with a notice. A later start is tried with the sentence start out of reach of
     * '^' (no anchoring bounds) and the character before it in view of "\b" (transparent bounds), as inside the
     * find; the bounds also show "\b" the character after the sentence, which changes nothing: a sentence ends at a
     * line break or a mark, not a word character, and each "\b" of the notice follows a word character or precedes
     * a letter of it.
     */
    private static boolean noticeIn(Matcher notice, char[] text, int start, int end) {
        if (notice.useTransparentBounds(false).useAnchoringBounds(true).region(start, end).lookingAt()) {
            return true;
        }
        CharSequence chars = null;
        for (int p = start + 1; p < end; p++) {
            if (p + 1 < text.length && !Presence.mayBeginWithPair(text[p], text[p + 1])) {
                continue;
            }
            if (chars == null) {
                chars = java.nio.CharBuffer.wrap(text); // blanked before start only: read from p on
            }
            if (Presence.mayBeginAfterStart(chars, p)
                    && notice.useTransparentBounds(true).useAnchoringBounds(false).region(p, end).lookingAt()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a growing turn holds a notice anywhere, as {@link #blank} asks it ({@code NOTICE.matcher(text).find()}),
     * reading each part of the turn about once instead of the whole turn on every line. A find tries each start in
     * turn; an attempt that fails without reaching the end of the text ({@link Matcher#hitEnd()}) read only
     * characters a longer text starting with this one has too, so it fails there too: such starts are never tried
     * again: each line tries again only the starts whose attempt reached the end (within the reach of the notice's
     * set phrases, at most a few dozen words back), in order, and then the new starts. A match found without reaching the end is found
     * again in any longer text, so the answer is then settled. One per turn; not thread-safe.
     */
    static final class Presence {

        /** The notice's matcher, kept from text to text rather than made anew for each. */
        private Matcher notice;
        private boolean settled;
        /** Every start before this was tried; those not in {@link #live} failed without reaching the end. */
        private int from;
        /** The starts before {@link #from} whose last attempt reached the end of the text, in order. */
        private int[] live = new int[8];
        private int liveCount;
        /** Where the characters a call has not read before are copied to be read. */
        private char[] chars = new char[256];

        /** Whether {@code text} holds a notice; {@code text} extends the text of the previous call, if any. */
        boolean in(String text) {
            if (settled) {
                return true;
            }
            // Transparent bounds: a start's attempt sees the text before it ("\b"), as in a find over the whole
            // text; no anchoring bounds: '^' matches at the text's start only, as in that find. A reset keeps both.
            if (notice == null) {
                notice = NOTICE.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
            } else {
                notice.reset(text);
            }
            int end = text.length();
            // The live starts again, in order, then the new ones: starts in increasing order, as a find tries them,
            // leaving out only the dead, which fail again. A start kept is one whose attempt reached the end.
            int kept = 0;
            for (int i = 0; i < liveCount; i++) {
                int start = live[i];
                if (start > 0 && start < end && !mayBeginAfterStart(text, start)) {
                    continue; // live when the text ended inside a word, now left on a character that exists: dead
                }
                notice.region(start, end);
                if (notice.lookingAt()) {
                    settled = !notice.hitEnd();
                    // Keep the starts not yet read again as they were, so that the next text reads them again.
                    System.arraycopy(live, i, live, kept, liveCount - i);
                    liveCount = kept + liveCount - i;
                    return true;
                }
                if (notice.hitEnd()) {
                    live[kept++] = start;
                }
            }
            liveCount = kept;
            // The new characters, read from an array: String.charAt checks its index on every call, which the quick
            // compiler alone does not hoist out of this loop over every character of the turn.
            char[] chars = newChars(text, from, end);
            for (int start = from; start <= end; start++) {
                if (start > 0 && start + 1 < end) {
                    start = from + nextPair(chars, start - from, end - 1 - from);
                }
                if (start > 0 && start < end && !mayBeginAfterStart(text, start)) {
                    continue; // fails on characters that exist, so without reaching the end: dead for good
                }
                if (start == end) {
                    // No alternative matches nothing, and each reaches the end at once: live, no need to try.
                    if (liveCount == live.length) {
                        live = java.util.Arrays.copyOf(live, liveCount * 2);
                    }
                    live[liveCount++] = start;
                    continue;
                }
                notice.region(start, end);
                if (notice.lookingAt()) {
                    settled = !notice.hitEnd();
                    from = start; // read again next time
                    return true;
                }
                if (notice.hitEnd()) {
                    if (liveCount == live.length) {
                        live = java.util.Arrays.copyOf(live, liveCount * 2);
                    }
                    live[liveCount++] = start;
                }
            }
            from = end + 1;
            return false;
        }

        /**
         * The first index from {@code i} on, before {@code stop}, whose char and the next may begin the notice
         * ({@link #mayBeginWithPair}), or {@code stop}: the starts the pair test rules out (most) are passed over in
         * a loop of their own.
         */
        private static int nextPair(char[] chars, int i, int stop) {
            while (i < stop && !mayBeginWithPair(chars[i], chars[i + 1])) {
                i++;
            }
            return i;
        }

        /** {@code text[from, end)} in {@link #chars}, grown as needed: nothing is read when {@code from >= end}. */
        private char[] newChars(String text, int from, int end) {
            if (from < end) {
                if (chars.length < end - from) {
                    chars = new char[Math.max(end - from, 2 * chars.length)];
                }
                text.getChars(from, end, chars, 0);
            }
            return chars;
        }

        /**
         * Whether an attempt of {@code NOTICE} at a start after the text's first character, on {@code c}, can match
         * or reach the end of the text. Every alternative but the one anchored at the text's start ('^', which fails
         * at any later start on its first step) begins with one of the letters a, d, f, n, r, s, u (case-insensitive,
         * ASCII only: no UNICODE_CASE); "\\b" before "reconcil" reads the character before, but 'r' must follow it.
         * Any other character fails every alternative on its first step. Guarded by SafeHarbourPresenceTest, which
         * tries every code point after a word and after a non-word character.
         */
        static boolean mayBeginAfterStart(char c) {
            return switch (c) {
                case 'a', 'd', 'f', 'n', 'r', 's', 'u', 'A', 'D', 'F', 'N', 'R', 'S', 'U' -> true;
                default -> false;
            };
        }

        /**
         * As {@link #mayBeginAfterStart(char)}, knowing the next character too: the alternatives begin "fo", "ac",
         * "sa", "ri", "un", "se", "no", "re", "di" and "as" (case-insensitive, ASCII only); with any other pair every
         * alternative fails by its second character, which exists. Guarded by SafeHarbourPresenceTest likewise.
         */
        static boolean mayBeginAfterStart(char c, char next) {
            char n = lower(next);
            return switch (lower(c)) {
                case 'f' -> n == 'o';
                case 'a' -> n == 'c' || n == 's';
                case 's' -> n == 'a' || n == 'e';
                case 'r' -> n == 'i' || n == 'e';
                case 'u' -> n == 'n';
                case 'n' -> n == 'o';
                case 'd' -> n == 'i';
                default -> false;
            };
        }

        /**
         * As {@link #mayBeginAfterStart(char, char)}, reading as far as the alternatives' first words go. After the
         * text's first character each alternative begins with a literal: forward, actual, safe, risks, undertake
         * ("undertakes?"), securities, non, reconcil (after "\\b"), discuss, refer ("reference" begins with it) or
         * as, compared as CASE_INSENSITIVE without UNICODE_CASE compares: ASCII letters only; all but reconcil,
         * discuss and refer then go on with the gap, whose first character is a blank, ',' or '-'. At a start where
         * the text leaves every one of them before it ends, every alternative fails on a character that exists,
         * without reaching the end, so no longer text can change that either; text that ends inside one is tried.
         * Most starts that pass the pair test ("re", "as", "no", "di" and the others are common in English) fail
         * here for a few comparisons instead of a matcher's reset and attempt. Guarded by SafeHarbourPresenceTest:
         * every char after every beginning of every word, and after each word and its gap's first character.
         */
        static boolean mayBeginAfterStart(CharSequence text, int start) {
            char c = text.charAt(start);
            if (!mayBeginAfterStart(c)) {
                return false; // most characters: no word to compare
            }
            if (start + 1 == text.length()) {
                return true;
            }
            // The openings of c's letter only: each of the others differs at its first character.
            return switch (lower(c)) {
                case 'f' -> gapAfter(text, start, "forward");
                case 'a' -> gapAfter(text, start, "actual") || gapAfter(text, start, "as");
                case 's' -> gapAfter(text, start, "safe") || gapAfter(text, start, "securities");
                case 'r' -> gapAfter(text, start, "risks") || agrees(text, start, "reconcil")
                        || agrees(text, start, "refer");
                case 'u' -> agrees(text, start, "undertake") && gapAfter(text, start + "undertake".length(), "s")
                        || gapAfter(text, start, "undertake");
                case 'n' -> gapAfter(text, start, "non");
                case 'd' -> agrees(text, start, "discuss");
                default -> false;
            };
        }

        /** Whether the text from {@code start} is {@code opening}, or a beginning of it that the text's end cuts. */
        private static boolean agrees(CharSequence text, int start, String opening) {
            int length = Math.min(opening.length(), text.length() - start);
            for (int i = 0; i < length; i++) {
                if (lower(text.charAt(start + i)) != opening.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        /**
         * As {@link #agrees}, for an opening that the notice's gap follows ({@code [\\s,-]+}, then fillers): the
         * character after it, when there is one, must begin the gap.
         */
        private static boolean gapAfter(CharSequence text, int start, String opening) {
            if (!agrees(text, start, opening)) {
                return false;
            }
            int after = start + opening.length();
            if (after >= text.length()) {
                return true;
            }
            char c = text.charAt(after);
            return c == ' ' || c == ',' || c == '-' || c == '\n' || c == '\t' || c == '\r' || c == '\f'
                    || c == '\u000B';
        }

        /**
         * A looser {@link #mayBeginAfterStart(char, char)} without a branch on the letters (about a third of a
         * transcript's characters are among the first letters, in no pattern a processor predicts): a table by the
         * low five bits of the first character, of the low four bits of the second. It says yes to every pair the exact test says yes to, since upper and
         * lower case ASCII letters share those bits, and to a few more, which the exact tests then turn down; about
         * one character in twenty of a transcript passes. Guarded by SafeHarbourPresenceTest.
         */
        static boolean mayBeginWithPair(char c, char next) {
            return (PAIRS[c & 31] >>> (next & 15) & 1) != 0;
        }

        /** The second letters of the alternatives' first words, as bits of the low four bits, by the first's five. */
        private static final char[] PAIRS = pairs("forward", "actual", "as", "safe", "securities", "risks",
                "reconcil", "refer", "undertake", "non", "discuss");

        private static char[] pairs(String... openings) {
            char[] pairs = new char[32];
            for (String opening : openings) {
                pairs[opening.charAt(0) & 31] |= (char) (1 << (opening.charAt(1) & 15));
            }
            return pairs;
        }

        private static char lower(char c) {
            return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }

        /** Forgets what was seen: the next text need not extend the last. */
        void reset() {
            settled = false;
            from = 0;
            liveCount = 0;
        }
    }
}
