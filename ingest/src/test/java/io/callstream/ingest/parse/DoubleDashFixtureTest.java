package io.callstream.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.callstream.avro.LineFlag;
import io.callstream.avro.Role;
import io.callstream.avro.Section;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The double-dash fixture, an invented call in the news site's layout: every line exactly, and what is not
 * speech left out. Offsets are word counts at 150 words a minute (400 ms a word), counted independently.
 */
class DoubleDashFixtureTest {

    private final ParsedTranscript transcript =
            new DoubleDashTranscriptFormat().parse(ParseFixtures.read(ParseFixtures.DOUBLE_DASH));

    @Test
    void givesEveryParagraphWithItsSpeakerAffiliationRoleSectionAndWordCountTime() {
        assertThat(transcript.lines())
                .extracting(ParsedLine::speakerLabel, ParsedLine::affiliation, ParsedLine::role, ParsedLine::section,
                        ParsedLine::text, ParsedLine::callOffsetMs, ParsedLine::durationMs)
                .containsExactly(
                tuple("Operator", null, Role.OPERATOR, Section.PREPARED_REMARKS,
                        "Good morning, and welcome to the Halvorsen Energy third-quarter 2019 earnings conference "
                        + "call. All participants are in a listen-only mode. After the speakers' remarks, there will be"
                        + " a question-and-answer session. I would now like to turn the conference over to Ingrid "
                        + "Solberg, head of investor relations. Please go ahead.",
                        0L, 19600L),
                tuple("Ingrid Solberg", "Head of Investor Relations", Role.EXECUTIVE, Section.PREPARED_REMARKS,
                        "Thank you, operator, and good morning, everyone. With me today are Tomas Berg, our chief "
                        + "executive officer, and Rachel Okafor, our chief financial officer.",
                        19600L, 9600L),
                tuple("Ingrid Solberg", "Head of Investor Relations", Role.EXECUTIVE, Section.PREPARED_REMARKS,
                        "Before we begin, let me remind you that today's remarks include forward-looking statements. "
                        + "Actual results may differ materially from those we describe, and we undertake no obligation "
                        + "to update them.",
                        29200L, 12000L),
                tuple("Tomas Berg", "Chief Executive Officer", Role.EXECUTIVE, Section.PREPARED_REMARKS,
                        "Thanks, Ingrid. Good morning, everyone. The third quarter was the strongest in our history "
                        + "-- we delivered 4.1 gigawatt-hours of storage, up 38% year over year, and we did it with the"
                        + " best safety record this company has ever had.",
                        41200L, 15600L),
                tuple("Tomas Berg", "Chief Executive Officer", Role.EXECUTIVE, Section.PREPARED_REMARKS,
                        "Two things drove it. First, the Lakeview plant reached its design rate in August, two months"
                        + " ahead of plan. Second, our utility customers signed longer contracts than we expected.",
                        56800L, 11600L),
                tuple("Tomas Berg", "Chief Executive Officer", Role.EXECUTIVE, Section.PREPARED_REMARKS,
                        "Let me spend a minute on the grid-services business, because it is where we see the most "
                        + "room to grow. Our fleet now answers frequency calls in under two seconds, and the long-term "
                        + "contracts we signed this quarter pay for that speed.",
                        68400L, 16800L),
                tuple("Rachel Okafor", "Chief Financial Officer", Role.EXECUTIVE, Section.PREPARED_REMARKS,
                        "Thank you, Tomas. Revenue for the quarter was $412 million, up 31% year over year. Gross "
                        + "margin was 24.6%, an improvement of 180 basis points.",
                        85200L, 10000L),
                tuple("Rachel Okafor", "Chief Financial Officer", Role.EXECUTIVE, Section.PREPARED_REMARKS,
                        "We are raising our full-year revenue outlook to a range of $1.55 billion to $1.6 billion.",
                        95200L, 6400L),
                tuple("Operator", null, Role.OPERATOR, Section.QUESTIONS_AND_ANSWERS,
                        "[Operator instructions] Our first question comes from Daniel Kim with Carver Hale. Please go"
                        + " ahead.",
                        101600L, 6000L),
                tuple("Daniel Kim", "Carver Hale & Co.", Role.ANALYST, Section.QUESTIONS_AND_ANSWERS,
                        "Hi, good morning. Thanks for taking my question. Tomas, can you talk about what pulled "
                        + "Lakeview forward, and whether that is repeatable at the next site?",
                        107600L, 10400L),
                tuple("Tomas Berg", "Chief Executive Officer", Role.EXECUTIVE, Section.QUESTIONS_AND_ANSWERS,
                        "Sure. Most of it was the commissioning team. We ran the second line while the first was "
                        + "still in testing, which we had never tried before.",
                        118000L, 10400L),
                tuple("Unknown speaker", null, Role.UNKNOWN, Section.QUESTIONS_AND_ANSWERS,
                        "Sorry, could you repeat the part about the second line?",
                        128400L, 4000L),
                tuple("Tomas Berg", "Chief Executive Officer", Role.EXECUTIVE, Section.QUESTIONS_AND_ANSWERS,
                        "We commissioned both lines in parallel. We expect to do the same at the next site.",
                        132400L, 6400L),
                tuple("Daniel Kim", "Carver Hale & Co.", Role.ANALYST, Section.QUESTIONS_AND_ANSWERS,
                        "Got it. And Rachel, on margins, how much of the 180 basis points was mix?",
                        138800L, 6000L),
                tuple("Rachel Okafor", "Chief Financial Officer", Role.EXECUTIVE, Section.QUESTIONS_AND_ANSWERS,
                        "About half. The rest was lower freight and better yields at Lakeview.",
                        144800L, 4800L),
                tuple("Operator", null, Role.OPERATOR, Section.QUESTIONS_AND_ANSWERS,
                        "Our next question comes from Meera Shah with J.R. Whitby. Please go ahead.",
                        149600L, 5200L),
                tuple("Meera Shah", "J.R. Whitby & Co., Inc.", Role.ANALYST, Section.QUESTIONS_AND_ANSWERS,
                        "Thank you. What should we expect for capital spending next year?",
                        154800L, 4400L),
                tuple("Rachel Okafor", "Chief Financial Officer", Role.EXECUTIVE, Section.QUESTIONS_AND_ANSWERS,
                        "We will give a full outlook in February, but we expect capital spending to be roughly flat "
                        + "with this year.",
                        159200L, 8000L),
                tuple("Operator", null, Role.OPERATOR, Section.QUESTIONS_AND_ANSWERS,
                        "This concludes today's conference call. Thank you for your participation. You may now "
                        + "disconnect.",
                        167200L, 5600L)
);
    }

    @Test
    void readsTitleAndHintsFromTheFrontMatter() {
        assertThat(transcript.title()).isEqualTo("Halvorsen Energy (HLVE) Q3 2019 Earnings Call Transcript");
        assertThat(transcript.hints()).isEqualTo(new CallHints("Halvorsen Energy", "HLVE", "2019-Q3",
                Instant.parse("2019-10-24T12:30:00Z")));
    }

    @Test
    void leavesFrontMatterParticipantsListDurationAndSiteLinksOutOfSpeech() {
        assertThat(transcript.lines()).extracting(ParsedLine::text).noneMatch(text ->
                text.contains("Earnings Call") || text.contains("Contents") || text.contains("Duration")
                        || text.contains("-- Analyst") || text.contains("analysis") || text.contains("Prepared"));
    }

    @Test
    void flagsEveryLineInterpolatedAndKeepsOffsetsIncreasing() {
        assertThat(transcript.lines()).allSatisfy(line ->
                assertThat(line.flags()).containsExactly(LineFlag.INTERPOLATED_TIME));
        List<Long> offsets = transcript.lines().stream().map(ParsedLine::callOffsetMs).toList();
        assertThat(offsets).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void parsesTheSameWithWindowsLineEndings() {
        String crlf = ParseFixtures.read(ParseFixtures.DOUBLE_DASH).replace("\n", "\r\n");

        assertThat(new DoubleDashTranscriptFormat().parse(crlf)).isEqualTo(transcript);
    }
}
