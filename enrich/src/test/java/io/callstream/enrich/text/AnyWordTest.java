package io.callstream.enrich.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.callstream.enrich.tags.TurnLines;
import org.junit.jupiter.api.Test;

/** {@link AnyWord} answers as a search for each word would, on real and random texts. */
class AnyWordTest {

    private static final List<List<String>> WORD_SETS = List.of(
            List.of("quarter"), List.of("q1", "q2", "q3", "q4", "q-", "1q", "2q", "3q", "4q"),
            List.of("half", "semester"), List.of("not", "n't", "n\u2019t"), List.of("é", "ab", "a", "\u00E9t\u00E9"),
            List.of("question will come from", "question comes from"));

    @Test
    void findsAWordExactlyWhereSearchingForEachFindsOne() {
        List<String> texts = texts();
        int found = 0;
        for (List<String> words : WORD_SETS) {
            AnyWord any = AnyWord.of(words);
            for (String text : texts) {
                boolean expected = words.stream().anyMatch(asciiLower(text)::contains);
                assertThat(any.in(text)).as("%s in [%s]", words, text).isEqualTo(expected);
                found += expected ? 1 : 0;
            }
        }
        assertThat(found).as("texts holding a word").isGreaterThan(1_000);
    }

    @Test
    void namesTheGroupsWithAWordExactlyWhereSearchingForEachFindsOne() {
        AnyWord groups = AnyWord.ofGroups(WORD_SETS);
        int all = 0;
        for (String text : texts()) {
            long expected = 0;
            for (int g = 0; g < WORD_SETS.size(); g++) {
                if (WORD_SETS.get(g).stream().anyMatch(asciiLower(text)::contains)) {
                    expected |= 1L << g;
                }
            }
            assertThat(groups.groupsIn(text)).as("groups in [%s]", text).isEqualTo(expected);
            assertThat(groups.in(text)).as("any group in [%s]", text).isEqualTo(expected != 0);
            for (long wanted : new long[] {0b1, 0b101010, 0b111110}) {
                assertThat(groups.groupsIn(text, wanted)).as("groups %s in [%s]", wanted, text)
                        .isEqualTo(expected & wanted);
            }
            all += expected == (1L << WORD_SETS.size()) - 1 ? 1 : 0;
        }
        assertThat(AnyWord.ofGroups(WORD_SETS.subList(0, 3)).groupsIn("the q3 quarter")).isEqualTo(0b011);
        assertThat(all).as("texts holding every group's word").isPositive();
    }

    @Test
    void findsAWordOfOneCharacterAndAWordWhoseSecondIsNotAscii() {
        AnyWord words = AnyWord.of(List.of("&", "n\u2019t"));
        assertThat(words.in("q&a")).isTrue();
        assertThat(words.in("&")).isTrue();
        assertThat(words.in("won\u2019t")).isTrue();
        assertThat(words.in("won't")).isFalse();
        assertThat(words.in("n")).isFalse();
    }

    @Test
    void refusesMoreGroupsThanItCanName() {
        List<List<String>> many = new ArrayList<>();
        for (int g = 0; g <= AnyWord.MOST_GROUPS; g++) {
            many.add(List.of("w" + g + "z"));
        }
        assertThatThrownBy(() -> AnyWord.ofGroups(many)).isInstanceOf(IllegalArgumentException.class);
        assertThat(AnyWord.ofGroups(many.subList(0, AnyWord.MOST_GROUPS)).groupsIn("w63z w0z")).isEqualTo(
                1L << 63 | 1L);
    }

    private static List<String> texts() {
        List<String> texts = new ArrayList<>(List.of("", "q", "Q1", "q1", "the first quarter", "quarte", "a",
                "\u00E9t\u00E9", "won\u2019t", "half-year", "semeste", "q1 quarter half won't question comes from \u00E9"));
        TurnLines.linesAndTurns().forEach(t -> texts.add(t.toLowerCase(Locale.ROOT)));
        texts.addAll(RandomTexts.of(5, "q1234-hal fsemtrno\u00E9'\u2019", 5_000, 16));
        return texts;
    }

    /**
     * ASCII capitals read as their small letters, in the text and in the words, as a pattern that ignores ASCII
     * case only reads them; other letters keep their case. The texts of the test above, with capitals put back.
     */
    @Test
    void ignoresAsciiCaseOnly() {
        int found = 0;
        for (List<String> words : WORD_SETS) {
            AnyWord any = AnyWord.of(words);
            AnyWord upper = AnyWord.of(words.stream().map(w -> w.toUpperCase(Locale.ROOT)).toList());
            for (String text : texts()) {
                String mixed = mixCase(text);
                boolean expected = words.stream().anyMatch(asciiLower(mixed)::contains);
                assertThat(any.in(mixed)).as("%s in [%s]", words, mixed).isEqualTo(expected);
                if (words.stream().allMatch(w -> w.chars().allMatch(c -> c < 128))) {
                    assertThat(upper.in(mixed)).as("%s upper in [%s]", words, mixed).isEqualTo(expected);
                }
                found += expected ? 1 : 0;
            }
        }
        assertThat(found).as("texts holding a word").isGreaterThan(1_000);
        assertThat(AnyWord.of(List.of("\u00e9t\u00e9")).in("\u00c9T\u00c9")).as("not ASCII: case kept").isFalse();
        assertThat(AnyWord.of(List.of("quarter")).in("Q1 QUARTER", 3)).isTrue();
        assertThat(AnyWord.of(List.of("quarter")).in("QUARTER one", 1)).isFalse();
    }

    /** Every other ASCII letter in capitals. */
    private static String mixCase(String text) {
        StringBuilder mixed = new StringBuilder(text);
        for (int i = 0; i < mixed.length(); i += 2) {
            char c = mixed.charAt(i);
            if (c >= 'a' && c <= 'z') {
                mixed.setCharAt(i, (char) (c - ('a' - 'A')));
            }
        }
        return mixed.toString();
    }

    private static String asciiLower(String text) {
        StringBuilder lower = new StringBuilder(text);
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                lower.setCharAt(i, (char) (c + ('a' - 'A')));
            }
        }
        return lower.toString();
    }

    @Test
    void refusesAnEmptyWord() {
        assertThatThrownBy(() -> AnyWord.of(List.of("a", ""))).isInstanceOf(IllegalArgumentException.class);
    }
}
