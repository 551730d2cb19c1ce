package io.callstream.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.avro.LineFlag;
import io.callstream.avro.Section;
import java.util.List;
import org.junit.jupiter.api.Test;

class VendorTranscriptFormatTest {

    private final VendorTranscriptFormat format = new VendorTranscriptFormat();

    private List<ParsedLine> lines(String... blocks) {
        return format.parse(String.join("\n\n", blocks)).lines();
    }

    @Test
    void isNamedVendor() {
        assertThat(format.name()).isEqualTo("vendor");
    }

    @Test
    void givesTextBeforeFirstHeaderNoSpeaker() {
        List<ParsedLine> lines = lines("Thank you. First of all.", "Jason S. Wheeler - Tesla, Inc.", "Yes, sure.");

        assertThat(lines).extracting(ParsedLine::speakerLabel).containsExactly(null, "Jason S. Wheeler");
        assertThat(lines.get(0).affiliation()).isNull();
        assertThat(lines.get(1).affiliation()).isEqualTo("Tesla, Inc.");
    }

    @Test
    void startsEveryHeaderANewSpeakerAndKeepsHeadersOutOfSpeech() {
        List<ParsedLine> lines = lines(
                "Elon Reeve Musk - Tesla, Inc.", "Thank you.",
                "Jason S. Wheeler - Tesla, Inc.", "It's been a great ride.", "A long time ago.");

        assertThat(lines).extracting(ParsedLine::speakerLabel)
                .containsExactly("Elon Reeve Musk", "Jason S. Wheeler", "Jason S. Wheeler");
        assertThat(lines).extracting(ParsedLine::text)
                .containsExactly("Thank you.", "It's been a great ride.", "A long time ago.");
    }

    @Test
    void labelsOperatorWithoutAffiliation() {
        List<ParsedLine> lines = lines("Operator", "And our first question comes from the line of Adam Jonas.");

        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.speakerLabel()).isEqualTo("Operator");
            assertThat(line.affiliation()).isNull();
        });
    }

    @Test
    void switchesToQuestionsAndAnswersAtTheSectionHeader() {
        List<ParsedLine> lines = lines(
                "Jeffrey K. Evanson - Tesla, Inc.", "All right, Vicki, first question, please.",
                "Question-and-Answer Session",
                "Operator", "And our first question comes from the line of Adam Jonas.");

        assertThat(lines).extracting(ParsedLine::section)
                .containsExactly(Section.PREPARED_REMARKS, Section.QUESTIONS_AND_ANSWERS);
        assertThat(lines).extracting(ParsedLine::text).doesNotContain("Question-and-Answer Session");
    }

    @Test
    void joinsParagraphSplitByPageBreak() {
        List<ParsedLine> lines = lines(
                "Adam Michael Jonas - Morgan Stanley & Co. LLC",
                "And if launched, how could this change your time? Could it",
                "potentially change the rationale? And this is a serious question, Elon.");

        assertThat(lines).singleElement().extracting(ParsedLine::text).isEqualTo(
                "And if launched, how could this change your time? Could it potentially change the rationale?"
                        + " And this is a serious question, Elon.");
    }

    @Test
    void joinsPageBreakBeforeANumber() {
        List<ParsedLine> lines = lines("So, we've told them", "1,000 a week in July, 2,000 a week in August.");

        assertThat(lines).extracting(ParsedLine::text)
                .containsExactly("So, we've told them 1,000 a week in July, 2,000 a week in August.");
    }

    @Test
    void keepsParagraphsApartWhenTheFirstEndsASentenceOrTheSecondStartsOne() {
        assertThat(lines("It's sort of applying the rocket equation.", "then it goes into a logarithm."))
                .hasSize(2);
        assertThat(lines("And then I'm just wondering if you could opine on that", "Well, it's just that."))
                .hasSize(2);
    }

    @Test
    void neverJoinsAcrossASpeakerHeader() {
        List<ParsedLine> lines = lines(
                "Jason S. Wheeler - Tesla, Inc.", "he's well positioned to -",
                "Elon Reeve Musk - Tesla, Inc.", "a long time ago.");

        assertThat(lines).extracting(ParsedLine::speakerLabel).containsExactly("Jason S. Wheeler", "Elon Reeve Musk");
    }

    @Test
    void takesSpeechWithASpacedHyphenAsSpeech() {
        List<ParsedLine> lines = lines(
                "Operator", "And our next question -",
                "Jeffrey K. Evanson - Tesla, Inc.", "Right - thanks, Vicki. Let me interrupt you here.");

        assertThat(lines).extracting(ParsedLine::text)
                .containsExactly("And our next question -", "Right - thanks, Vicki. Let me interrupt you here.");
    }

    @Test
    void takesAHeaderShapedLineInsideAParagraphAsSpeech() {
        List<ParsedLine> lines = format.parse("Operator\n\nElon Reeve Musk - Tesla, Inc.\nis on the line.").lines();

        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.speakerLabel()).isEqualTo("Operator");
            assertThat(line.text()).isEqualTo("Elon Reeve Musk - Tesla, Inc. is on the line.");
        });
    }

    @Test
    void flagsPhoneticSpellingAndRemovesTheMark() {
        ParsedLine line = lines("Elon Reeve Musk - Tesla, Inc.", "I don't think [ph] this is likely to occur.").get(0);

        assertThat(line.text()).isEqualTo("I don't think this is likely to occur.");
        assertThat(line.flags()).contains(LineFlag.PHONETIC_SPELLING);
    }

    @Test
    void flagsLinesThatHeldAMarkerAsPartlyInaudible() {
        List<ParsedLine> lines = lines("we will in-source (7:12) it, but we will see.", "Right.");

        assertThat(lines.get(0).flags()).contains(LineFlag.INAUDIBLE);
        assertThat(lines.get(1).flags()).doesNotContain(LineFlag.INAUDIBLE);
    }

    @Test
    void readsEscapedDollar() {
        assertThat(lines("We get basically \\$0.50 on the \\$1.").get(0).text())
                .isEqualTo("We get basically $0.50 on the $1.");
    }

    @Test
    void handlesWindowsLineEndingsAndAByteOrderMark() {
        List<ParsedLine> lines = format.parse("\uFEFFOpening words.\r\n\r\nOperator\r\n\r\nThank you.\r\n").lines();

        assertThat(lines).extracting(ParsedLine::speakerLabel).containsExactly(null, "Operator");
        assertThat(lines).extracting(ParsedLine::text).containsExactly("Opening words.", "Thank you.");
    }

    @Test
    void removesMarkersAndInterpolatesOffsetsByWordCount() {
        // Markers at words 10 (1:00) and 30 (2:00) of the transcript: 3 s a word.
        List<ParsedLine> lines = lines(
                "one two three four five six seven eight nine ten.",
                "(1:00) one two three four five six seven eight nine ten.",
                "one two three four five.",
                "one two three four five (2:00) six seven eight nine ten.");

        assertThat(lines).extracting(ParsedLine::text).noneMatch(text -> text.contains("("));
        assertThat(lines).extracting(ParsedLine::callOffsetMs).containsExactly(30_000L, 60_000L, 90_000L, 105_000L);
        assertThat(lines).extracting(ParsedLine::durationMs).containsExactly(30_000L, 30_000L, 15_000L, null);
    }

    @Test
    void flagsEveryLineWhoseTimeWasNotReadFromItsOwnOpeningMarker() {
        List<ParsedLine> lines = lines(
                "one two three four five six seven eight nine ten.",
                "(1:00) one two three four five six seven eight nine ten.",
                "one two three four five (2:00) six seven eight nine ten.");

        assertThat(lines).extracting(line -> line.flags().contains(LineFlag.INTERPOLATED_TIME))
                .containsExactly(true, false, true);
    }

    @Test
    void extrapolatesAtTheCallsOwnRateAndKeepsOffsetsMonotonicAndNonNegative() {
        // Markers at words 10 (0:14) and 30 (0:54): 2 s a word, also before the first and after the last.
        List<ParsedLine> lines = lines(
                "one two three four five.",
                "six seven eight nine ten (0:14) eleven twelve.",
                "a b c d e f g h i j k l m n o p q r (0:54) s t.",
                "one two three four five six seven eight nine ten.");

        assertThat(lines).extracting(ParsedLine::callOffsetMs).containsExactly(0L, 4_000L, 18_000L, 58_000L);
        assertThat(lines).extracting(ParsedLine::callOffsetMs).isSorted();
    }

    @Test
    void timesAParagraphThatIsOnlyAMarkerButDoesNotEmitIt() {
        // Both markers stand at word 10, so the default rate places the opening line.
        List<ParsedLine> lines = lines("one two three four five six seven eight nine ten.", "(0:10)", "(0:20) eleven.");

        assertThat(lines).extracting(ParsedLine::text).containsExactly(
                "one two three four five six seven eight nine ten.", "eleven.");
        assertThat(lines).extracting(ParsedLine::callOffsetMs).containsExactly(6_000L, 20_000L);
    }

    @Test
    void givesTheLastLineNoDuration() {
        assertThat(lines("Operator", "Thank you.")).singleElement()
                .extracting(ParsedLine::durationMs).isNull();
    }

    @Test
    void hasNoTitleInThisLayout() {
        assertThat(format.parse("Operator\n\nHello.").title()).isNull();
    }

    @Test
    void detectsSpeakerHeadersFollowedByBlankLines() {
        assertThat(format.detect("Thank you.\n\nJason S. Wheeler - Tesla, Inc.\n\nYes, sure.")).isTrue();
        assertThat(format.detect("Question-and-Answer Session\n\nOperator\n\nAnd our first question")).isTrue();
    }

    @Test
    void doesNotDetectLayoutsWithoutVendorHeaders() {
        String revStyle = "Monro Inc fiscal Q3 earnings call - Earnings-21 file 4320211 (Consumer Goods)\n\n"
                + "Speaker 1\n(00:03) Good morning ladies and gentlemen.\n\n"
                + "Maureen Mulholland\n(00:38) Thank you. Hello everyone.\n";
        assertThat(format.detect(revStyle)).isFalse();
        assertThat(format.detect("Just some prose - with a dash.\n\nAnd more prose.")).isFalse();
    }

    @Test
    void doesNotTrustAHeaderCutOffAtTheEndOfTheHead() {
        assertThat(format.detect("Some opening words.\n\nElon Reeve Musk - Tesla, Inc.")).isFalse();
    }
}
