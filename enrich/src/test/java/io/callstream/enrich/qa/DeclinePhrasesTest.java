package io.callstream.enrich.qa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.callstream.avro.Span;
import io.callstream.enrich.tags.TurnLines;
import org.junit.jupiter.api.Tag;
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

    /**
     * A find tries each pattern only where its first words start ({@link DeclinePhrases#STARTS}): it must find what
     * the patterns' own find finds from the same offset, on every line and turn of the shared corpus and on texts
     * made to trip the start test (case, blanks, a word character before, curly apostrophes).
     */
    @Tag("sweep")
    @Test
    void findsWhatThePatternsFindFromTheSameOffset() {
        List<String> texts = new ArrayList<>(List.of("xwe don't report", "_we don't report", "WE  DON'T\tREPORT it",
                "we\u2019ll reserve comments", "so we will\nreserve details", "We cannot comment.", "Can\u2019t break it down",
                "we don't report, we don't give guidance", "not able to get into details", "won't, can't, cannot comment",
                "\u00e9we don't disclose", "1we don't disclose", "we-don't report"));
        texts.addAll(TurnLines.linesAndTurns(" "));
        int found = 0;
        for (String text : texts) {
            for (int from : new int[] {0, 1, text.length() / 3, text.length() / 2, text.length()}) {
                if (from > text.length()) {
                    continue;
                }
                Optional<Span> expected = firstMatch(text, from);
                assertThat(DeclinePhrases.find(text, from)).as("from %d in: %s", from, text).isEqualTo(expected);
                found += expected.isPresent() ? 1 : 0;
            }
        }
        assertThat(found).as("refusals found").isGreaterThan(20);
    }

    /** The earliest match of any pattern from {@code from} on, by each pattern's own find. */
    private static Optional<Span> firstMatch(String text, int from) {
        Matcher best = null;
        for (Pattern pattern : DeclinePhrases.PATTERNS) {
            Matcher m = pattern.matcher(text).region(from, text.length()).useTransparentBounds(true)
                    .useAnchoringBounds(false);
            if (m.find() && (best == null || m.start() < best.start())) {
                best = m;
            }
        }
        return best == null ? Optional.empty() : Optional.of(Span.newBuilder().setStart(best.start())
                .setEnd(best.end()).setText(text.substring(best.start(), best.end())).build());
    }
}
