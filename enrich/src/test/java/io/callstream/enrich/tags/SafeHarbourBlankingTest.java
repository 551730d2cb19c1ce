package io.callstream.enrich.tags;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link SafeHarbourSentences#blankSentences}, which tries the notice at a sentence's start alone when no later
 * character can begin it, blanks what a find of the notice in every sentence blanks: on every turn of the calls, on
 * turns made of the notice's own phrases, and on fuzzed texts of those phrases, cut anywhere.
 */
class SafeHarbourBlankingTest {

    /** Words of the notice's phrases, their near misses, gaps and sentence ends, for fuzzed texts. */
    private static final List<String> PIECES = List.of("forward", "looking", "statements", "statement", "actual",
            "results", "may", "differ", "safe", "harbor", "harbour", "risks", "and", "uncertainties", "undertakes",
            "undertake", "no", "obligation", "securities", "litigation", "reform", "non", "gaap", "gap", "GAAP",
            "reconciliation", "reconcile", "unreconciled", "measures", "financial", "release", "discuss", "refer",
            "reference", "these", "such", "as", "defined", "in", "our", "today's", "press", "asdefined", "nonstop",
            "Forward-looking", "uh", "um", ",", "-", " ", " ", " ", "  ", "\n", ".", ". ", "! ", "? ", "$1.5",
            "U.S.", "\u2026", "\u00e9", "x", "9");

    @Tag("sweep")
    @Test
    void blanksWhatAFindInEverySentenceBlanksOnEveryTurnOfTheCalls() {
        List<String> texts = TurnLines.linesAndTurns(" ", "\n");
        long blanked = texts.parallelStream().filter(text -> {
            String expected = findInEverySentence(text);
            assertThat(SafeHarbourSentences.blankSentences(text)).as(text).isEqualTo(expected);
            return !expected.equals(text);
        }).count();
        System.out.println("blanking equals a find per sentence on " + texts.size() + " texts, " + blanked
                + " of them with a notice");
    }

    @Tag("sweep")
    @Test
    void blanksWhatAFindInEverySentenceBlanksOnFuzzedNoticeText() {
        Random random = SeededRandom.of("SafeHarbourBlankingTest");
        for (int n = 0; n < 200_000; n++) {
            StringBuilder text = new StringBuilder();
            int pieces = random.nextInt(24);
            for (int k = 0; k < pieces; k++) {
                String piece = PIECES.get(random.nextInt(PIECES.size()));
                text.append(random.nextInt(4) == 0 ? piece.toUpperCase(java.util.Locale.ROOT) : piece);
                if (random.nextBoolean()) {
                    text.append(' ');
                }
            }
            String whole = text.toString();
            String cut = whole.substring(random.nextInt(whole.length() + 1));
            for (String sample : List.of(whole, cut)) {
                assertThat(SafeHarbourSentences.blankSentences(sample)).as(sample)
                        .isEqualTo(findInEverySentence(sample));
            }
        }
    }

    @Test
    void aNoticeAtTheSentenceStartOrLaterIsBlankedAndTheAnchoredOneOnlyAtTheStart() {
        assertThat(SafeHarbourSentences.blankSentences("These statements hold. Fine."))
                .isEqualTo("                       Fine.");
        assertThat(SafeHarbourSentences.blankSentences("Fine. We refer to non-GAAP measures.\nOK"))
                .isEqualTo("Fine.                               \nOK");
        assertThat(SafeHarbourSentences.blankSentences("Fine. Such statements hold."))
                .isEqualTo("Fine.                      ");
        assertThat(SafeHarbourSentences.blankSentences("Fine. We say such statements hold."))
                .isEqualTo("Fine. We say such statements hold.");
    }

    /** The plain reading: each sentence blanked when a find of the notice within it succeeds. */
    private static String findInEverySentence(String text) {
        char[] out = text.toCharArray();
        Matcher notice = SafeHarbourSentences.NOTICE.matcher(text);
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || SafeHarbourSentences.endsSentence(text, i)) {
                int end = Math.min(i + 1, text.length());
                if (start < end && notice.region(start, end).find()) {
                    for (int k = start; k < end; k++) {
                        if (!Character.isWhitespace(out[k])) {
                            out[k] = ' ';
                        }
                    }
                }
                start = end;
            }
        }
        return new String(out);
    }
}
