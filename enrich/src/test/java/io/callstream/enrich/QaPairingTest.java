package io.callstream.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.callstream.avro.QaExchange;
import io.callstream.avro.Role;
import io.callstream.avro.Section;
import io.callstream.avro.Speaker;
import io.callstream.avro.SpeakerTurn;
import io.callstream.avro.Status;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class QaPairingTest {

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

    private void operator(String text) {
        driver.pipe(call.line("Operator", null, QA, text));
    }

    private void say(String label, String affiliation, String text) {
        driver.pipe(call.line(label, affiliation, QA, text));
    }

    private static List<QaExchange> finals(List<QaExchange> all) {
        return all.stream().filter(e -> e.getStatus() == Status.FINAL).toList();
    }

    @Test
    void opensAnExchangePerIntroducedAnalystWithTheFirmFromTheIntroduction() {
        operator("And our first question comes from the line of Adam Jonas with Morgan Stanley. Your line is now open.");
        say("Adam Michael Jonas", "Morgan Stanley & Co. LLC", "How many Model 3s this year?");
        say("Elon Reeve Musk", TESLA, "Quite a few.");
        operator("And our next question comes from the line of David Tamberrino with Goldman Sachs. Your line is now open.");
        say("David Tamberrino", "Goldman Sachs & Co.", "And the margin?");
        driver.pipe(call.ended());

        List<QaExchange> done = finals(driver.exchanges());
        assertThat(done).extracting(QaExchange::getExchangeId).containsExactly("call-1-QA000", "call-1-QA001");
        assertThat(done).extracting(e -> e.getAnalyst().getName()).containsExactly("Adam Jonas", "David Tamberrino");
        assertThat(done).extracting(e -> e.getAnalyst().getAffiliation())
                .containsExactly("Morgan Stanley", "Goldman Sachs");
        assertThat(done.get(0).getAnalyst().getLabel()).isEqualTo("Adam Michael Jonas");
        assertThat(done.get(0).getAnalyst().getRole()).isEqualTo(Role.ANALYST);
        assertThat(done.get(0).getQuestionTurns()).containsExactly(1);
        assertThat(done.get(0).getAnswerTurns()).containsExactly(2);
    }

    @Test
    void keepsAFollowUpBySameAnalystInTheSameExchange() {
        operator("Our next question comes from Colin Rusch with Oppenheimer.");
        say("Colin Rusch", "Oppenheimer & Co., Inc.", "First question.");
        say("Elon Reeve Musk", TESLA, "First answer.");
        say("Colin Rusch", "Oppenheimer & Co., Inc.", "And a follow-up.");
        say("Jason S. Wheeler", TESLA, "Second answer.");
        driver.pipe(call.ended());

        List<QaExchange> done = finals(driver.exchanges());
        assertThat(done).hasSize(1);
        assertThat(done.get(0).getQuestionTurns()).containsExactly(1, 3);
        assertThat(done.get(0).getAnswerTurns()).containsExactly(2, 4);
    }

    @Test
    void collectsAnswersBySeveralExecutivesInOrderOfFirstAnswer() {
        operator("Our next question comes from Colin Langan with UBS.");
        say("Colin Michael Langan", "UBS Securities LLC", "Cash?");
        say("Jason S. Wheeler", TESLA, "Enough.");
        say("Elon Reeve Musk", TESLA, "Plenty.");
        say("Jason S. Wheeler", TESLA, "Really.");
        driver.pipe(call.ended());

        QaExchange done = finals(driver.exchanges()).get(0);
        assertThat(done.getAnswerTurns()).containsExactly(2, 3, 4);
        assertThat(done.getAnsweredBy()).extracting(Speaker::getLabel)
                .containsExactly("Jason S. Wheeler", "Elon Reeve Musk");
        assertThat(done.getAnsweredBy()).extracting(Speaker::getRole).containsOnly(Role.EXECUTIVE);
    }

    @Test
    void staysPartialWhileOpenWithRisingVersionsAndClosesFinalOnTheNextIntroduction() {
        operator("Our first question comes from Adam Jonas with Morgan Stanley.");
        say("Adam Jonas", "Morgan Stanley", "Q?");
        say("Elon Reeve Musk", TESLA, "A.");
        operator("Our next question comes from Ryan Brinkman with JPMorgan.");
        say("Ryan Brinkman", "JPMorgan Securities LLC", "Q2?"); // closes the operator's turn, so it reaches pairing

        List<QaExchange> first = driver.exchanges().stream().filter(e -> e.getExchangeIndex() == 0).toList();
        assertThat(first).extracting(QaExchange::getStatus)
                .containsExactly(Status.PARTIAL, Status.PARTIAL, Status.FINAL);
        assertThat(first).extracting(QaExchange::getVersion).containsExactly(0, 1, 2);
    }

    @Test
    void closesTheOpenExchangeFinalWhenTheCallEnds() {
        operator("Our last question comes from Rod Lache with Deutsche Bank.");
        say("Rod Lache", "Deutsche Bank Securities, Inc.", "Last one?");
        say("Elon Reeve Musk", TESLA, "Last answer.");
        driver.exchanges();
        driver.pipe(call.ended());

        List<QaExchange> out = driver.exchanges();
        assertThat(out).last().satisfies(e -> {
            assertThat(e.getStatus()).isEqualTo(Status.FINAL);
            assertThat(e.getAnswerTurns()).containsExactly(2);
        });
        assertThat(driver.qaPairingState("call-1")).isNull();
    }

    @Test
    void flagsADeclinedAnswerWithEvidenceThatIndexesTheAnswerTextExactly() {
        operator("Our next question comes from Ryan Brinkman with JPMorgan.");
        say("Ryan Brinkman", "JPMorgan Securities LLC", "How many reservations?");
        say("Elon Reeve Musk", TESLA, "Yes, we don't report that number, because people read too much into it.");
        driver.pipe(call.ended());

        QaExchange done = finals(driver.exchanges()).get(0);
        SpeakerTurn answer = EnrichDriver.finals(driver.turns()).stream()
                .filter(t -> t.getTurnIndex() == done.getAnswerTurns().get(0)).findFirst().orElseThrow();
        assertThat(done.getDeclined()).isTrue();
        assertThat(done.getDeclineEvidence().getText()).isEqualTo("we don't report");
        assertThat(answer.getText().substring(done.getDeclineEvidence().getStart(), done.getDeclineEvidence().getEnd()))
                .isEqualTo("we don't report");
    }

    @Test
    void leavesAnUnintroducedAnonymousAnalystUnnamed() {
        driver.pipe(call.line("Speaker 3", "Morgan Stanley", QA, "A question without an introduction."));
        say("Elon Reeve Musk", TESLA, "An answer.");
        driver.pipe(call.ended());

        QaExchange done = finals(driver.exchanges()).get(0);
        assertThat(done.getAnalyst().getLabel()).isEqualTo("Speaker 3");
        assertThat(done.getAnalyst().getName()).isNull();
        assertThat(done.getAnalyst().getAffiliation()).isEqualTo("Morgan Stanley");
    }

    @Test
    void keepsTheNameOfSomeoneWhoAsksForTheIntroducedAnalystButTheIntroducedFirm() {
        operator("And our next question comes from the line of John Murphy with Bank of America. Your line is now open.");
        say("Aileen Elizabeth Smith", "Bank of America Merrill Lynch", "Hi, it's Aileen on for John.");
        say("Elon Reeve Musk", TESLA, "Hi.");
        driver.pipe(call.ended());

        QaExchange done = finals(driver.exchanges()).get(0);
        assertThat(done.getAnalyst().getName()).isEqualTo("Aileen Elizabeth Smith");
        assertThat(done.getAnalyst().getAffiliation()).isEqualTo("Bank of America");
    }
}
