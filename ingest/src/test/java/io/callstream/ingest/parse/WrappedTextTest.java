package io.callstream.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class WrappedTextTest {

    private static List<String> lines(String... lines) {
        return Arrays.asList(lines);
    }

    @Test
    void joinsLinesWrappedMidSentenceWithOneSpace() {
        assertThat(WrappedText.paragraphs(lines("We opened three hubs and", "rebuilt the routing software."), 30))
                .containsExactly("We opened three hubs and rebuilt the routing software.");
    }

    @Test
    void keepsTheHyphenAndAddsNoSpaceWhereALineBreaksAfterACompoundsHyphen() {
        assertThat(WrappedText.paragraphs(lines("keep the year-", "over-year gains and the double—", "digit growth."),
                WrappedText.UNWRAPPED))
                .containsExactly("keep the year-over-year gains and the double—digit growth.");
    }

    @Test
    void joinsADashThatStandsAloneWithASpace() {
        assertThat(WrappedText.paragraphs(lines("and we will -", "well, we will see."), WrappedText.UNWRAPPED))
                .containsExactly("and we will - well, we will see.");
    }

    @Test
    void endsAParagraphAtEveryMarkedBreak() {
        assertThat(WrappedText.paragraphs(lines("It was a good", null, "year for us."), 20))
                .containsExactly("It was a good", "year for us.");
    }

    @Test
    void endsAParagraphWhereASentenceEndsShortOfTheWrapWidth() {
        List<String> lines = lines("We grew 14% this year and", "more next.", "Priya has the numbers.");

        assertThat(WrappedText.paragraphs(lines, 25))
                .containsExactly("We grew 14% this year and more next.", "Priya has the numbers.");
    }

    @Test
    void continuesAParagraphWhereASentenceEndsSoCloseToTheWidthThatTheNextWordCouldNotFit() {
        // 23 characters, then " Excluding" would have made 33, past the width of 25.
        assertThat(WrappedText.paragraphs(lines("EPS was $0.41 this year.", "Excluding costs, $0.48."), 25))
                .containsExactly("EPS was $0.41 this year. Excluding costs, $0.48.");
    }

    @Test
    void treatsEverySentenceEndAsAParagraphEndInUnwrappedText() {
        assertThat(WrappedText.paragraphs(lines("First paragraph.", "Second one?", "Third, cut off", "and continued."),
                WrappedText.UNWRAPPED))
                .containsExactly("First paragraph.", "Second one?", "Third, cut off and continued.");
    }

    @Test
    void estimatesTheWrapWidthFromTheLongestLineThatStopsMidSentence() {
        List<String> lines = lines(
                "a line that stops here and", "goes on, then ends.", "Short.", null, "twelve chars", "x");

        assertThat(WrappedText.wrapWidth(lines)).isEqualTo("a line that stops here and".length());
    }

    @Test
    void findsNoWrapWidthWhenNoLineStopsMidSentence() {
        assertThat(WrappedText.wrapWidth(lines("One.", "Two.", null, "a last line that stops"))).isEqualTo(
                WrappedText.UNWRAPPED);
    }
}
