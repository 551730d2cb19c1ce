package io.callstream.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.callstream.avro.Alert;
import io.callstream.avro.CallEvent;
import io.callstream.avro.EnrichedTurn;
import io.callstream.avro.Section;
import io.callstream.avro.Severity;
import io.callstream.avro.Status;
import io.callstream.avro.TranscriptLine;
import io.callstream.ingest.TeslaSample;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Alerts fire on the line that completes their condition, once, with the evidence; tags ride on every snapshot. */
class AlertFiringTest {

    @RegisterExtension
    static final EnrichDrivers DRIVERS = new EnrichDrivers();

    private static final String TESLA = "Tesla, Inc.";
    private static final String MUSK = "Elon Reeve Musk";

    private EnrichDriver driver;
    private final TestCallEvents call = new TestCallEvents("call-1");

    @BeforeEach
    void startDriver() {
        driver = DRIVERS.open(Map.of());
        driver.pipe(call.started(TESLA));
    }

    private CallEvent musk(String text) {
        return call.line(MUSK, TESLA, Section.QUESTIONS_AND_ANSWERS, text);
    }

    @Test
    void firesOnThePartialTurnWhoseNewLineCompletesTheConditionAndNeverAgain() {
        driver.pipe(musk("We had a strong quarter for deliveries."));
        assertThat(driver.alerts()).isEmpty();

        CallEvent completing = musk("I think it probably makes sense to raise capital to reduce risk.");
        driver.pipe(completing);
        List<Alert> fired = driver.alerts();
        assertThat(fired).singleElement().satisfies(a -> {
            assertThat(a.getRuleId()).isEqualTo("capital-raise-by-executive");
            assertThat(a.getSeverity()).isEqualTo(Severity.HIGH);
            assertThat(a.getTurnStatus()).isEqualTo(Status.PARTIAL);
            assertThat(a.getKnownAtSeq()).isEqualTo(((TranscriptLine) completing.getPayload()).getSeq());
            assertThat(a.getObservedAt()).isEqualTo(completing.getObservedAt());
            assertThat(a.getAlertId()).isEqualTo("call-1/capital-raise-by-executive/0");
            assertThat(a.getRulesId()).isEqualTo("default");
            assertThat(a.getSpeaker().getName()).isEqualTo(MUSK);
            assertThat(a.getEvidence()).isNotEmpty().allSatisfy(span -> assertThat(span.getText()).isNotBlank());
            assertThat(a.getExcerpt()).contains("raise capital");
            assertThat(a.getEmittedAt()).isNotNull();
        });

        driver.pipe(musk("And that is all on financing."), call.line("Operator", null, Section.QUESTIONS_AND_ANSWERS,
                "Thank you."), call.ended());
        assertThat(driver.alerts()).as("the same condition on later snapshots and the FINAL turn").isEmpty();
        assertThat(driver.assemblyStore().get("call-1").getEnded()).isNotNull();
    }

    @Test
    void doesNotRaiseAnExecutiveRuleOnAnAnalystsWords() {
        driver.pipe(call.line("Adam Jonas", "Morgan Stanley", Section.QUESTIONS_AND_ANSWERS,
                "Do you think you will need to raise capital this year?"));

        assertThat(driver.alerts()).isEmpty();
        assertThat(driver.enrichedTurns()).singleElement().satisfies(t -> assertThat(t.getTopics())
                .anySatisfy(tag -> assertThat(tag.getTopicId()).isEqualTo("capital-raise")));
    }

    @Test
    void tagsEverySnapshotAsTheWordsArriveAndTheFinalTurn() {
        driver.pipe(musk("Thanks for the question."), musk("Model 3 production starts in July."),
                call.line("Operator", null, Section.QUESTIONS_AND_ANSWERS, "Thank you."));

        List<EnrichedTurn> snapshots = driver.enrichedTurns();
        assertThat(snapshots).extracting(t -> t.getTurn().getStatus())
                .containsExactly(Status.PARTIAL, Status.PARTIAL, Status.FINAL, Status.PARTIAL);
        assertThat(snapshots.get(0).getTopics()).isEmpty();
        assertThat(snapshots.get(1).getTopics()).extracting(t -> t.getTopicId()).contains("model-3-ramp");
        assertThat(snapshots.get(2).getTopics()).isEqualTo(snapshots.get(1).getTopics());
        assertThat(snapshots.get(1).getNumbers()).anySatisfy(n -> assertThat(n.getSpan().getText()).contains("July"));
        snapshots.forEach(t -> t.getTopics().forEach(tag -> tag.getEvidence().forEach(span -> assertThat(
                t.getTurn().getText().substring(span.getStart(), span.getEnd())).isEqualTo(span.getText()))));
    }

    @Test
    void theTeslaCallRaisesTheCapitalRaiseAlertOnceAtTheChiefExecutivesLine() {
        List<CallEvent> events = TeslaSample.events();
        driver.pipe(events);

        long seq = events.stream().map(CallEvent::getPayload)
                .filter(p -> p instanceof TranscriptLine l && l.getText().contains("probably makes sense to raise capital"))
                .map(p -> ((TranscriptLine) p).getSeq()).findFirst().orElseThrow();
        List<Alert> alerts = driver.alerts();
        assertThat(alerts).extracting(Alert::getAlertId).doesNotHaveDuplicates();
        assertThat(alerts).filteredOn(a -> a.getRuleId().equals("capital-raise-by-executive")).singleElement()
                .satisfies(a -> assertThat(a.getKnownAtSeq()).isEqualTo(seq));
    }
}
