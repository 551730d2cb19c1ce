package io.callstream.enrich.tags;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class TurnSentencesTest {

    private static List<String> sentences(String text) {
        return TurnSentences.of(text).stream().map(s -> s.of(text)).toList();
    }

    @Test
    void cutsWhereTheRulesAnalyzerEndsASentenceAndKeepsAbbreviationsWhole() {
        assertThat(sentences("  U.S. sales grew 5%. We expect more next year!  Really? Yes "))
                .containsExactly("U.S. sales grew 5%.", "We expect more next year!", "Really?", "Yes");
    }

    @Test
    void keepsAnUnfinishedLastSentenceAndNothingForBlanks() {
        assertThat(sentences("Margins improved. And the")).containsExactly("Margins improved.", "And the");
        assertThat(TurnSentences.of("   ")).isEmpty();
    }

    @Test
    void givesOffsetsIntoTheText() {
        String text = "One. Two.";
        assertThat(TurnSentences.of(text)).containsExactly(new TurnSentences.Sentence(0, 4),
                new TurnSentences.Sentence(5, 9));
    }
}
