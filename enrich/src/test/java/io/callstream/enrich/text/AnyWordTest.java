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
        List<String> texts = new ArrayList<>(List.of("", "q", "Q1", "q1", "the first quarter", "quarte", "a",
                "\u00E9t\u00E9", "won\u2019t", "half-year", "semeste"));
        TurnLines.linesAndTurns().forEach(t -> texts.add(t.toLowerCase(Locale.ROOT)));
        texts.addAll(RandomTexts.of(5, "q1234-hal fsemtrno\u00E9'\u2019", 5_000, 16));
        int found = 0;
        for (List<String> words : WORD_SETS) {
            AnyWord any = AnyWord.of(words);
            for (String text : texts) {
                boolean expected = words.stream().anyMatch(text::contains);
                assertThat(any.in(text)).as("%s in [%s]", words, text).isEqualTo(expected);
                found += expected ? 1 : 0;
            }
        }
        assertThat(found).as("texts holding a word").isGreaterThan(1_000);
    }

    @Test
    void refusesAnEmptyWord() {
        assertThatThrownBy(() -> AnyWord.of(List.of("a", ""))).isInstanceOf(IllegalArgumentException.class);
    }
}
