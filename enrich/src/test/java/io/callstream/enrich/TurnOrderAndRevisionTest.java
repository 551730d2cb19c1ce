package io.callstream.enrich;

import static io.callstream.enrich.EnrichDriver.finals;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.callstream.avro.CallEvent;
import io.callstream.avro.DeadLetter;
import io.callstream.avro.Section;
import io.callstream.avro.SpeakerTurn;
import io.callstream.avro.Status;
import io.callstream.avro.state.TurnAssemblyState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Turn assembly puts lines in seq order, drops duplicates and stale copies, applies revisions, and forgets ended calls. */
class TurnOrderAndRevisionTest {

    @RegisterExtension
    static final EnrichDrivers DRIVERS = new EnrichDrivers();

    private static final String TESLA = "Tesla, Inc.";
    private static final String MUSK = "Elon Reeve Musk";
    private static final String OPERATOR = "Operator";
    private static final Section QA = Section.QUESTIONS_AND_ANSWERS;

    private final TestCallEvents call = new TestCallEvents("call-1");

    private EnrichDriver driver() {
        return driver(Map.of());
    }

    private EnrichDriver driver(Map<String, String> overrides) {
        return DRIVERS.open(overrides);
    }

    private CallEvent musk(long seq, String text) {
        return call.line(seq, 0, Status.FINAL, MUSK, QA, text);
    }

    @Test
    void releasesOutOfOrderLinesInSeqOrderOnceTheGapFills() {
        EnrichDriver d = driver();
        d.pipe(call.started(TESLA), musk(0, "One."), musk(2, "Three."), musk(3, "Four."));
        assertThat(d.turns()).extracting(SpeakerTurn::getLastSeq).containsExactly(0L);

        d.pipe(musk(1, "Two."), call.ended(4));

        List<SpeakerTurn> out = d.turns();
        assertThat(out).extracting(SpeakerTurn::getLastSeq).containsExactly(1L, 2L, 3L, 3L);
        assertThat(finals(out)).singleElement().satisfies(t -> {
            assertThat(t.getText()).isEqualTo("One. Two. Three. Four.");
            assertThat(t.getMissingSeqs()).isEmpty();
        });
    }

    @Test
    void skipsAGapOnceAWaitingLineIsPastTheCallTimeBoundAndRecordsItOnTheTurn() {
        EnrichDriver d = driver();
        // seq 1 never comes; seq 0 is at 1 s, so the gap is given up once a waiting line is past 1 s + 5 s.
        d.pipe(call.started(TESLA), musk(0, "One."), musk(2, "Three."), musk(3, "Four."), musk(4, "Five."),
                musk(5, "Six."));
        assertThat(d.turns()).extracting(SpeakerTurn::getLastSeq).containsExactly(0L);

        d.pipe(musk(6, "Seven.")); // at 7 s: 6 s past the gap's neighbour
        List<SpeakerTurn> released = d.turns();
        assertThat(released).extracting(SpeakerTurn::getLastSeq).containsExactly(2L, 3L, 4L, 5L, 6L);
        assertThat(released.get(0).getMissingSeqs()).containsExactly(1L);

        d.pipe(musk(1, "Two, too late."), call.ended(7));
        assertThat(finals(d.turns())).singleElement().satisfies(t -> {
            assertThat(t.getText()).isEqualTo("One. Three. Four. Five. Six. Seven.");
            assertThat(t.getMissingSeqs()).containsExactly(1L);
        });
        assertThat(d.deadLetters()).singleElement()
                .satisfies(l -> assertThat(l.getReason()).contains("arrived after its seq was skipped"));
    }

    @Test
    void skipsAGapOnceMoreLinesWaitThanTheBufferHolds() {
        EnrichDriver d = driver(Map.of(EnrichSettings.MAX_BUFFERED_LINES_CONFIG, "2"));
        d.pipe(call.started(TESLA), musk(0, "One."), musk(2, "Three."), musk(3, "Four."));
        assertThat(d.turns()).hasSize(1);

        d.pipe(musk(4, "Five."));
        List<SpeakerTurn> released = d.turns();
        assertThat(released).extracting(SpeakerTurn::getLastSeq).containsExactly(2L, 3L, 4L);
        assertThat(released.get(2).getMissingSeqs()).containsExactly(1L);
    }

    @Test
    void recordsSeqsThatNeverCameBeforeTheCallEndedOnTheLastTurn() {
        EnrichDriver d = driver();
        d.pipe(call.started(TESLA), musk(0, "One."), musk(2, "Three."), call.ended(4));

        assertThat(finals(d.turns())).singleElement().satisfies(t -> {
            assertThat(t.getText()).isEqualTo("One. Three.");
            assertThat(t.getMissingSeqs()).containsExactly(1L, 3L);
        });
    }

    @Test
    void dropsExactDuplicatesWhetherAppliedOrWaiting() {
        EnrichDriver d = driver();
        d.pipe(call.started(TESLA), musk(0, "One."), musk(0, "One."), musk(2, "Three."), musk(2, "Three."),
                musk(1, "Two."), call.ended(3));

        List<SpeakerTurn> out = d.turns();
        assertThat(out).extracting(SpeakerTurn::getLastSeq).containsExactly(0L, 1L, 2L, 2L);
        assertThat(finals(out)).singleElement()
                .satisfies(t -> assertThat(t.getText()).isEqualTo("One. Two. Three."));
        assertThat(d.deadLetters()).isEmpty();
    }

    @Test
    void partialRevisionsFollowedByTheFinalOneLeaveOnlyTheLatestText() {
        EnrichDriver d = driver();
        d.pipe(call.started(TESLA), musk(0, "Thanks."),
                call.line(1, 0, Status.PARTIAL, MUSK, QA, "We expect"),
                call.line(1, 1, Status.PARTIAL, MUSK, QA, "We expect five"),
                call.line(1, 2, Status.FINAL, MUSK, QA, "We expect five thousand a week."));

        List<SpeakerTurn> out = d.turns();
        assertThat(out).extracting(SpeakerTurn::getText).containsExactly(
                "Thanks.", "Thanks. We expect", "Thanks. We expect five", "Thanks. We expect five thousand a week.");
        assertThat(out).extracting(SpeakerTurn::getVersion).containsExactly(0, 1, 2, 3);
        // A line's FINAL status settles the line, not the turn: the turn stays open.
        assertThat(out).extracting(SpeakerTurn::getStatus).containsOnly(Status.PARTIAL);
        assertThat(out.get(3).getLineCount()).isEqualTo(2);

        d.pipe(call.ended(2));
        assertThat(finals(d.turns())).singleElement()
                .satisfies(t -> assertThat(t.getText()).isEqualTo("Thanks. We expect five thousand a week."));
    }

    @Test
    void revisionOfALineInAClosedTurnReissuesThatTurnFinalWithAHigherVersion() {
        EnrichDriver d = driver();
        d.pipe(call.started(TESLA), musk(0, "We made 5,000 cars."),
                call.line(1, 0, Status.FINAL, OPERATOR, QA, "Next question."));
        SpeakerTurn closed = finals(d.turns()).get(0);

        d.pipe(call.line(0, 1, Status.FINAL, MUSK, QA, "We made 5,500 cars."));

        assertThat(d.turns()).singleElement().satisfies(t -> {
            assertThat(t.getStatus()).isEqualTo(Status.FINAL);
            assertThat(t.getTurnIndex()).isEqualTo(closed.getTurnIndex());
            assertThat(t.getVersion()).isGreaterThan(closed.getVersion());
            assertThat(t.getText()).isEqualTo("We made 5,500 cars.");
        });
    }

    @Test
    void dropsAStaleRevision() {
        EnrichDriver d = driver();
        d.pipe(call.started(TESLA), call.line(0, 2, Status.FINAL, MUSK, QA, "We expect five thousand a week."));
        d.turns();

        d.pipe(call.line(0, 1, Status.PARTIAL, MUSK, QA, "We expect five"),
                call.line(0, 2, Status.FINAL, MUSK, QA, "We expect four thousand a week."));

        assertThat(d.turns()).isEmpty();
        assertThat(d.deadLetters()).isEmpty();
        d.pipe(call.ended(1));
        assertThat(finals(d.turns())).singleElement()
                .satisfies(t -> assertThat(t.getText()).isEqualTo("We expect five thousand a week."));
    }

    @Test
    void deadLettersACorrectionOfATurnOlderThanTheTurnsKept() {
        EnrichDriver d = driver(Map.of(EnrichSettings.RECENT_TURNS_KEPT_CONFIG, "1"));
        d.pipe(call.started(TESLA), musk(0, "First."), call.line(1, 0, Status.FINAL, OPERATOR, QA, "Second."),
                musk(2, "Third."));
        d.turns();

        d.pipe(call.line(0, 1, Status.FINAL, MUSK, QA, "First, corrected."));

        assertThat(d.turns()).isEmpty();
        assertThat(d.deadLetters()).singleElement()
                .satisfies(l -> assertThat(l.getReason()).contains("corrects a turn older than the last 1 turns"));
    }

    @Test
    void shrinksTheCallsStateToAMarkerWhenItEndsAndDeadLettersALateLine() {
        EnrichDriver d = driver();
        d.pipe(call.started(TESLA), musk(0, "Thanks, everyone."), call.ended(1));
        assertThat(finals(d.turns())).hasSize(1);

        TurnAssemblyState marker = d.assemblyStore().get("call-1");
        assertThat(marker.getEnded().getTurnCount()).isEqualTo(1);
        assertThat(marker.getEnded().getReason()).isEqualTo("ended");
        assertThat(marker.getOpenTurn()).isNull();
        assertThat(d.closedTurns("call-1")).isEmpty();

        d.pipe(musk(1, "One more thing."));

        assertThat(d.turns()).isEmpty();
        assertThat(d.assemblyStore().get("call-1")).isEqualTo(marker);
        assertThat(d.deadLetters()).singleElement().satisfies(l -> {
            assertThat(l.getCallId()).isEqualTo("call-1");
            assertThat(l.getReason()).contains("line after the call ended");
            assertThat(l.getSourceTopic()).isEqualTo("call-events");
            assertThat(l.getPayload()).isNotNull();
        });
    }

    @Test
    void deadLettersARecordWhoseProcessingFailsAndGoesOnWithTheNext() {
        EnrichDriver d = driver();
        d.pipe(call.started(TESLA), musk(-1, "A line with a broken seq."), musk(0, "Still here."));

        assertThat(d.deadLetters()).singleElement().satisfies(l -> {
            assertThat(l.getCallId()).isEqualTo("call-1");
            assertThat(l.getStage()).isEqualTo("enrich");
            assertThat(l.getReason()).contains("assemble-turns").contains("seq -1");
            assertThat(l.getErrorClass()).isEqualTo(IllegalArgumentException.class.getName());
            assertThat(l.getPayload()).isNotNull();
            assertThat(StandardCharsets.ISO_8859_1.decode(l.getPayload().duplicate()).toString())
                    .contains("A line with a broken seq.");
        });
        assertThat(d.turns()).extracting(SpeakerTurn::getText).containsExactly("Still here.");
    }

    /** Three speakers, a section change, a revision: 12 lines one second apart. */
    private List<CallEvent> aCall() {
        List<CallEvent> lines = new ArrayList<>();
        String[] speakers = {OPERATOR, "Adam Michael Jonas", MUSK};
        for (int seq = 0; seq < 12; seq++) {
            Section section = seq < 3 ? Section.PREPARED_REMARKS : QA;
            lines.add(call.line(seq, 0, Status.FINAL, speakers[(seq / 2) % 3], section, "Line " + seq + "."));
        }
        return lines;
    }

    @Test
    void theSameEventsTwiceGiveIdenticalFinalTurns() {
        List<CallEvent> events = new ArrayList<>();
        events.add(call.started(TESLA));
        events.addAll(aCall());
        events.add(call.ended(12));
        EnrichDriver first = driver();
        EnrichDriver second = driver();

        first.pipe(events);
        second.pipe(events);

        List<SpeakerTurn> once = finals(first.turns());
        assertThat(once).hasSizeGreaterThan(3);
        assertThat(finals(second.turns())).isEqualTo(once);
    }

    @Test
    void shuffledArrivalWithinTheBufferBoundGivesIdenticalFinalTurns() {
        List<CallEvent> inOrder = aCall();
        List<CallEvent> shuffled = new ArrayList<>();
        Random random = new Random(42); // fixed: the test must decide the same way every run
        for (int from = 0; from < inOrder.size(); from += 3) {
            List<CallEvent> window = new ArrayList<>(inOrder.subList(from, Math.min(from + 3, inOrder.size())));
            Collections.shuffle(window, random);
            shuffled.addAll(window);
        }
        assertThat(shuffled).isNotEqualTo(inOrder);
        EnrichDriver ordered = driver();
        EnrichDriver disordered = driver();

        ordered.pipe(call.started(TESLA));
        ordered.pipe(inOrder);
        ordered.pipe(call.ended(12));
        disordered.pipe(call.started(TESLA));
        disordered.pipe(shuffled);
        disordered.pipe(call.ended(12));

        List<SpeakerTurn> expected = finals(ordered.turns());
        assertThat(expected).allSatisfy(t -> assertThat(t.getMissingSeqs()).isEmpty());
        assertThat(finals(disordered.turns())).isEqualTo(expected);
    }
}
