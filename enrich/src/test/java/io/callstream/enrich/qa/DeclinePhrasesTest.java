package io.callstream.enrich.qa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.callstream.avro.Span;
import io.callstream.enrich.tags.TurnLines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DeclinePhrasesTest {

    // The first three are Tesla's answers in the bundled Q4 2016 call, as ingest delivers them.
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Yes, we don't report that number, because people read too much into it.|we don't report",
        "So, we don't break down disclose the specifics here, but it's a mix.|we don't break down",
        "I think we'll reserve powered drive flow announcements later this year.|we'll reserve powered drive flow announcements",
        "Well, we don't break that out by region.|we don't break that out",
        "We do not disclose the backlog.|We do not disclose",
        "Honestly, we don't give guidance on margins by quarter.|we don't give guidance",
        "We're not going to comment on pricing today.|not going to comment",
        "We don't provide that level of detail.|We don't provide",
    })
    void findsTheRefusalWithOffsetsIntoTheText(String text, String refusal) {
        Span span = DeclinePhrases.find(text).orElseThrow();
        assertThat(span.getText()).isEqualTo(refusal);
        assertThat(text.substring(span.getStart(), span.getEnd())).isEqualTo(refusal);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "So we don't have to invest in CapEx for a new factory.",
        "It's not going to have a significant impact on our cash position.",
        "We don't know exactly what that's going to be.",
        "We report gross margin every quarter.",
    })
    void leavesOrdinaryNegativesAlone(String text) {
        assertThat(DeclinePhrases.find(text)).isEmpty();
    }

    /**
     * Each pattern is tried only where its words are ({@link DeclinePhrases#WORDS}): sound only if every match
     * holds them. Checked on every line and turn of the shared corpus (when it is there) and on the idioms above.
     */
    @Test
    void everyMatchHoldsTheWordsItsPatternIsPrefilteredBy() {
        List<String> texts = new ArrayList<>(List.of("We DON'T report that number.", "We Won\u2019t comment.",
                "We'll RESERVE further announcements.", "We CANNOT disclose that.", "we do NOT provide"));
        texts.addAll(TurnLines.linesAndTurns(" "));
        int matched = 0;
        for (String text : texts) {
            String lowerCase = text.toLowerCase(Locale.ROOT);
            for (int i = 0; i < DeclinePhrases.PATTERNS.size(); i++) {
                if (DeclinePhrases.PATTERNS.get(i).matcher(text).find()) {
                    matched++;
                    assertThat(DeclinePhrases.WORDS.get(i).mayMatch(lowerCase))
                            .as("pattern %d in: %s", i, text).isTrue();
                }
            }
        }
        assertThat(matched).as("refusals found").isGreaterThan(10);
    }
}
