package io.callstream.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callstream.avro.LineFlag;
import io.callstream.avro.Role;
import io.callstream.avro.Section;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SegmentsFormatTest {

    private static final String HEADER =
            "call_id\tsent_idx\tturn_idx\tspeaker_id\tspeaker_label\tstart_s\tend_s\tanchored_frac\ttext\n";

    private final SegmentsFormat format = new SegmentsFormat();

    private static ParsedLine line(String speaker, String text, long offsetMs, long durationMs, LineFlag... flags) {
        return new ParsedLine(speaker, null, Role.UNKNOWN, Section.UNKNOWN, text, offsetMs, durationMs, Set.of(flags));
    }

    private static String tsv(String... rows) {
        return HEADER + String.join("\n", rows) + "\n";
    }

    @Test
    void isNamedSegments() {
        assertThat(format.name()).isEqualTo("segments");
    }

    @Test
    void givesOneLinePerTsvRowTimedByItsStartAndEnd() {
        ParsedTranscript transcript = format.parse(tsv(
                "4320211\t0\t0\t0\tSpeaker 1\t3.24\t8.52\t1.0\tGood morning ladies and gentlemen.",
                "4320211\t1\t0\t0\tSpeaker 1\t8.52\t11.85\t1.0\tAt this time all participants are in listen only mode.",
                "4320211\t2\t1\t1\tMaureen Mulholland\t38.5\t39.0\t1\tThank you."));

        assertThat(transcript.title()).isNull();
        assertThat(transcript.hints()).isEqualTo(CallHints.NONE);
        assertThat(transcript.lines()).containsExactly(
                line("Speaker 1", "Good morning ladies and gentlemen.", 3_240, 5_280),
                line("Speaker 1", "At this time all participants are in listen only mode.", 8_520, 3_330),
                line("Maureen Mulholland", "Thank you.", 38_500, 500));
    }

    @Test
    void tellsApartTwoSpeakersTheFeedGivesOneLabelByTheirIds() {
        // Earnings-21's Banco Santander call: the head of investor relations, then the chief executive, both "Hector".
        ParsedTranscript transcript = format.parse(tsv(
                "4363614\t0\t1\t1\tHector\t22.0\t24.0\t1\tThank you.",
                "4363614\t1\t2\t2\tHector\t102.0\t104.0\t1\tUh, thank you, Hector.",
                "4363614\t2\t3\t3\tDidier\t110.0\t112.0\t1\tThank you.",
                "4363614\t3\t4\t2\tHector\t120.0\t121.0\t1\tYes."));

        assertThat(transcript.lines()).extracting(ParsedLine::speakerLabel)
                .containsExactly("Hector", "Hector (2)", "Didier", "Hector (2)");
    }

    @Test
    void roundsSecondsToTheNearestMillisecond() {
        List<ParsedLine> lines = format.parse(tsv("c\t0\t0\t0\tSpeaker 1\t1.2345\t2.0004\t1.0\tHi.")).lines();

        assertThat(lines).containsExactly(line("Speaker 1", "Hi.", 1_235, 765));
    }

    @Test
    void flagsRowsWithWordsWithoutARealTimeAsInterpolated() {
        List<ParsedLine> lines = format.parse(tsv(
                "c\t0\t0\t0\tSpeaker 1\t1.0\t2.0\t1.0\tAll anchored.",
                "c\t1\t0\t0\tSpeaker 1\t2.0\t3.0\t0.9\tMostly anchored.",
                "c\t2\t0\t0\tSpeaker 1\t3.0\t4.0\t0.0\tNone anchored.")).lines();

        assertThat(lines).containsExactly(
                line("Speaker 1", "All anchored.", 1_000, 1_000),
                line("Speaker 1", "Mostly anchored.", 2_000, 1_000, LineFlag.INTERPOLATED_TIME),
                line("Speaker 1", "None anchored.", 3_000, 1_000, LineFlag.INTERPOLATED_TIME));
    }

    @Test
    void readsAFileWithoutTheOptionalColumnsAndFlagsNothing() {
        List<ParsedLine> lines = format.parse("speaker_label\tstart_s\tend_s\ttext\nSpeaker 1\t1.5\t2.5\tHello.\n").lines();

        assertThat(lines).containsExactly(line("Speaker 1", "Hello.", 1_500, 1_000));
    }

    @Test
    void readsColumnsInAnyOrderAndAnEmptyOptionalFieldAsAbsent() {
        List<ParsedLine> lines = format.parse("text\tanchored_frac\tend_s\tstart_s\tspeaker_label\n"
                + "Hello.\t\t2.5\t1.5\tSpeaker 1\n").lines();

        assertThat(lines).containsExactly(line("Speaker 1", "Hello.", 1_500, 1_000));
    }

    @Test
    void keepsVerbatimTagsInTheTextAndFlagsThem() {
        List<ParsedLine> lines = format.parse(tsv(
                "c\t0\t0\t0\tSpeaker 1\t1.0\t2.0\t1.0\tUm, <crosstalk> had a quick follow up.",
                "c\t1\t0\t0\tSpeaker 1\t2.0\t3.0\t1.0\tWe will only <unk> in Cartagena.")).lines();

        assertThat(lines).containsExactly(
                line("Speaker 1", "Um, <crosstalk> had a quick follow up.", 1_000, 1_000, LineFlag.CROSSTALK),
                line("Speaker 1", "We will only <unk> in Cartagena.", 2_000, 1_000, LineFlag.INAUDIBLE));
    }

    @Test
    void raisesAStartThatGoesBackwardsAndKeepsTheRowsEnd() {
        List<ParsedLine> lines = format.parse(tsv(
                "c\t0\t0\t0\tSpeaker 1\t10.0\t12.0\t1.0\tFirst.",
                "c\t1\t0\t0\tSpeaker 1\t9.0\t11.0\t1.0\tSecond, early.",
                "c\t2\t0\t0\tSpeaker 1\t9.5\t9.8\t1.0\tThird, earlier still.",
                "c\t3\t0\t0\tSpeaker 1\t12.0\t13.0\t1.0\tFourth.")).lines();

        assertThat(lines).containsExactly(
                line("Speaker 1", "First.", 10_000, 2_000),
                line("Speaker 1", "Second, early.", 10_000, 1_000, LineFlag.INTERPOLATED_TIME),
                line("Speaker 1", "Third, earlier still.", 10_000, 0, LineFlag.INTERPOLATED_TIME),
                line("Speaker 1", "Fourth.", 12_000, 1_000));
    }

    @Test
    void toleratesWindowsLineEndingsAByteOrderMarkAndBlankLines() {
        List<ParsedLine> lines = format.parse("\uFEFF" + HEADER.replace("\n", "\r\n")
                + "c\t0\t0\t0\tSpeaker 1\t1.0\t2.0\t1.0\tHello.\r\n\r\n").lines();

        assertThat(lines).containsExactly(line("Speaker 1", "Hello.", 1_000, 1_000));
    }

    @Test
    void refusesAHeaderWithoutARequiredColumn() {
        assertThatThrownBy(() -> format.parse("speaker_label\tstart_s\ttext\nSpeaker 1\t1.0\tHi.\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 1")
                .hasMessageContaining("no end_s column")
                .hasMessageContaining("needs speaker_label, start_s, end_s, text");
    }

    @Test
    void refusesAnUnparsableNumberNamingTheLineAndField() {
        assertThatThrownBy(() -> format.parse(tsv(
                "c\t0\t0\t0\tSpeaker 1\t1.0\t2.0\t1.0\tFine.",
                "c\t1\t0\t0\tSpeaker 1\t2,5\t3.0\t1.0\tComma decimal.")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 3")
                .hasMessageContaining("start_s '2,5' is not a number");
    }

    @Test
    void refusesAnEmptyRequiredField() {
        assertThatThrownBy(() -> format.parse(tsv("c\t0\t0\t0\tSpeaker 1\t1.0\t\t1.0\tNo end.")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2: no end_s value");
    }

    @Test
    void refusesARowWithTheWrongNumberOfFields() {
        assertThatThrownBy(() -> format.parse(tsv("c\t0\t0\t0\tSpeaker 1\t1.0\t2.0\t1.0\tA tab\tinside.")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2: 10 tab-separated fields where the header (line 1) has 9");
    }

    @Test
    void refusesAnEndBeforeItsStart() {
        assertThatThrownBy(() -> format.parse(tsv("c\t0\t0\t0\tSpeaker 1\t5.0\t4.0\t1.0\tBackwards.")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2: end_s 4.0 is before start_s 5.0");
    }

    @Test
    void refusesNegativeTimesAndFractionsOutOfRange() {
        assertThatThrownBy(() -> format.parse(tsv("c\t0\t0\t0\tSpeaker 1\t-1.0\t4.0\t1.0\tEarly.")))
                .hasMessageContaining("line 2: start_s -1.0 is negative");
        assertThatThrownBy(() -> format.parse(tsv("c\t0\t0\t0\tSpeaker 1\t1.0\t4.0\t1.5\tOver.")))
                .hasMessageContaining("line 2: anchored_frac 1.5 is not between 0 and 1");
    }

    @Test
    void readsJsonLinesWithTheSameFieldsAsTheTsv() throws IOException {
        List<ParsedLine> lines = format.parse(resource("segments-sample.jsonl")).lines();

        assertThat(lines).containsExactly(
                line("Operator", "Good day everyone, and welcome.", 630, 5_100),
                line("Operator", "Today's call is being recorded.", 6_210, 1_500, LineFlag.INTERPOLATED_TIME),
                line("Speaker 2", "Thank you. <crosstalk>", 22_430, 390, LineFlag.CROSSTALK));
    }

    @Test
    void readsJsonNumbersExactly() {
        List<ParsedLine> lines = format.parse("{\"speaker_label\":\"A\",\"start_s\":8.52,\"end_s\":11.85,\"text\":\"x\"}\n")
                .lines();

        assertThat(lines).containsExactly(line("A", "x", 8_520, 3_330));
    }

    @Test
    void readsAJsonNullOptionalFieldAsAbsent() {
        List<ParsedLine> lines = format.parse(
                "{\"speaker_label\":\"A\",\"start_s\":1,\"end_s\":2,\"anchored_frac\":null,\"text\":\"x\"}\n").lines();

        assertThat(lines).containsExactly(line("A", "x", 1_000, 1_000));
    }

    @Test
    void refusesAJsonLineWithoutARequiredField() {
        assertThatThrownBy(() -> format.parse("{\"speaker_label\":\"A\",\"start_s\":1,\"end_s\":2,\"text\":\"x\"}\n"
                + "{\"start_s\":2,\"end_s\":3,\"text\":\"y\"}\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2: no speaker_label value");
    }

    @Test
    void refusesAJsonLineThatIsNotAnObject() {
        assertThatThrownBy(() -> format.parse("{\"speaker_label\":\"A\",\"start_s\":1,\"end_s\":2,\"text\":\"x\"}\n"
                + "{\"speaker_label\": \"A\", \"start_s\": \n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2: not valid JSON");
        assertThatThrownBy(() -> format.parse("{\"speaker_label\":\"A\",\"start_s\":1,\"end_s\":2,\"text\":\"x\"}\n[1, 2]\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2: not a JSON object");
    }

    @Test
    void refusesAJsonNumberFieldHoldingAnObject() {
        assertThatThrownBy(() -> format.parse("{\"speaker_label\":\"A\",\"start_s\":{\"s\":1},\"end_s\":2,\"text\":\"x\"}\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 1: field 'start_s' holds an object");
    }

    @Test
    void detectsATsvHeaderRow() {
        assertThat(format.detect(tsv("c\t0\t0\t0\tSpeaker 1\t1.0\t2.0\t1.0\tHi."))).isTrue();
        assertThat(format.detect("speaker_label\tstart_s\tend_s\ttext\n")).isTrue();
    }

    @Test
    void detectsASegmentObjectOnTheFirstLine() throws IOException {
        assertThat(format.detect(resource("segments-sample.jsonl"))).isTrue();
    }

    @Test
    void doesNotDetectCanonicalCallEvents() {
        assertThat(format.detect("{\"callId\":\"tesla-2016-q4\",\"callOffsetMs\":0,\"observedAt\":1487802600000,"
                + "\"payload\":{\"io.callstream.avro.TranscriptLine\":{\"lineId\":\"l0\",\"seq\":0,\"text\":\"Thank you.\"}}}\n"))
                .isFalse();
        // Even an event that happened to carry the segment fields at the top is not a segment.
        assertThat(format.detect("{\"callId\":\"c\",\"payload\":{},\"start_s\":1,\"text\":\"x\"}\n")).isFalse();
    }

    @Test
    void doesNotDetectTimedTextOrPlainText() {
        assertThat(format.detect("Monro Inc fiscal Q3 earnings call\n\nSpeaker 1\n(00:03) Good morning.\n")).isFalse();
        assertThat(format.detect("start_s and text are words here\n")).isFalse();
        assertThat(format.detect("{ not json at all\n")).isFalse();
    }

    @Test
    void givesNoLinesForAnEmptyFile() {
        assertThat(format.parse("").lines()).isEmpty();
        assertThat(format.parse(HEADER).lines()).isEmpty();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SegmentsFormatTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
