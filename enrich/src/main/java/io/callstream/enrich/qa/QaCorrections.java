package io.callstream.enrich.qa;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.callstream.avro.QaExchange;
import io.callstream.avro.Span;
import io.callstream.avro.Speaker;
import io.callstream.avro.SpeakerTurn;
import io.callstream.enrich.state.CallIndexedStore;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Carries a corrected turn (re-issued FINAL after a late speaker identification or a revised line) into the
 * exchanges that hold it, re-issued one version higher with the same status and the corrected turn's
 * {@code knownAtSeq} (the correction came after that line, not at the turn's own):
 * <ul>
 *   <li>a question turn by the exchange's analyst fills the analyst's name and firm where still unknown (a name
 *       from the operator's introduction is kept);</li>
 *   <li>an answer turn replaces its speaker in {@code answeredBy}, and sets {@code declined} if its text now
 *       refuses.</li>
 * </ul>
 * Pairing decisions already taken stand: a correction does not move turns between exchanges. Nor does a revision
 * that removes the words of a refusal clear {@code declined}: the other answers' texts are not kept to re-check.
 */
public final class QaCorrections implements Processor<String, SpeakerTurn, String, QaExchange> {

    /** This processor's name in the topology. */
    public static final String NAME = "correct-exchanges";

    private ProcessorContext<String, QaExchange> context;
    private KeyValueStore<String, QaExchange> latest;
    private CallIndexedStore<QaExchange> exchanges;

    @Override
    public void init(ProcessorContext<String, QaExchange> context) {
        this.context = context;
        this.latest = context.getStateStore(QaPairing.STORE);
        this.exchanges = new CallIndexedStore<>(context.getStateStore(QaPairing.EXCHANGES_STORE), QaExchange::getCallId);
    }

    @Override
    public void process(Record<String, SpeakerTurn> record) {
        SpeakerTurn turn = record.value();
        if (record.key() == null || turn == null) {
            return;
        }
        for (QaExchange exchange : exchanges.of(record.key())) {
            Optional<QaExchange> corrected = corrected(exchange, turn);
            if (corrected.isEmpty()) {
                continue;
            }
            QaExchange next = corrected.get();
            exchanges.put(next.getCallId(), next.getExchangeIndex(), next);
            QaExchange working = latest.get(record.key());
            if (working != null && working.getExchangeIndex() == next.getExchangeIndex()) {
                latest.put(record.key(), QaExchange.newBuilder(next).build()); // pairing goes on from this version
            }
            context.forward(new Record<>(record.key(), next, record.timestamp(), record.headers()), QaPairing.QA);
        }
    }

    /** The exchange with the corrected turn applied, one version higher, or empty where nothing changes. */
    static Optional<QaExchange> corrected(QaExchange exchange, SpeakerTurn turn) {
        QaExchange.Builder next = QaExchange.newBuilder(exchange);
        Speaker speaker = turn.getSpeaker();
        Speaker analyst = exchange.getAnalyst();
        if (exchange.getQuestionTurns().contains(turn.getTurnIndex())
                && Objects.equals(speaker.getLabel(), analyst.getLabel())) {
            next.setAnalyst(Speaker.newBuilder(analyst)
                    .setName(analyst.getName() != null ? analyst.getName() : speaker.getName())
                    .setAffiliation(analyst.getAffiliation() != null ? analyst.getAffiliation() : speaker.getAffiliation())
                    .build());
        }
        if (exchange.getAnswerTurns().contains(turn.getTurnIndex())) {
            List<Speaker> by = new ArrayList<>(exchange.getAnsweredBy());
            by.replaceAll(s -> Objects.equals(s.getLabel(), speaker.getLabel()) ? Speaker.newBuilder(speaker).build() : s);
            next.setAnsweredBy(by);
            if (!exchange.getDeclined()) {
                Optional<Span> refusal = DeclinePhrases.find(turn.getText());
                refusal.ifPresent(span -> next.setDeclined(true).setDeclineEvidence(span));
            }
        }
        QaExchange candidate = next.build();
        if (candidate.equals(exchange)) {
            return Optional.empty();
        }
        candidate.setVersion(exchange.getVersion() + 1);
        candidate.setKnownAtSeq(turn.getKnownAtSeq());
        return Optional.of(candidate);
    }
}
