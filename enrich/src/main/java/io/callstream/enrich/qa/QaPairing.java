package io.callstream.enrich.qa;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.callstream.avro.CallEnded;
import io.callstream.avro.CallEvent;
import io.callstream.avro.QaExchange;
import io.callstream.avro.Role;
import io.callstream.avro.Span;
import io.callstream.avro.Speaker;
import io.callstream.avro.SpeakerTurn;
import io.callstream.avro.Status;
import io.callstream.enrich.roles.Names;
import io.callstream.enrich.roles.OperatorCue;
import io.callstream.enrich.roles.OperatorCue.Introduction;
import io.callstream.enrich.state.CallIndexedStore;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Pairs a call's closed turns into question-answer exchanges. Input: each turn once, when it closes, in turn order,
 * then the call's CallEnded (see {@code TurnAssembler}'s closed-turns child). Output: {@link QaExchange}
 * snapshots to the child {@link #QA}.
 *
 * <p>Rules:
 * <ul>
 *   <li>An operator turn (role OPERATOR, or any turn whose text is an introduction {@link OperatorCue} can read)
 *       closes the open exchange, FINAL. If it introduces an analyst, the next exchange waits for its question.</li>
 *   <li>The question: the first turn after the introduction by a speaker who is not an executive, or whose name
 *       matches the introduced one by last name. Name and firm come from the introduction; where the source names
 *       a different person (someone asking for the introduced analyst), that person's name is kept, never
 *       replaced by the introduced one.</li>
 *   <li>Answers: turns by anyone else until the operator speaks; the questioner speaking again is a follow-up in the
 *       same exchange. A different speaker the source calls an ANALYST starts a new exchange of their own.</li>
 *   <li>Without an introduction, an ANALYST's turn opens an exchange with the speaker as the source gave it: the
 *       label is a name only where the source gave a real name.</li>
 *   <li>The first refusal in an answer ({@link DeclinePhrases}) sets {@code declined} and its span.</li>
 *   <li>CallEnded closes the open exchange and forgets the call.</li>
 *   <li>A turn corrected later (a speaker identified, a line revised) re-issues the exchanges holding it: see
 *       {@link QaCorrections}.</li>
 * </ul>
 * An exchange goes out PARTIAL when its question and each later turn arrive (version rising from 0), FINAL when it
 * closes; an introduction whose analyst never spoke emits nothing and its index is reused. Each snapshot carries the
 * {@code knownAtSeq} of the turn that made it (the line that closed that turn); a FINAL sent on CallEnded keeps the
 * one before, since the end adds no line.
 *
 * <p>State (store {@link #STORE}, by callId) is the call's latest exchange itself: open (PARTIAL), waiting for the
 * question (PARTIAL with no question turns, never emitted) or closed (FINAL, kept for the next index).
 */
public final class QaPairing implements Processor<String, SpecificRecord, String, QaExchange> {

    /** This processor's name in the topology. */
    public static final String NAME = "pair-questions-answers";
    /** Store of each call's latest exchange. */
    public static final String STORE = "qa-pairing";
    /** Store of each open call's exchanges as last emitted, by index, so a corrected turn can re-issue them. */
    public static final String EXCHANGES_STORE = "qa-exchanges";
    /** Child the exchanges go to. */
    public static final String QA = "write-call-qa";

    private ProcessorContext<String, QaExchange> context;
    private KeyValueStore<String, QaExchange> store;
    private CallIndexedStore<QaExchange> exchanges;

    @Override
    public void init(ProcessorContext<String, QaExchange> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
        this.exchanges = new CallIndexedStore<>(context.getStateStore(EXCHANGES_STORE), QaExchange::getCallId);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        String callId = record.key();
        if (callId == null) {
            return;
        }
        if (record.value() instanceof CallEvent event && event.getPayload() instanceof CallEnded) {
            QaExchange last = store.get(callId);
            if (last != null) {
                close(record, last, last.getKnownAtSeq());
            }
            store.delete(callId); // the call is over: its pairing state goes with it
            exchanges.forget(callId);
        } else if (record.value() instanceof SpeakerTurn turn && turn.getStatus() == Status.FINAL) {
            QaExchange next = onTurn(record, store.get(callId), turn);
            if (next != null) {
                store.put(callId, next);
            }
        }
    }

    private QaExchange onTurn(Record<String, SpecificRecord> record, QaExchange last, SpeakerTurn turn) {
        Speaker speaker = turn.getSpeaker();
        Optional<Introduction> intro = OperatorCue.introduction(turn.getText());
        if (speaker.getRole() == Role.OPERATOR || intro.isPresent()) {
            if (last != null) {
                close(record, last, turn.getKnownAtSeq());
            }
            return intro.map(i -> awaiting(turn.getCallId(), nextIndex(last), i)).orElse(last);
        }
        boolean open = last != null && last.getStatus() == Status.PARTIAL;
        if (open && last.getQuestionTurns().isEmpty()) {
            if (speaker.getRole() == Role.EXECUTIVE && !Names.sameLastName(last.getAnalyst().getName(), nameOf(speaker))) {
                return null; // an executive speaking before the introduced analyst does not answer anything yet
            }
            return emit(record, ask(last, turn), turn.getKnownAtSeq());
        }
        if (open && speaker.getLabel() != null && speaker.getLabel().equals(last.getAnalyst().getLabel())) {
            return emit(record, followUp(last, turn), turn.getKnownAtSeq());
        }
        if (speaker.getRole() == Role.ANALYST) {
            if (open) {
                close(record, last, turn.getKnownAtSeq());
            }
            QaExchange own = awaiting(turn.getCallId(), nextIndex(last), null);
            own.setAnalyst(Speaker.newBuilder(speaker).build());
            return emit(record, ask(own, turn), turn.getKnownAtSeq());
        }
        return open ? emit(record, answer(last, turn), turn.getKnownAtSeq()) : null;
    }

    /** An exchange the operator introduced, waiting for its question. */
    private static QaExchange awaiting(String callId, int index, Introduction intro) {
        return QaExchange.newBuilder()
                .setCallId(callId)
                .setExchangeId(callId + "-QA" + String.format("%03d", index))
                .setExchangeIndex(index)
                .setVersion(0)
                .setStatus(Status.PARTIAL)
                .setAnalyst(Speaker.newBuilder()
                        .setName(intro == null ? null : intro.analystName())
                        .setAffiliation(intro == null ? null : intro.firm())
                        .setRole(Role.ANALYST).build())
                .setStartOffsetMs(0)
                .setEndOffsetMs(0)
                .build();
    }

    private static QaExchange ask(QaExchange waiting, SpeakerTurn turn) {
        Speaker introduced = waiting.getAnalyst();
        Speaker source = turn.getSpeaker();
        String sourceName = nameOf(source);
        // The introduction names the analyst, unless the source names someone else speaking: then that person.
        String name = introduced.getName() == null || (sourceName != null
                && !Names.sameLastName(introduced.getName(), sourceName)) ? sourceName : introduced.getName();
        String firm = introduced.getAffiliation() != null ? introduced.getAffiliation() : source.getAffiliation();
        QaExchange asked = QaExchange.newBuilder(waiting)
                .setAnalyst(Speaker.newBuilder().setLabel(source.getLabel()).setName(name).setAffiliation(firm)
                        .setRole(Role.ANALYST).build())
                .setQuestionTurns(List.of(turn.getTurnIndex()))
                .setStartOffsetMs(turn.getStartOffsetMs())
                .setEndOffsetMs(turn.getEndOffsetMs())
                .build();
        asked.setVersion(-1); // emit() raises it to 0 for the first snapshot
        return asked;
    }

    private static QaExchange followUp(QaExchange open, SpeakerTurn turn) {
        List<Integer> questions = new ArrayList<>(open.getQuestionTurns());
        questions.add(turn.getTurnIndex());
        return QaExchange.newBuilder(open).setQuestionTurns(questions).setEndOffsetMs(turn.getEndOffsetMs()).build();
    }

    private static QaExchange answer(QaExchange open, SpeakerTurn turn) {
        List<Integer> answers = new ArrayList<>(open.getAnswerTurns());
        answers.add(turn.getTurnIndex());
        List<Speaker> by = new ArrayList<>(open.getAnsweredBy());
        if (by.stream().noneMatch(s -> Objects.equals(s.getLabel(), turn.getSpeaker().getLabel()))) {
            by.add(Speaker.newBuilder(turn.getSpeaker()).build());
        }
        QaExchange.Builder next = QaExchange.newBuilder(open).setAnswerTurns(answers).setAnsweredBy(by)
                .setEndOffsetMs(turn.getEndOffsetMs());
        if (!open.getDeclined()) {
            Optional<Span> refusal = DeclinePhrases.find(turn.getText());
            refusal.ifPresent(span -> next.setDeclined(true).setDeclineEvidence(span));
        }
        return next.build();
    }

    private QaExchange emit(Record<String, SpecificRecord> record, QaExchange exchange, long knownAtSeq) {
        exchange.setVersion(exchange.getVersion() + 1);
        exchange.setKnownAtSeq(knownAtSeq);
        QaExchange sent = QaExchange.newBuilder(exchange).build();
        exchanges.put(sent.getCallId(), sent.getExchangeIndex(), sent);
        context.forward(new Record<>(record.key(), sent, record.timestamp(), record.headers()), QA);
        return exchange;
    }

    /** Sends the exchange FINAL if it was open and asked; an unasked introduction is dropped. */
    private void close(Record<String, SpecificRecord> record, QaExchange last, long knownAtSeq) {
        if (last.getStatus() != Status.PARTIAL || last.getQuestionTurns().isEmpty()) {
            return;
        }
        last.setStatus(Status.FINAL);
        emit(record, last, knownAtSeq);
    }

    private static int nextIndex(QaExchange last) {
        if (last == null) {
            return 0;
        }
        return last.getQuestionTurns().isEmpty() ? last.getExchangeIndex() : last.getExchangeIndex() + 1;
    }

    /** The speaker's name where the source gave a real one (the assembler leaves it null for "Speaker 3"). */
    private static String nameOf(Speaker speaker) {
        return speaker.getName();
    }
}
