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

    private static final Pattern NOTICE = Pattern.compile(String.join("|",
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
        for (int i = 0; i < text.length(); i++) {
            if (endsSentence(text, i)) {
                blankIfNotice(notice, out, start, i + 1);
                start = i + 1;
            }
        }
        blankIfNotice(notice, out, start, text.length());
        return new String(out);
    }

    // A sentence ends at a line break, or at '.', '!' or '?' before white space or the end (not "$1.5").
    static boolean endsSentence(String text, int i) {
        char c = text.charAt(i);
        if (c == '\n') {
            return true;
        }
        return (c == '.' || c == '!' || c == '?') && (i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1)));
    }

    private static void blankIfNotice(Matcher notice, char[] out, int start, int end) {
        if (start < end && notice.region(start, end).find()) {
            for (int i = start; i < end; i++) {
                if (!Character.isWhitespace(out[i])) {
                    out[i] = ' ';
                }
            }
        }
    }

    /**
     * Whether a growing turn holds a notice anywhere, as {@link #blank} asks it, without scanning the whole turn
     * again on every line once the answer cannot change: a match the regex engine found without reaching the end
     * of the text ({@link Matcher#hitEnd()}) is found again in any text that starts with this one. Until then the
     * whole text is scanned, which costs far less than matching it. One per turn; not thread-safe.
     */
    static final class Presence {

        private boolean settled;

        /** Whether {@code text} holds a notice; {@code text} extends the text of the previous call, if settled. */
        boolean in(String text) {
            if (settled) {
                return true;
            }
            Matcher notice = NOTICE.matcher(text);
            boolean found = notice.find();
            settled = found && !notice.hitEnd();
            return found;
        }

        /** Forgets what was seen: the next text need not extend the last. */
        void reset() {
            settled = false;
        }
    }
}
