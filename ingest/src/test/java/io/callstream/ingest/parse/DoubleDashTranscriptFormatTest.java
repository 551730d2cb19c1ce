package io.callstream.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.groups.Tuple.tuple;

import io.callstream.avro.Role;
import io.callstream.avro.Section;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DoubleDashTranscriptFormatTest {

    private final DoubleDashTranscriptFormat format = new DoubleDashTranscriptFormat();

    private List<ParsedLine> lines(String... lines) {
        return format.parse(String.join("\n", lines)).lines();
    }

    @Test
    void isNamedDoubleDash() {
        assertThat(format.name()).isEqualTo("double-dash");
    }

    @Test
    void startsATurnAtEveryHeaderAndTakesTheSectionFromTheHeadings() {
        List<ParsedLine> lines = lines(
                "Prepared Remarks:", "", "Operator", "", "Welcome.", "",
                "Tomas Berg -- Chief Executive Officer", "", "Thanks.", "",
                "Questions and Answers:", "", "Daniel Kim -- Carver Hale -- Analyst", "", "A question?");

        assertThat(lines).extracting(ParsedLine::speakerLabel, ParsedLine::affiliation, ParsedLine::role,
                        ParsedLine::section, ParsedLine::text)
                .containsExactly(
                        tuple("Operator", null, Role.OPERATOR, Section.PREPARED_REMARKS, "Welcome."),
                        tuple("Tomas Berg", "Chief Executive Officer", Role.EXECUTIVE, Section.PREPARED_REMARKS,
                                "Thanks."),
                        tuple("Daniel Kim", "Carver Hale", Role.ANALYST, Section.QUESTIONS_AND_ANSWERS,
                                "A question?"));
    }

    @Test
    void readsHeadingsInAnyCaseAndWithAnAmpersand() {
        assertThat(lines("QUESTIONS & ANSWERS:", "Operator", "Go ahead.")).singleElement()
                .extracting(ParsedLine::section).isEqualTo(Section.QUESTIONS_AND_ANSWERS);
    }

    @Test
    void leavesTheSectionUnknownWhereNoHeadingSaysIt() {
        assertThat(lines("Operator", "Welcome.")).singleElement()
                .extracting(ParsedLine::section).isEqualTo(Section.UNKNOWN);
    }

    @Test
    void makesEachLineAParagraphWithOrWithoutBlankLinesBetween() {
        assertThat(lines("Operator", "First paragraph.", "Second paragraph.", "", "Third paragraph."))
                .extracting(ParsedLine::text)
                .containsExactly("First paragraph.", "Second paragraph.", "Third paragraph.");
    }

    @Test
    void joinsALineThatStopsMidSentenceToTheNext() {
        assertThat(lines("Operator", "This paragraph was saved with its lines", "wrapped, and a long-",
                "term view.")).extracting(ParsedLine::text)
                .containsExactly("This paragraph was saved with its lines wrapped, and a long-term view.");
    }

    @Test
    void readsHeadersWrittenWithExtraSpaces() {
        assertThat(lines("  Tomas   Berg  --   Chief Executive Officer ", "Thanks.")).singleElement()
                .extracting(ParsedLine::speakerLabel, ParsedLine::affiliation)
                .containsExactly("Tomas Berg", "Chief Executive Officer");
    }

    @Test
    void givesABareListedNameTheListsAffiliationAndRole() {
        List<ParsedLine> lines = lines("Rachel Okafor", "About half.", "", "Duration: 12 minutes", "",
                "Call participants:", "", "Rachel Okafor -- Chief Financial Officer", "",
                "Daniel Kim -- Carver Hale -- Analyst");

        assertThat(lines).singleElement()
                .extracting(ParsedLine::speakerLabel, ParsedLine::affiliation, ParsedLine::role)
                .containsExactly("Rachel Okafor", "Chief Financial Officer", Role.EXECUTIVE);
    }

    @Test
    void givesAnUnnamedSpeakerNoAffiliationAndNoRole() {
        assertThat(lines("Unknown speaker", "Could you repeat that?", "", "Call participants:", "",
                "Daniel Kim -- Carver Hale -- Analyst")).singleElement()
                .extracting(ParsedLine::speakerLabel, ParsedLine::affiliation, ParsedLine::role)
                .containsExactly("Unknown speaker", null, Role.UNKNOWN);
    }

    @Test
    void takesTheRoleFromTheHeaderShapeEvenForSomeoneMissingFromTheList() {
        // The layout states the role in every header; the list only repeats the headers.
        assertThat(lines("Lars Nygaard -- Head of Grid Services", "Sure.", "", "Call participants:", "",
                "Tomas Berg -- Chief Executive Officer")).singleElement()
                .extracting(ParsedLine::affiliation, ParsedLine::role)
                .containsExactly("Head of Grid Services", Role.EXECUTIVE);
    }

    @Test
    void takesWhoIsWhoFromTheParticipantsListWhereAHeaderSaysLess() {
        List<ParsedLine> lines = lines("Questions and Answers:", "",
                "Adam Jonas -- Morgan Stanley", "", "A question on margins?", "",
                "Eddie -- Analyst", "", "And one on capex?", "",
                "Duration: 12 minutes", "", "Call participants:", "",
                "Adam Jonas -- Morgan Stanley -- Analyst", "", "Eddie -- Cowen and Company, LLC -- Analyst");

        assertThat(lines).extracting(ParsedLine::speakerLabel, ParsedLine::affiliation, ParsedLine::role)
                .containsExactly(
                        tuple("Adam Jonas", "Morgan Stanley", Role.ANALYST),
                        tuple("Eddie", "Cowen and Company, LLC", Role.ANALYST));
    }

    @Test
    void recognisesAListedNameAsAHeaderWhereItsShapeAloneWouldNot() {
        // A first name and a firm, no "Analyst": speech writes "Right -- Exactly" too, so only the list makes it a header.
        List<ParsedLine> lines = lines("Operator", "Next question.", "", "Eddie -- Cowen", "", "On capex?", "",
                "EDDIE", "", "And a follow-up?", "", "Call participants:", "",
                "Eddie -- Cowen and Company, LLC -- Analyst");

        assertThat(lines).extracting(ParsedLine::speakerLabel, ParsedLine::role, ParsedLine::text)
                .containsExactly(
                        tuple("Operator", Role.OPERATOR, "Next question."),
                        tuple("Eddie", Role.ANALYST, "On capex?"),
                        tuple("Eddie", Role.ANALYST, "And a follow-up?"));
    }

    @Test
    void keepsSpeechThatOpensWithAListedNameAsSpeech() {
        assertThat(lines("Operator", "Next question.", "Tomas Berg -- as you know -- will take it.", "",
                "Call participants:", "", "Tomas Berg -- Chief Executive Officer"))
                .extracting(ParsedLine::speakerLabel).containsOnly("Operator");
    }

    @Test
    void goesOnWithTheSameTurnWhereAHeaderIsRepeatedForTheSpeakerAlreadySpeaking() {
        List<ParsedLine> lines = lines("Tomas Berg -- Chief Executive Officer", "",
                "Tomas Berg -- Chief Executive Officer", "", "We expect the gross", "",
                "Tomas Berg -- Chief Executive Officer", "", "margin to grow next year.", "",
                "Rachel Okafor -- Chief Financial Officer", "", "Agreed.");

        assertThat(lines).extracting(ParsedLine::speakerLabel, ParsedLine::text)
                .containsExactly(
                        tuple("Tomas Berg", "We expect the gross margin to grow next year."),
                        tuple("Rachel Okafor", "Agreed."));
    }

    @Test
    void endsSpeechAtTheParticipantsListOrTheDurationWhicheverComesFirst() {
        assertThat(lines("Operator", "Goodbye.", "Call participants:", "Tomas Berg -- Chief Executive Officer",
                "Duration: 41 minutes", "This article is a transcript of this conference call."))
                .extracting(ParsedLine::text).containsExactly("Goodbye.");
        assertThat(lines("Operator", "Goodbye.", "Duration: 41 minutes", "Some closing note from the site."))
                .extracting(ParsedLine::text).containsExactly("Goodbye.");
    }

    @Test
    void takesTheContentsListWithoutColonsForFrontMatter() {
        ParsedTranscript transcript = format.parse(String.join("\n", "Some Co (SOME) Q1 2020 Earnings Call Transcript",
                "Contents:", "Prepared Remarks", "Questions and Answers", "Call Participants", "",
                "Prepared Remarks:", "Operator", "Welcome."));

        assertThat(transcript.lines()).extracting(ParsedLine::text).containsExactly("Welcome.");
        assertThat(transcript.title()).isEqualTo("Some Co (SOME) Q1 2020 Earnings Call Transcript");
    }

    @Test
    void readsHintsFromACompanyLineAPeriodLineAndADateLine() {
        ParsedTranscript transcript = format.parse(String.join("\n", "Tesla Inc (NASDAQ: TSLA)",
                "Q4 2016 Earnings Conference Call", "Feb. 22, 2017 5:30 p.m. ET", "", "Operator", "Welcome."));

        assertThat(transcript.hints()).isEqualTo(
                new CallHints("Tesla Inc", "TSLA", "2016-Q4", Instant.parse("2017-02-22T22:30:00Z")));
    }

    @Test
    void readsATickerWithItsPriceChangeAndGivesNoStartForADateWithoutATime() {
        ParsedTranscript transcript = format.parse(String.join("\n", "Tesla (TSLA 1.23%)",
                "TSLA earnings call for the period ending December 31, 2016.", "Operator", "Welcome."));

        assertThat(transcript.hints()).isEqualTo(new CallHints("Tesla", "TSLA", null, null));
    }

    @Test
    void givesNoHintsWithoutFrontMatter() {
        ParsedTranscript transcript = format.parse("Operator\nWelcome.");

        assertThat(transcript.title()).isNull();
        assertThat(transcript.hints()).isEqualTo(CallHints.NONE);
    }

    @Test
    void rejectsTextBeforeAnySpeakerNamingTheLineAndWhatToDo() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> format.parse("Title line\n\nPrepared Remarks:\n\nGood morning, everyone.\n"))
                .withMessageContaining("Line 5")
                .withMessageContaining("text before any speaker ('Good morning, everyone.')")
                .withMessageContaining("'Name -- Title'")
                .withMessageContaining("add the speaker's line above line 5")
                .withMessageContaining("--format");
    }

    @Test
    void rejectsTextAfterAHeadingUntilASpeakerIsNamedAgain() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> format.parse("Operator\nWelcome.\nQuestions and Answers:\nA question?\n"))
                .withMessageStartingWith("Line 4: text before any speaker");
    }

    @Test
    void rejectsAnEmptyDocument() {
        assertThatIllegalArgumentException().isThrownBy(() -> format.parse("\uFEFF \r\n\t\n"))
                .withMessageContaining("empty")
                .withMessageContaining("check that the file is the transcript you meant");
    }

    @Test
    void rejectsADocumentWithNoTurn() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> format.parse("Some Co (SOME) Q1 2020 Earnings Call Transcript\nJust a title.\n"))
                .withMessageContaining("No speaker turn found")
                .withMessageContaining("--format");
    }
}
