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
 * The participants-layout fixture, an invented call in the data vendor's export layout, hard-wrapped at 140
 * characters with Windows line endings: every line exactly, and what is not speech left out. Offsets are word
 * counts at 150 words a minute (400 ms a word), counted independently.
 */
class ParticipantListsFixtureTest {

    private final String fixture = ParseFixtures.read(ParseFixtures.PARTICIPANT_LISTS);
    private final ParsedTranscript transcript = new ParticipantListsTranscriptFormat().parse(fixture);

    @Test
    void givesEveryParagraphWithItsSpeakerAffiliationRoleSectionAndWordCountTime() {
        assertThat(transcript.lines())
                .extracting(ParsedLine::speakerLabel, ParsedLine::affiliation, ParsedLine::role, ParsedLine::section,
                        ParsedLine::text, ParsedLine::callOffsetMs, ParsedLine::durationMs)
                .containsExactly(
                tuple("Operator", null, Role.OPERATOR, Section.PREPARED_REMARKS,
                        "Good day, ladies and gentlemen, and welcome to the Brightwater Logistics fourth-quarter 2016"
                        + " earnings conference call. At this time, all participants are in a listen-only mode. Later, "
                        + "we will conduct a question-and-answer session, and instructions will follow at that time. As"
                        + " a reminder, this conference call is being recorded. I would now like to turn the call over "
                        + "to Dana Whitfield, Vice President of Investor Relations. Please go ahead.",
                        0L, 27600L),
                tuple("Dana Whitfield", "Brightwater Logistics Inc - VP of IR", Role.EXECUTIVE,
                        Section.PREPARED_REMARKS,
                        "Thank you, and good afternoon, everyone. Joining me today are Marcus Oyelaran, our Chairman "
                        + "and Chief Executive Officer, and Priya Natarajan, our Chief Financial Officer. Before we "
                        + "begin, please note that our remarks today contain forward-looking statements that involve "
                        + "risks and uncertainties, and actual results could differ materially from those we discuss.",
                        27600L, 20800L),
                tuple("Dana Whitfield", "Brightwater Logistics Inc - VP of IR", Role.EXECUTIVE,
                        Section.PREPARED_REMARKS,
                        "With that, I will turn the call over to Marcus.",
                        48400L, 4000L),
                tuple("Marcus Oyelaran", "Brightwater Logistics Inc - Chairman & CEO", Role.EXECUTIVE,
                        Section.PREPARED_REMARKS,
                        "Thanks, Dana, and thanks to all of you for joining us. 2016 was a year of heavy lifting for "
                        + "Brightwater. We opened three cross-dock hubs, we rebuilt the routing software that our "
                        + "drivers use every single day, and we did it while volumes grew faster than at any time since"
                        + " we went public. Fourth-quarter shipments rose 14% from a year ago, and on-time delivery "
                        + "improved for the sixth consecutive quarter, to 97.2%.",
                        52400L, 28800L),
                tuple("Marcus Oyelaran", "Brightwater Logistics Inc - Chairman & CEO", Role.EXECUTIVE,
                        Section.PREPARED_REMARKS,
                        "I want to be candid about one thing that did not go well. The Memphis hub opened late, and "
                        + "for most of October we were paying overtime and third-party carriers to cover the gap. That "
                        + "cost us roughly $9 million in the quarter. The hub is now running at its planned rate, and "
                        + "the carriers are gone.",
                        81200L, 22800L),
                tuple("Marcus Oyelaran", "Brightwater Logistics Inc - Chairman & CEO", Role.EXECUTIVE,
                        Section.PREPARED_REMARKS,
                        "Looking ahead to 2017, our priorities are simple. We will fill the hubs we have already "
                        + "built, keep the year-over-year improvement in service going, and convert more of our revenue"
                        + " into cash. We are not planning any new hubs this year, and we expect the very strong "
                        + "double-digit growth in shipments to continue. Priya will take you through the numbers.",
                        104000L, 24000L),
                tuple("Priya Natarajan", "Brightwater Logistics Inc - CFO", Role.EXECUTIVE, Section.PREPARED_REMARKS,
                        "Thank you, Marcus. Revenue for the fourth quarter was $612 million, up 12% year over year. "
                        + "Adjusted operating margin was 8.4%, down 60 basis points from a year ago, almost entirely "
                        + "because of the Memphis costs that Marcus described. GAAP diluted earnings per share were "
                        + "$0.41. Excluding those costs, they would have been $0.48.",
                        128000L, 21600L),
                tuple("Priya Natarajan", "Brightwater Logistics Inc - CFO", Role.EXECUTIVE, Section.PREPARED_REMARKS,
                        "For the full year 2017, we expect revenue growth of 9% to 11% and capital expenditures of "
                        + "$140 million to $160 million, well below the $310 million we spent in 2016. With that, "
                        + "operator, we are ready for questions.",
                        149600L, 15600L),
                tuple("Operator", null, Role.OPERATOR, Section.QUESTIONS_AND_ANSWERS,
                        "(Operator Instructions) Our first question comes from Tom Ashdown of Carver Hale & Co. Your "
                        + "line is open.",
                        165200L, 6800L),
                tuple("Tom Ashdown", "Carver Hale & Co. - Analyst", Role.ANALYST, Section.QUESTIONS_AND_ANSWERS,
                        "Thanks, and good afternoon. Marcus, on Memphis, how much of the $9 million was carriers "
                        + "versus overtime, and should we expect any of that to spill into the first quarter?",
                        172000L, 12000L),
                tuple("Marcus Oyelaran", "Brightwater Logistics Inc - Chairman & CEO", Role.EXECUTIVE,
                        Section.QUESTIONS_AND_ANSWERS,
                        "About two-thirds was carriers. None of it should carry into the first quarter. Rafael runs "
                        + "the network, so let me ask him to add some color on where the hub stands today.",
                        184000L, 12800L),
                tuple("Rafael Quintero", "Brightwater Logistics Inc - SVP of Network Operations", Role.UNKNOWN,
                        Section.QUESTIONS_AND_ANSWERS,
                        "Sure. We released the last of the third-party carriers in the second week of December, and "
                        + "since then the hub has processed more than its planned daily volume on every weekday.",
                        196800L, 12400L),
                tuple("Operator", null, Role.OPERATOR, Section.QUESTIONS_AND_ANSWERS,
                        "Our next question comes from Lena Fischbach of Pinecrest Securities. Your line is open.",
                        209200L, 5600L),
                tuple("Lena Fischbach", "Pinecrest Securities LLC - Analyst", Role.ANALYST,
                        Section.QUESTIONS_AND_ANSWERS,
                        "Hi, thank you. Priya, the capital spending guide is a big step down. Does that assume you "
                        + "sign the Dallas lease, or is that upside to the number?",
                        214800L, 11200L),
                tuple("Priya Natarajan", "Brightwater Logistics Inc - CFO", Role.EXECUTIVE,
                        Section.QUESTIONS_AND_ANSWERS,
                        "It assumes we sign it. The lease itself is an operating lease, so it would not show up in "
                        + "capital spending; what is in the number is the fit-out.",
                        226000L, 11600L),
                tuple("Operator", null, Role.OPERATOR, Section.QUESTIONS_AND_ANSWERS,
                        "Ladies and gentlemen, this concludes today's conference. Thank you for your participation. "
                        + "You may now disconnect.",
                        237600L, 6400L)
);
    }

    @Test
    void readsTitleAndHintsFromTheHeaderBlock() {
        assertThat(transcript.title()).isEqualTo("BWLX - Q4 2016 Brightwater Logistics Inc Earnings Call");
        assertThat(transcript.hints()).isEqualTo(new CallHints("Brightwater Logistics Inc", "BWLX", "2016-Q4",
                Instant.parse("2017-02-22T22:30:00Z")));
    }

    @Test
    void leavesHeaderBlockListsSeparatorsAndDisclaimerOutOfSpeech() {
        assertThat(transcript.lines()).extracting(ParsedLine::text).noneMatch(text ->
                text.contains("OVERVIEW") || text.contains("4Q16") || text.contains("PARTICIPANTS")
                        || text.contains("===") || text.contains("inaccuracies") || text.contains("rights reserved"));
    }

    @Test
    void flagsEveryLineInterpolatedAndKeepsOffsetsIncreasing() {
        assertThat(transcript.lines()).allSatisfy(line ->
                assertThat(line.flags()).containsExactly(LineFlag.INTERPOLATED_TIME));
        List<Long> offsets = transcript.lines().stream().map(ParsedLine::callOffsetMs).toList();
        assertThat(offsets).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void fixtureKeepsTheWindowsLineEndingsItIsMeantToTest() {
        assertThat(fixture).contains("\r\n").doesNotContain("\r\n\n").matches("(?s)[^\\n]*(\\r\\n[^\\n]*)*");
    }

    @Test
    void parsesTheSameWithUnixLineEndingsAndTrimmedSeparators() {
        String trimmed = fixture.replace("\r\n", "\n").replace("\n \n", "\n\n");

        assertThat(new ParticipantListsTranscriptFormat().parse(trimmed)).isEqualTo(transcript);
    }
}
