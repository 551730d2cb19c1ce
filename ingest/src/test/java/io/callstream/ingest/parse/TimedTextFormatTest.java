package io.callstream.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callstream.avro.LineFlag;
import io.callstream.avro.Role;
import io.callstream.avro.Section;
import io.callstream.ingest.TeslaSample;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TimedTextFormatTest {

    private static final String TITLE = "Monro Inc fiscal Q3 earnings call - Earnings-21 file 4320211 (Consumer Goods)";

    private final TimedTextFormat format = new TimedTextFormat();

    private static ParsedLine line(String speaker, String text, long offsetMs, Long durationMs, LineFlag... flags) {
        return new ParsedLine(speaker, null, Role.UNKNOWN, Section.UNKNOWN, text, offsetMs, durationMs, Set.of(flags));
    }

    @Test
    void isNamedTimedText() {
        assertThat(format.name()).isEqualTo("timed-text");
    }

    @Test
    void givesOneLinePerParagraphTimedByItsStampUntilTheNextParagraph() {
        ParsedTranscript transcript = format.parse("""
                %s

                Speaker 1
                (00:03) Good morning ladies and gentlemen.

                Maureen Mulholland
                (00:38) Thank you. Hello everyone.
                (01:44) Additionally, on today's call.

                Brett Ponton
                (1:02:13) Thank you, Maureen.
                """.formatted(TITLE));

        assertThat(transcript.lines()).containsExactly(
                line("Speaker 1", "Good morning ladies and gentlemen.", 3_000, 35_000L),
                line("Maureen Mulholland", "Thank you. Hello everyone.", 38_000, 66_000L),
                line("Maureen Mulholland", "Additionally, on today's call.", 104_000, 3_629_000L),
                line("Brett Ponton", "Thank you, Maureen.", 3_733_000, null));
    }

    @Test
    void takesTheFirstLineAsTitleAndReadsHintsFromIt() {
        ParsedTranscript transcript = format.parse(TITLE + "\n\nSpeaker 1\n(00:03) Good morning.\n");

        assertThat(transcript.title()).isEqualTo(TITLE);
        assertThat(transcript.hints()).isEqualTo(new CallHints("Monro Inc", null, "Q3", null));
    }

    @Test
    void takesAFirstLineWithAStampedParagraphUnderItAsASpeakerNotATitle() {
        ParsedTranscript transcript = format.parse("Speaker 1\n(00:03) Good morning.\n");

        assertThat(transcript.title()).isNull();
        assertThat(transcript.hints()).isEqualTo(CallHints.NONE);
        assertThat(transcript.lines()).containsExactly(line("Speaker 1", "Good morning.", 3_000, null));
    }

    @Test
    void keepsTheHeaderAsWrittenWithoutAffiliationOrRole() {
        List<ParsedLine> lines = format.parse(
                TITLE + "\n\nBrian D'Ambrosia\n(00:01) Hi.\n\nspeaker 2\n(00:02) Hello.\n").lines();

        assertThat(lines).extracting(ParsedLine::speakerLabel).containsExactly("Brian D'Ambrosia", "speaker 2");
        assertThat(lines).allSatisfy(line -> {
            assertThat(line.affiliation()).isNull();
            assertThat(line.role()).isEqualTo(Role.UNKNOWN);
            assertThat(line.section()).isEqualTo(Section.UNKNOWN);
        });
    }

    @Test
    void leavesTheSectionUnknownEvenAfterTheOperatorAnnouncesTheQuestions() {
        List<ParsedLine> lines = format.parse("""
                Operator
                (10:00) We will now begin the question and answer session.

                Speaker 3
                (10:09) Hi, thanks for taking my question.
                """).lines();

        assertThat(lines).extracting(ParsedLine::section).containsOnly(Section.UNKNOWN);
    }

    @Test
    void keepsVerbatimTagsInTheTextAndFlagsThem() {
        List<ParsedLine> lines = format.parse("""
                Speaker 1
                (00:01) we made preemptive loan <inaudible> contributions.
                (00:05) Morning, Phil. <crosstalk> Hi, good.
                (00:09) from our <unk> work plant.
                (00:12) put on a standstill <laugh> uh, yes.
                (00:15) <inaudible>.
                """).lines();

        assertThat(lines).containsExactly(
                line("Speaker 1", "we made preemptive loan <inaudible> contributions.", 1_000, 4_000L, LineFlag.INAUDIBLE),
                line("Speaker 1", "Morning, Phil. <crosstalk> Hi, good.", 5_000, 4_000L, LineFlag.CROSSTALK),
                line("Speaker 1", "from our <unk> work plant.", 9_000, 3_000L, LineFlag.INAUDIBLE),
                line("Speaker 1", "put on a standstill <laugh> uh, yes.", 12_000, 3_000L),
                line("Speaker 1", "<inaudible>.", 15_000, null, LineFlag.INAUDIBLE));
    }

    @Test
    void keepsEqualStampsAndGivesTheEarlierLineNoDuration() {
        List<ParsedLine> lines = format.parse("Speaker 1\n(00:05) Yes.\n(00:05) Go ahead.\n").lines();

        assertThat(lines).containsExactly(
                line("Speaker 1", "Yes.", 5_000, 0L),
                line("Speaker 1", "Go ahead.", 5_000, null));
    }

    @Test
    void raisesAStampThatGoesBackwardsToThePreviousTimeAndFlagsIt() {
        List<ParsedLine> lines = format.parse("""
                Speaker 1
                (01:00) First.
                (00:50) Second, stamped too early.
                (01:10) Third.
                """).lines();

        assertThat(lines).containsExactly(
                line("Speaker 1", "First.", 60_000, 0L),
                line("Speaker 1", "Second, stamped too early.", 60_000, 10_000L, LineFlag.INTERPOLATED_TIME),
                line("Speaker 1", "Third.", 70_000, null));
    }

    @Test
    void keepsTwoTurnsOfTheSameLabelAsOneRunOfThatLabel() {
        // Earnings-21's Banco Santander call: two speakers called Hector, one after the other.
        List<ParsedLine> lines = format.parse("Hector\n(00:22) Thank you.\n\nHector\n(01:42) Uh, thank you, Hector.\n")
                .lines();

        assertThat(lines).containsExactly(
                line("Hector", "Thank you.", 22_000, 80_000L),
                line("Hector", "Uh, thank you, Hector.", 102_000, null));
    }

    @Test
    void joinsAHardWrappedParagraph() {
        List<ParsedLine> lines = format.parse("Speaker 1\n(00:03) Good morning ladies\nand gentlemen.\n(00:09) Welcome.\n")
                .lines();

        assertThat(lines).containsExactly(
                line("Speaker 1", "Good morning ladies and gentlemen.", 3_000, 6_000L),
                line("Speaker 1", "Welcome.", 9_000, null));
    }

    @Test
    void keepsTheSpeakerAcrossABlankLineInsideATurn() {
        List<ParsedLine> lines = format.parse("Speaker 1\n(00:03) One.\n\n(00:09) Two.\n").lines();

        assertThat(lines).extracting(ParsedLine::speakerLabel).containsExactly("Speaker 1", "Speaker 1");
    }

    @Test
    void dropsAParagraphThatIsOnlyAStamp() {
        List<ParsedLine> lines = format.parse("Speaker 1\n(00:03) One.\n(00:06)\n(00:09) Two.\n").lines();

        assertThat(lines).containsExactly(
                line("Speaker 1", "One.", 3_000, 6_000L),
                line("Speaker 1", "Two.", 9_000, null));
    }

    @Test
    void keepsATimeInsideTheTextAsSpeech() {
        List<ParsedLine> lines = format.parse("Speaker 1\n(00:03) The call at (10:30) went well.\n").lines();

        assertThat(lines).containsExactly(line("Speaker 1", "The call at (10:30) went well.", 3_000, null));
    }

    @Test
    void handlesWindowsLineEndingsAByteOrderMarkAndExtraSpaces() {
        List<ParsedLine> lines = format.parse("\uFEFF" + TITLE + "\r\n\r\nSpeaker 1  \r\n(00:03)   Good   morning. \r\n")
                .lines();

        assertThat(lines).containsExactly(line("Speaker 1", "Good morning.", 3_000, null));
    }

    @Test
    void refusesAParagraphBeforeAnySpeakerHeader() {
        assertThatThrownBy(() -> format.parse(TITLE + "\n\n(00:03) Good morning.\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 3")
                .hasMessageContaining("before any speaker header");
    }

    @Test
    void refusesTextWithoutAStampUnderAHeader() {
        assertThatThrownBy(() -> format.parse(TITLE + "\n\nSpeaker 1\nGood morning.\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 4")
                .hasMessageContaining("'Speaker 1' of line 3")
                .hasMessageContaining("(mm:ss)");
    }

    @Test
    void refusesAParagraphWithoutAStampWhereAHeaderShouldBe() {
        String paragraph = "Good morning. ".repeat(10).strip();

        assertThatThrownBy(() -> format.parse("Speaker 1\n(00:03) Hi.\n\n" + paragraph + "\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 4")
                .hasMessageContaining("(mm:ss)");
    }

    @Test
    void givesNoLinesForAFileWithOnlyATitle() {
        ParsedTranscript transcript = format.parse(TITLE + "\n");

        assertThat(transcript.title()).isEqualTo(TITLE);
        assertThat(transcript.lines()).isEmpty();
    }

    @Test
    void detectsAHeaderWithAStampedParagraphDirectlyUnderIt() {
        assertThat(format.detect(TITLE + "\n\nSpeaker 1\n(00:03) Good morning.\n")).isTrue();
        assertThat(format.detect("Speaker 1\n(00:03) Good morning.\n")).isTrue();
        assertThat(format.detect(TITLE + "\nSpeaker 1\n(00:03) Good morning.\n")).isTrue();
    }

    @Test
    void detectsOnlyFromCompleteLines() {
        assertThat(format.detect(TITLE + "\n\nSpeaker 1\n(00:0")).isFalse();
        assertThat(format.detect(TITLE + "\n\nSpeaker 1\n(00:03) Good morning, and a line cut sho")).isFalse();
    }

    @Test
    void doesNotDetectTheVendorLayout() {
        assertThat(format.detect(TeslaSample.text())).isFalse();
        assertThat(format.detect("Operator\n\n(1:00) And our next question.\n\nElon Reeve Musk - Tesla, Inc.\n\nYes.\n"))
                .isFalse();
    }

    @Test
    void doesNotDetectSegmentsOrCallEvents() {
        assertThat(format.detect("call_id\tsent_idx\tturn_idx\tspeaker_id\tspeaker_label\tstart_s\tend_s\tanchored_frac\ttext\n"
                + "4320211\t0\t0\t0\tSpeaker 1\t3.24\t8.52\t1.0\tGood morning.\n")).isFalse();
        assertThat(format.detect("{\"callId\":\"c1\",\"callOffsetMs\":0,\"payload\":{}}\n")).isFalse();
    }
}
