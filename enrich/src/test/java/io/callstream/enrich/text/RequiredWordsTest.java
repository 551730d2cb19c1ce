package io.callstream.enrich.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.callstream.enrich.tags.TurnLines;
import org.junit.jupiter.api.Test;

class RequiredWordsTest {

    @Test
    void letsATextThroughOnlyWhenEveryGroupHasOneOfItsWords() {
        RequiredWords words = RequiredWords.anyOf("not", "n't").andAnyOf("comment", "disclose");
        assertThat(words.mayMatch("we won't comment")).isTrue();
        assertThat(words.mayMatch("we do not disclose that")).isTrue();
        assertThat(words.mayMatch("we won't say")).as("no verb").isFalse();
        assertThat(words.mayMatch("no comment")).as("no negation").isFalse();
    }

    @Test
    void onePassLetsThroughWhatEachFilterAloneLetsThrough() {
        List<RequiredWords> filters = List.of(
                RequiredWords.anyOf("not", "n't", "n\u2019t").andAnyOf("report", "disclose", "break"),
                RequiredWords.anyOf("not", "n't", "n\u2019t").andAnyOf("give", "provide", "comment"),
                RequiredWords.anyOf("reserve"),
                RequiredWords.anyOf("question").andAnyOf("from"),
                RequiredWords.anyOf("your").andAnyOf("line").andAnyOf("open"));
        RequiredWords.OnePass onePass = RequiredWords.OnePass.of(filters);
        List<String> texts = new ArrayList<>(List.of("", "we won't comment", "your line is open", "reserve"));
        TurnLines.linesAndTurns().forEach(t -> texts.add(t.toLowerCase(Locale.ROOT)));
        texts.addAll(RandomTexts.of(7, "notreportgivqsfmyulin' \u2019", 5_000, 24));
        int passed = 0;
        for (String text : texts) {
            long expected = 0;
            for (int f = 0; f < filters.size(); f++) {
                expected |= filters.get(f).mayMatch(text) ? 1L << f : 0;
            }
            assertThat(onePass.mayMatch(text)).as("[%s]", text).isEqualTo(expected);
            passed += Long.bitCount(expected);
        }
        assertThat(passed).as("filters passed").isGreaterThan(TurnLines.floor(500, 25));
    }

    @Test
    void refusesWordsThatALowerCasedTextCouldNotHold() {
        assertThatThrownBy(() -> RequiredWords.anyOf("Question")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RequiredWords.anyOf("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RequiredWords.anyOf()).isInstanceOf(IllegalArgumentException.class);
    }
}
