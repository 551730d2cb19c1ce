package io.callstream.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.groups.Tuple.tuple;

import io.callstream.avro.Role;
import io.callstream.avro.Section;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParticipantListsTranscriptFormatTest {

    private static final String LISTS = String.join("\n",
            "CORPORATE PARTICIPANTS", "Marcus Oyelaran", "Brightwater Logistics Inc - Chairman & CEO", " ",
            "CONFERENCE CALL PARTICIPANTS", "Tom Ashdown", "Carver Hale & Co. - Analyst", " ", "");

    private final ParticipantListsTranscriptFormat format = new ParticipantListsTranscriptFormat();

    private List<ParsedLine> lines(String... body) {
        return format.parse(LISTS + String.join("\n", body)).lines();
    }

    @Test
    void isNamedParticipantLists() {
        assertThat(format.name()).isEqualTo("participant-lists");
    }

    @Test
    void takesRolesFromTheListsAndSectionsFromTheHeadings() {
        List<ParsedLine> lines = lines(
                "PRESENTATION", " ", "Operator", "Welcome.", " ",
                "Marcus Oyelaran", "Brightwater Logistics Inc - Chairman & CEO", "Thanks.", " ",
                "QUESTIONS AND ANSWERS", " ", "Tom Ashdown", "Carver Hale & Co. - Analyst", "A question?", " ",
                "Rafael Quintero", "Brightwater Logistics Inc - SVP", "An answer.");

        assertThat(lines).extracting(ParsedLine::speakerLabel, ParsedLine::affiliation, ParsedLine::role,
                        ParsedLine::section, ParsedLine::text)
                .containsExactly(
                        tuple("Operator", null, Role.OPERATOR, Section.PREPARED_REMARKS, "Welcome."),
                        tuple("Marcus Oyelaran", "Brightwater Logistics Inc - Chairman & CEO", Role.EXECUTIVE,
                                Section.PREPARED_REMARKS, "Thanks."),
                        tuple("Tom Ashdown", "Carver Hale & Co. - Analyst", Role.ANALYST,
                                Section.QUESTIONS_AND_ANSWERS, "A question?"),
                        tuple("Rafael Quintero", "Brightwater Logistics Inc - SVP", Role.UNKNOWN,
                                Section.QUESTIONS_AND_ANSWERS, "An answer."));
    }

    @Test
    void continuesTheTurnWithANewParagraphWhenNoHeaderFollowsABreak() {
        assertThat(lines("PRESENTATION", "Operator", "Welcome to the call.", " ", "Please go ahead."))
                .extracting(ParsedLine::speakerLabel, ParsedLine::text)
                .containsExactly(tuple("Operator", "Welcome to the call."), tuple("Operator", "Please go ahead."));
    }

    @Test
    void countsRulesAndBlankLinesAsBreaksLikeTheSingleSpaceLine() {
        assertThat(lines("PRESENTATION", "=====", "Operator", "Welcome.", "-----", "Tom Ashdown",
                "Carver Hale & Co. - Analyst", "Hi.", "", "Marcus Oyelaran", "Hello."))
                .extracting(ParsedLine::speakerLabel)
                .containsExactly("Operator", "Tom Ashdown", "Marcus Oyelaran");
    }

    @Test
    void readsHeadingsWithExtraSpaces() {
        assertThat(lines("  QUESTIONS   AND ANSWERS ", "Operator", "Go ahead.")).singleElement()
                .extracting(ParsedLine::section).isEqualTo(Section.QUESTIONS_AND_ANSWERS);
    }

    @Test
    void takesNothingFromTheDisclaimerOn() {
        assertThat(lines("PRESENTATION", "Operator", "Goodbye.", " ", "DISCLAIMER",
                "Operator", "The publisher assumes no responsibility."))
                .extracting(ParsedLine::text).containsExactly("Goodbye.");
    }

    @Test
    void joinsWrappedLinesAndSplitsParagraphsWhereASentenceEndsShortOfTheWidth() {
        List<ParsedLine> lines = lines("PRESENTATION", "Operator",
                "Good day and welcome to the call. All lines are muted for now, and we will take your",
                "questions after the remarks.",
                "I will now hand over to Marcus.");

        assertThat(lines).extracting(ParsedLine::text).containsExactly(
                "Good day and welcome to the call. All lines are muted for now, and we will take your questions "
                        + "after the remarks.",
                "I will now hand over to Marcus.");
    }

    @Test
    void readsTheTitleWithoutATickerAndTheEventTime() {
        ParsedTranscript transcript = format.parse(String.join("\n", "Q4 2016 Tesla Inc Earnings Call",
                "EVENT DATE/TIME: FEBRUARY 22, 2017 / 10:30PM GMT", "", "PRESENTATION", "Operator", "Hello."));

        assertThat(transcript.title()).isEqualTo("Q4 2016 Tesla Inc Earnings Call");
        assertThat(transcript.hints()).isEqualTo(
                new CallHints("Tesla Inc", null, "2016-Q4", Instant.parse("2017-02-22T22:30:00Z")));
    }

    @Test
    void takesTheFirstLineForTitleWhenNoEventTitleIsThereAndGivesNoHints() {
        ParsedTranscript transcript = format.parse("EDITED TRANSCRIPT\nPRESENTATION\nOperator\nHello.");

        assertThat(transcript.title()).isEqualTo("EDITED TRANSCRIPT");
        assertThat(transcript.hints()).isEqualTo(CallHints.NONE);
    }

    @Test
    void readsThePlainTextExportWithTitleCaseHeadingsRulesBulletsAndRunningNumbers() {
        String rule = "=".repeat(80);
        String dashes = "-".repeat(80);
        ParsedTranscript transcript = format.parse(String.join("\n",
                "Q4 2016 Brightwater Logistics Inc Earnings Call", "FEBRUARY 22, 2017 / 10:30PM GMT", "",
                rule, "Corporate Participants", rule, "",
                " * Marcus Oyelaran", "   Brightwater Logistics Inc - CEO", "",
                rule, "Conference Call Participiants", rule, "", " * Tom Ashdown", "   Carver Hale & Co. - Analyst", "",
                rule, "Presentation", dashes, "Operator   [1]", dashes, "",
                " Good day, and welcome to the call.", "",
                dashes, "Marcus Oyelaran,  Brightwater Logistics Inc - CEO   [2]", dashes, "",
                " Thanks. It was a strong quarter for us, and the Memphis hub is now running at",
                " its planned rate.", "",
                rule, "Questions and Answers", dashes, "Tom Ashdown,  Carver Hale & Co. - Analyst   [3]", dashes, "",
                " Congratulations on the quarter.", "",
                rule, "Definitions", dashes, "PRELIMINARY TRANSCRIPT: not yet edited.", "",
                rule, "Disclaimer", dashes, "Legal text."));

        assertThat(transcript.lines()).extracting(ParsedLine::speakerLabel, ParsedLine::affiliation,
                        ParsedLine::role, ParsedLine::section, ParsedLine::text)
                .containsExactly(
                        tuple("Operator", null, Role.OPERATOR, Section.PREPARED_REMARKS,
                                "Good day, and welcome to the call."),
                        tuple("Marcus Oyelaran", "Brightwater Logistics Inc - CEO", Role.EXECUTIVE,
                                Section.PREPARED_REMARKS, "Thanks. It was a strong quarter for us, and the Memphis "
                                        + "hub is now running at its planned rate."),
                        tuple("Tom Ashdown", "Carver Hale & Co. - Analyst", Role.ANALYST,
                                Section.QUESTIONS_AND_ANSWERS, "Congratulations on the quarter."));
        assertThat(transcript.hints()).isEqualTo(new CallHints("Brightwater Logistics Inc", null, "2016-Q4",
                Instant.parse("2017-02-22T22:30:00Z")));
        assertThat(format.detect("Q4 2016 Brightwater Logistics Inc Earnings Call\nCorporate Participants\n"))
                .isTrue();
    }

    @Test
    void rejectsTextBeforeAnySpeakerNamingTheLineAndWhatToDo() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> format.parse(LISTS + "PRESENTATION\n \nGood day, ladies and gentlemen.\n"))
                .withMessageContaining("Line 11")
                .withMessageContaining("text before any speaker ('Good day, ladies and gentlemen.')")
                .withMessageContaining("'Operator'")
                .withMessageContaining("add the speaker's line above line 11")
                .withMessageContaining("--format");
    }

    @Test
    void rejectsAnEmptyDocument() {
        assertThatIllegalArgumentException().isThrownBy(() -> format.parse(""))
                .withMessageContaining("empty")
                .withMessageContaining("check that the file is the transcript you meant");
    }

    @Test
    void rejectsADocumentWithNoTurn() {
        assertThatIllegalArgumentException().isThrownBy(() -> format.parse(LISTS + "DISCLAIMER\nLegal text.\n"))
                .withMessageContaining("No speaker turn found")
                .withMessageContaining("--format");
    }
}
