package io.callstream.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;

import io.callstream.avro.QaExchange;
import io.callstream.avro.Role;
import io.callstream.avro.Section;
import io.callstream.avro.SpeakerTurn;
import io.callstream.avro.Status;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every output says after which line it was known ({@code knownAtSeq}), so a backtest cut after any line keeps
 * exactly what a live run had sent by then: not the turn's own last line where the output needed a later one.
 */
class KnownAtSeqTest {

    @RegisterExtension
    static final EnrichDrivers DRIVERS = new EnrichDrivers();

    private static final String TESLA = "Tesla, Inc.";
    private static final Section QA = Section.QUESTIONS_AND_ANSWERS;

    private EnrichDriver driver;
    private final TestCallEvents call = new TestCallEvents("call-1");

    @BeforeEach
    void startDriver() {
        driver = DRIVERS.open(Map.of());
        driver.pipe(call.started(TESLA));
    }

    private void say(String label, String affiliation, String text) {
        driver.pipe(call.line(label, affiliation, QA, text));
    }

    @Test
    void aGrowingTurnIsKnownAtItsNewestLineAndItsFinalAtTheLineThatClosesIt() {
        say("Elon Reeve Musk", TESLA, "We delivered more cars than ever.");       // seq 0
        say("Elon Reeve Musk", TESLA, "And margins improved.");                   // seq 1
        assertThat(driver.turns()).extracting(SpeakerTurn::getLastSeq, SpeakerTurn::getKnownAtSeq)
                .containsExactly(tuple(0L, 0L), tuple(1L, 1L));

        say("Operator", null, "Thank you.");                                      // seq 2 closes turn 0
        List<SpeakerTurn> atTwo = driver.turns();
        assertThat(atTwo).filteredOn(t -> t.getStatus() == Status.FINAL).singleElement().satisfies(t -> {
            assertThat(t.getTurnIndex()).isZero();
            assertThat(t.getLastSeq()).as("its text ends at its own last line").isEqualTo(1L);
            assertThat(t.getKnownAtSeq()).as("but it was FINAL only once the operator spoke").isEqualTo(2L);
        });

        driver.pipe(call.ended());
        assertThat(driver.turns()).singleElement().satisfies(t -> {
            assertThat(t.getStatus()).isEqualTo(Status.FINAL);
            assertThat(t.getKnownAtSeq()).as("the end adds no line").isEqualTo(2L);
        });
    }

    @Test
    void anExchangeIsKnownAtTheLineThatClosedTheTurnItTook() {
        say("Operator", null, "Our first question comes from the line of Adam Jonas with Morgan Stanley."); // 0
        say("Adam Michael Jonas", "Morgan Stanley & Co. LLC", "How many Model 3s a week?");                  // 1
        say("Elon Reeve Musk", TESLA, "We expect to get to 5,000 a week.");                                  // 2
        assertThat(driver.exchanges()).singleElement().satisfies(e -> {
            assertThat(e.getQuestionTurns()).containsExactly(1);
            assertThat(e.getKnownAtSeq()).as("the question was known once the answer began").isEqualTo(2L);
        });

        say("Operator", null, "Our next question comes from Ryan Brinkman with JPMorgan.");                 // 3
        assertThat(driver.exchanges()).singleElement().satisfies(e -> {
            assertThat(e.getAnswerTurns()).containsExactly(2);
            assertThat(e.getStatus()).isEqualTo(Status.PARTIAL);
            assertThat(e.getKnownAtSeq()).isEqualTo(3L);
        });

        say("Ryan Brinkman", "JPMorgan Securities LLC", "And the margin?");                                 // 4
        assertThat(driver.exchanges()).filteredOn(e -> e.getExchangeIndex() == 0).singleElement().satisfies(e -> {
            assertThat(e.getStatus()).isEqualTo(Status.FINAL);
            assertThat(e.getKnownAtSeq()).as("closed when the operator's turn closed").isEqualTo(4L);
        });

        say("Elon Reeve Musk", TESLA, "Improving.");                                                         // 5
        driver.exchanges();
        driver.pipe(call.ended());
        assertThat(driver.exchanges()).extracting(QaExchange::getExchangeIndex, QaExchange::getStatus,
                QaExchange::getKnownAtSeq).containsExactly(
                tuple(1, Status.PARTIAL, 5L),
                tuple(1, Status.FINAL, 5L));
    }

    @Test
    void aTurnCorrectedLaterAndTheAlertItThenRaisesAreKnownWhenTheCorrectionCame() {
        say("Operator", null, "Our first question comes from the line of Adam Jonas with Morgan Stanley."); // 0
        say("Speaker 2", null, "I think it probably makes sense to raise capital to reduce risk.");           // 1
        say("Operator", null, "Thank you.");                                                                 // 2
        say("Speaker 3", null, "A question on margins.");                                                    // 3
        assertThat(driver.alerts()).as("the voice was taken for the analyst just introduced").isEmpty();
        driver.turns();

        driver.pipe(call.identified("Speaker 2", "Elon Reeve Musk", TESLA, Role.EXECUTIVE));
        assertThat(driver.turns()).filteredOn(t -> t.getTurnIndex() == 1).singleElement().satisfies(t -> {
            assertThat(t.getSpeaker().getRole()).isEqualTo(Role.EXECUTIVE);
            assertThat(t.getLastSeq()).isEqualTo(1L);
            assertThat(t.getKnownAtSeq()).as("identified after line 3").isEqualTo(3L);
        });
        assertThat(driver.alerts()).singleElement().satisfies(a -> {
            assertThat(a.getRuleId()).isEqualTo("capital-raise-by-executive");
            assertThat(a.getKnownAtSeq()).isEqualTo(3L);
        });
    }

    @Test
    void aRevisedLineIsKnownAtTheNewestLineAppliedNotAtTheLineItRevises() {
        driver.pipe(call.line(0, 0, Status.FINAL, "Elon Reeve Musk", QA, "We delivered 22,200 cars."));
        driver.pipe(call.line(1, 0, Status.FINAL, "Operator", QA, "Thank you."));
        driver.pipe(call.line(2, 0, Status.FINAL, "Operator", QA, "Next question."));
        driver.turns();

        driver.pipe(call.line(0, 1, Status.FINAL, "Elon Reeve Musk", QA, "We delivered 22,252 cars."));
        assertThat(driver.turns()).singleElement().satisfies(t -> {
            assertThat(t.getText()).contains("22,252");
            assertThat(t.getKnownAtSeq()).isEqualTo(2L);
        });
    }
}
