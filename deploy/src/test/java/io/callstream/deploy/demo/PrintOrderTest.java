package io.callstream.deploy.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.callstream.avro.QaExchange;
import io.callstream.avro.Role;
import io.callstream.avro.Speaker;
import io.callstream.avro.SpeakerTurn;
import io.callstream.avro.Status;
import org.junit.jupiter.api.Test;

/** The demo never prints an exchange before the turns it spans, and holds it no longer than that. */
class PrintOrderTest {

    private final List<String> printed = new ArrayList<>();
    private final PrintOrder order = new PrintOrder(t -> {
        if (t.getStatus() == Status.FINAL) {
            printed.add("turn " + t.getCallId() + "/" + t.getTurnIndex());
        }
    }, new FinalExchanges.Listener() {
        @Override
        public void completed(QaExchange x) {
            printed.add("exchange " + x.getExchangeId());
        }

        @Override
        public void corrected(QaExchange x) {
            printed.add("corrected " + x.getExchangeId());
        }
    });

    @Test
    void exchangeThatArrivesBeforeItsLastTurnIsPrintedRightAfterThatTurn() {
        order.accept(turn("c", 0, Status.FINAL));
        order.completed(exchange("c", 0, 1, 2));
        order.accept(turn("c", 1, Status.FINAL));
        order.accept(turn("c", 2, Status.PARTIAL));
        assertThat(printed).containsExactly("turn c/0", "turn c/1");

        order.accept(turn("c", 2, Status.FINAL));
        order.accept(turn("c", 3, Status.FINAL));
        assertThat(printed).containsExactly("turn c/0", "turn c/1", "turn c/2", "exchange c-QA000", "turn c/3");
    }

    @Test
    void exchangeWhoseTurnsArePrintedAlreadyIsPrintedAtOnce() {
        order.accept(turn("c", 0, Status.FINAL));
        order.accept(turn("c", 1, Status.FINAL));
        order.completed(exchange("c", 0, 0, 1));
        assertThat(printed).containsExactly("turn c/0", "turn c/1", "exchange c-QA000");
    }

    @Test
    void correctionNeverOvertakesItsExchangeAndOtherCallsAreNotHeldUp() {
        order.completed(exchange("a", 0, 0, 1));
        order.corrected(exchange("a", 0, 0, 0));
        order.accept(turn("b", 0, Status.FINAL));
        order.completed(exchange("b", 0, 0, 0));
        order.accept(turn("a", 1, Status.FINAL));
        assertThat(printed).containsExactly("turn b/0", "exchange b-QA000", "turn a/1", "exchange a-QA000",
                "corrected a-QA000");
    }

    @Test
    void flushPrintsWhatIsStillHeld() {
        order.completed(exchange("c", 0, 3, 4));
        order.flush();
        order.flush();
        assertThat(printed).containsExactly("exchange c-QA000");
    }

    private static SpeakerTurn turn(String callId, int index, Status status) {
        return SpeakerTurn.newBuilder().setCallId(callId).setTurnIndex(index).setStatus(status)
                .setSpeaker(Speaker.newBuilder().setLabel("Speaker 1").setRole(Role.UNKNOWN).build())
                .setText("text").setLineCount(1).setFirstLineId("l").setLastLineId("l").setFirstSeq(0).setLastSeq(0)
                .setStartOffsetMs(0).setEndOffsetMs(0).setFirstObservedAt(Instant.EPOCH)
                .setLastObservedAt(Instant.EPOCH).build();
    }

    private static QaExchange exchange(String callId, int index, int question, int lastAnswer) {
        return QaExchange.newBuilder().setCallId(callId).setExchangeId(callId + "-QA" + String.format("%03d", index))
                .setExchangeIndex(index).setStatus(Status.FINAL)
                .setAnalyst(Speaker.newBuilder().setRole(Role.ANALYST).build())
                .setQuestionTurns(List.of(question)).setAnswerTurns(List.of(lastAnswer))
                .setStartOffsetMs(0).setEndOffsetMs(0).build();
    }
}
