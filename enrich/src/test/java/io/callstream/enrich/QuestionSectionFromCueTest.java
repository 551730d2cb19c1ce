package io.callstream.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.callstream.avro.Section;
import io.callstream.avro.SpeakerTurn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Lines without a section (timed formats) enter the Q&A at the cue that opens the questions. */
class QuestionSectionFromCueTest {

    @RegisterExtension
    static final EnrichDrivers DRIVERS = new EnrichDrivers();

    private static final Section NONE = Section.UNKNOWN;
    private static final Section QA = Section.QUESTIONS_AND_ANSWERS;

    private EnrichDriver driver;
    private final TestCallEvents call = new TestCallEvents("call-1");

    @BeforeEach
    void startDriver() {
        driver = DRIVERS.open(Map.of());
        driver.pipe(call.started("Monro, Inc."));
    }

    private List<SpeakerTurn> finalTurns() {
        return EnrichDriver.finals(driver.turns());
    }

    @Test
    void marksTurnsFromTheOpeningCueOnAsQuestionsAndAnswers() {
        driver.pipe(call.line("Speaker 2", null, NONE, "Our sales grew in the quarter."),
                call.line("Speaker 1", null, NONE, "We will now begin the question and answer session."),
                call.line("Speaker 3", null, NONE, "Thanks. A question on tires."),
                call.line("Speaker 2", null, NONE, "Sure."),
                call.ended());

        assertThat(finalTurns()).extracting(SpeakerTurn::getSection).containsExactly(NONE, QA, QA, QA);
    }

    @Test
    void takesAFirstIntroductionAsTheOpeningCue() {
        driver.pipe(call.line("Speaker 2", null, NONE, "That concludes our remarks."),
                call.line("Speaker 1", null, NONE, "Our first question comes from Bret Jordan with Jefferies."),
                call.ended());

        assertThat(finalTurns()).extracting(SpeakerTurn::getSection).containsExactly(NONE, QA);
    }

    @Test
    void movesTheTurnThatCarriesTheCueIntoTheQuestionsWithoutSplittingIt() {
        driver.pipe(call.line("Speaker 1", null, NONE, "Thank you."),
                call.line("Speaker 1", null, NONE, "We will now begin the question and answer session."),
                call.line("Speaker 3", null, NONE, "Hi."),
                call.ended());

        List<SpeakerTurn> turns = finalTurns();
        assertThat(turns).extracting(SpeakerTurn::getSection).containsExactly(QA, QA);
        assertThat(turns.get(0).getLineCount()).isEqualTo(2);
    }

    @Test
    void keepsTheSectionTheSourceGivesAndIgnoresAnAnnouncementOfLaterQuestions() {
        driver.pipe(call.line("Operator", null, NONE,
                        "After the speakers' presentation, there will be a question and answer session."),
                call.line("Speaker 2", null, Section.PREPARED_REMARKS,
                        "We will now begin the question and answer session after one more slide."),
                call.line("Speaker 3", null, NONE, "Hello."),
                call.ended());

        assertThat(finalTurns()).extracting(SpeakerTurn::getSection)
                .containsExactly(NONE, Section.PREPARED_REMARKS, NONE);
    }
}
