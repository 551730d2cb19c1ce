package io.callstream.enrich.qa;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.callstream.avro.Span;
import io.callstream.enrich.text.RequiredWords;
import io.callstream.enrich.text.StartScan;

/**
 * Finds words by which an executive declines to give information. Each pattern below is one way of saying it;
 * they are deliberately narrow (a refusal names what is withheld: reporting, disclosing, breaking down, guiding,
 * commenting), so that "we don't have to invest" or "it's not going to have an impact" are not refusals.
 */
public final class DeclinePhrases {

    private static final String DONT = "(?:do\\s+not|don['\u2019]t)";
    private static final String[] NEGATIONS = {"not", "n't", "n\u2019t"};
    private static final String THAT = "(?:(?:that|this|it|those|these|the\\s+\\w+|out)\\s+)?";

    /** The documented list: one refusal idiom each, case-insensitive. */
    static final List<Pattern> PATTERNS = List.of(
            // "we don't report that number", "we do not disclose", "we don't break that down", "we don't break down"
            Pattern.compile("(?i)\\bwe\\s+" + DONT + "\\s+(?:report|disclose|break\\s+" + THAT + "(?:down|out))\\b"),
            // "we don't give guidance on", "we don't provide", "we don't guide to", "we don't comment on"
            Pattern.compile("(?i)\\bwe\\s+" + DONT + "\\s+(?:give\\s+(?:guidance|specifics|that)|provide|guide"
                    + "|comment\\s+on|share)\\b"),
            // "we'll reserve announcements", "we'll reserve powered drive flow announcements for later"
            Pattern.compile("(?i)\\bwe(?:['\u2019]ll|\\s+will)\\s+reserve\\s+(?:[\\w-]+\\s+){0,4}?"
                    + "(?:announcements?|comments?|details)\\b"),
            // "not going to comment", "we're not going to disclose", "won't comment", "can't comment"
            Pattern.compile("(?i)\\b(?:not\\s+going\\s+to|won['\u2019]t|can['\u2019]t|cannot|not\\s+able\\s+to)\\s+"
                    + "(?:comment|disclose|break\\s+" + THAT + "(?:down|out)|give\\s+guidance|provide\\s+guidance"
                    + "|get\\s+into\\s+(?:specifics|details))\\b"));

    private DeclinePhrases() {
    }

    /** The earliest refusal in {@code text}, as a span whose offsets index {@code text} exactly. */
    public static Optional<Span> find(String text) {
        return text == null ? Optional.empty() : find(text, 0);
    }

    /**
     * The earliest refusal in {@code text} that starts at {@code from} or later: the matches {@link #find(String)}
     * would try from there, with the whole text around them (a word boundary at {@code from} sees the character
     * before it).
     */
    static Optional<Span> find(String text, int from) {
        Matcher best = null;
        long mayMatch = ALL_WORDS.mayMatch(text, from);
        for (int i = 0; i < PATTERNS.size(); i++) {
            if ((mayMatch & 1L << i) == 0) {
                continue;
            }
            // As find() of a matcher with the region [from, end) and transparent bounds, tried only where the
            // pattern's first words are; a match starting at the best one's start or later cannot be earlier.
            StartScan.Attempts attempts = new StartScan.Attempts(PATTERNS.get(i), text);
            if (StartScan.find(attempts, text, from, best == null ? text.length() : best.start(), STARTS.get(i))) {
                best = attempts.matcher();
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        return Optional.of(Span.newBuilder().setStart(best.start()).setEnd(best.end())
                .setText(text.substring(best.start(), best.end())).build());
    }

    /**
     * Words every match of each pattern holds, by pattern: a negation ("do not", "don't", "won't", "can't",
     * "cannot", "not going to", "not able to" hold "not" or "n't") and the verb of what is withheld, or "reserve".
     * Most sentences lack them, and four regex scans cost more than these searches.
     */
    static final List<RequiredWords> WORDS = List.of(
            RequiredWords.anyOf(NEGATIONS).andAnyOf("report", "disclose", "break"),
            RequiredWords.anyOf(NEGATIONS).andAnyOf("give", "provide", "guide", "comment", "share"),
            RequiredWords.anyOf("reserve"),
            RequiredWords.anyOf(NEGATIONS).andAnyOf("comment", "disclose", "break", "guidance", "get"));

    /**
     * By pattern, the words its matches start with (after its {@code \\b}), a space standing for a run of
     * {@code \\s} ({@link StartScan#prefixes}): a find tries the pattern at the starts of these words only, not at
     * every offset of a long answer.
     */
    static final List<StartScan.Starts> STARTS = List.of(
            StartScan.prefixes(true, "we "),
            StartScan.prefixes(true, "we "),
            StartScan.prefixes(true, "we'll", "we\u2019ll", "we will"),
            StartScan.prefixes(true, "not going to", "not able to", "won't", "won\u2019t", "can't", "can\u2019t",
                    "cannot"));

    /** {@link #WORDS} looked for in one pass: three of them start with the same negations. */
    private static final RequiredWords.OnePass ALL_WORDS = RequiredWords.OnePass.of(WORDS);

    /**
     * Whether no pattern can match across {@code c}: every pattern is made of word boundaries, whitespace, ASCII word
     * characters, hyphens and apostrophes, so a match never holds a full stop, comma, question or exclamation mark,
     * semicolon or colon. {@link GrowingRefusal} relies on it; a new pattern must keep it true.
     */
    static boolean breaksEveryMatch(char c) {
        return c == '.' || c == ',' || c == '?' || c == '!' || c == ';' || c == ':';
    }
}
