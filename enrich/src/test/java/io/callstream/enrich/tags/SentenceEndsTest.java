package io.callstream.enrich.tags;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import io.callstream.enrich.text.Blanks;

/**
 * {@link SentenceEnds} finds the ends of the regular expression it replaced ({@link RegexTopicAnalyzer#SENTENCE_END}:
 * where a find left to right ends its matches): each character as either look-behind and the look-ahead read it,
 * fuzzed texts of marks, brackets, quotes, blanks and odd characters, and every turn of the shared calls; read as a
 * stream and, run by run, by {@link SentenceEnds#closes(CharSequence, int, int)}.
 */
class SentenceEndsTest {

    /** Pieces of text that meet at sentence marks: the kinds of characters either alternative reads. */
    static final List<String> PIECES = List.of("a", "Z", "7", "word", "Tesla", "U.S.", "e.g.", "Mr.", "3.5", "$1.5",
            ".", ".", "!", "?", "?!", "!?", "...", "?.", ".?", "!!", " ", " ", " ", "  ", "\n", "\t", "\r\n", "\f",
            "\u000B", "\u00A0", "\u2028", "\u3000", "%", ")", "]", "}", "\"", "'", "\u2019", "\u201D", "\u201C", "(",
            "[", "-", ",", ";", ":", "\u2026", "\u00E9", "\u00DF", "\u03A9", "\u03C9", "\u0663", "\u216B", "\u00BD",
            "\uD835\uDC1A", "\uD83D\uDE00", "\uD83D", "\uDE00", "\u4E2D\u6587", "\u0E20\u0E32\u0E29\u0E32", "\u30AB\u30BF",
            "\u0301", "\u200D", "\u00AD", "xxsentenceendxx", "XXsentenceendxx", "uh", "um", "'s", "\u2019s", "Tesla's",
            "raising", "suppliers", "costs", "capital", "raise", "a".repeat(300), "q4", "5%", "(1)", "\"quoted.\"");

    @Test
    void everyCharacterIsReadAsTheLookBehindsAndTheLookAheadReadIt() {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            char ch = (char) c;
            // The first alternative's look-behind: '.' matches only through it.
            assertThat(SentenceEnds.closesBefore(ch)).as("U+%04X before '.'", c)
                    .isEqualTo(endsOf(ch + ". x").equals(List.of(2)));
            // The second's: a lone '?' after the character, at the text's start or not.
            assertThat(SentenceEnds.closes(ch, 1, 1)).as("U+%04X before '?'", c)
                    .isEqualTo(endsOf(ch + "? x").equals(List.of(2)));
            assertThat(SentenceEnds.closes(ch, 1, 1)).as("U+%04X before '?' after a blank", c)
                    .isEqualTo(endsOf(" " + ch + "? x").equals(List.of(3)));
            // The look-ahead.
            assertThat(Blanks.isBlank(ch)).as("U+%04X after '.'", c)
                    .isEqualTo(endsOf("a." + ch + "x").equals(List.of(2)));
        }
    }

    @Tag("sweep")
    @Test
    void fuzzedTextsEndWhereTheRegularExpressionEnds() {
        Random random = SeededRandom.of("SentenceEndsTest");
        for (int i = 0; i < 200_000; i++) {
            assertSameEnds(fuzzed(random, 1 + random.nextInt(30)));
        }
    }

    @Test
    void readingStretchesAtOnceFindsTheEndsThatReadingEachCharFinds() {
        Random random = SeededRandom.of("SentenceEndsTest stretches");
        for (int n = 0; n < 20_000; n++) {
            char[] text = fuzzed(random, 1 + random.nextInt(30)).toCharArray();
            SentenceEnds eachChar = new SentenceEnds();
            for (char c : text) {
                eachChar.next(c);
            }
            // In pieces of random lengths, each read at once; then one more char, which the state before decides.
            SentenceEnds stretches = new SentenceEnds();
            int at = 0;
            while (at < text.length) {
                int length = Math.min(text.length - at, random.nextInt(8));
                stretches.read(java.util.Arrays.copyOfRange(text, at, at + length), length);
                at += length;
            }
            char last = " .!?a)".charAt(random.nextInt(6));
            assertThat(stretches.next(last)).as(new String(text)).isEqualTo(eachChar.next(last));
            assertThat(stretches.count()).as(new String(text)).isEqualTo(eachChar.count());
            for (int i = 0; i < eachChar.count(); i++) {
                assertThat(stretches.end(i)).as(new String(text)).isEqualTo(eachChar.end(i));
            }
        }
    }

    @Test
    void readingBeforeAHighSurrogateStopsAtTheFirstWithTheEndsOfTheCharsBeforeIt() {
        Random random = SeededRandom.of("SentenceEndsTest surrogates");
        for (int n = 0; n < 20_000; n++) {
            StringBuilder built = new StringBuilder(fuzzed(random, 1 + random.nextInt(30)));
            for (int k = random.nextInt(3); k > 0; k--) {
                built.insert(random.nextInt(built.length() + 1), random.nextBoolean() ? "\uD83D\uDE00" : "\uDBFF");
            }
            String shown = built.toString();
            char[] text = shown.toCharArray();
            int first = 0;
            while (first < text.length && !Character.isHighSurrogate(text[first])) {
                first++;
            }
            SentenceEnds before = new SentenceEnds();
            before.read(text, first);
            SentenceEnds stopped = new SentenceEnds();

            assertThat(stopped.readBeforeHighSurrogate(text, text.length)).as(shown).isEqualTo(first);
            char next = " .!?a)".charAt(random.nextInt(6));
            assertThat(stopped.next(next)).as(shown).isEqualTo(before.next(next));
            assertThat(stopped.count()).as(shown).isEqualTo(before.count());
            for (int i = 0; i < before.count(); i++) {
                assertThat(stopped.end(i)).as(shown).isEqualTo(before.end(i));
            }
        }
    }

    @Tag("sweep")
    @Test
    void everyTurnOfTheSharedCallsEndsWhereTheRegularExpressionEnds() {
        List<TurnLines.Call> calls = new ArrayList<>(TurnLines.shared());
        calls.add(TurnLines.tesla());
        long ends = 0;
        for (TurnLines.Call call : calls) {
            for (List<String> lines : call.turns()) {
                String turn = String.join(" ", lines);
                ends += assertSameEnds(turn);
                assertSameEnds(SafeHarbourSentences.blank(turn));
            }
        }
        assertThat(ends).isPositive();
    }

    /** A text of {@code pieces} random pieces. */
    static String fuzzed(Random random, int pieces) {
        StringBuilder text = new StringBuilder();
        for (int p = 0; p < pieces; p++) {
            String piece = PIECES.get(random.nextInt(PIECES.size()));
            text.append(piece.length() > 50 ? piece.substring(0, 1 + random.nextInt(piece.length())) : piece);
        }
        return text.toString();
    }

    private static int assertSameEnds(String text) {
        List<Integer> expected = endsOf(text);
        SentenceEnds ends = new SentenceEnds();
        List<Integer> streamed = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            boolean ended = ends.next(text.charAt(i));
            assertThat(ended).as("end before %d of \"%s\"", i, text).isEqualTo(expected.contains(i));
        }
        for (int i = 0; i < ends.count(); i++) {
            streamed.add(ends.end(i));
        }
        assertThat(streamed).as("\"%s\"", text).isEqualTo(expected);
        // Run by run: every whole run of marks that a blank follows.
        List<Integer> byRuns = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            if (isMark(text.charAt(i)) && (i == 0 || !isMark(text.charAt(i - 1)))) {
                int end = i;
                while (end < text.length() && isMark(text.charAt(end))) {
                    end++;
                }
                if (end < text.length() && Blanks.isBlank(text.charAt(end)) && SentenceEnds.closes(text, i, end)) {
                    byRuns.add(end);
                }
            }
        }
        assertThat(byRuns).as("\"%s\" run by run", text).isEqualTo(expected);
        return expected.size();
    }

    private static boolean isMark(char c) {
        return c == '.' || c == '!' || c == '?';
    }

    private static List<Integer> endsOf(String text) {
        List<Integer> ends = new ArrayList<>();
        Matcher mark = RegexTopicAnalyzer.SENTENCE_END.matcher(text);
        while (mark.find()) {
            ends.add(mark.end());
        }
        return ends;
    }
}
