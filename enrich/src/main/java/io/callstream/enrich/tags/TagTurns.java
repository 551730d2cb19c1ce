package io.callstream.enrich.tags;

import java.util.List;

import io.callstream.avro.CallEnded;
import io.callstream.avro.CallEvent;
import io.callstream.avro.EnrichedTurn;
import io.callstream.avro.QaExchange;
import io.callstream.avro.Span;
import io.callstream.avro.SpeakerTurn;
import io.callstream.avro.Status;
import io.callstream.avro.state.TurnAssemblyState;
import io.callstream.enrich.numbers.ForwardLooking;
import io.callstream.enrich.numbers.NumberExtractor;
import io.callstream.enrich.qa.QaPairing;
import io.callstream.enrich.state.CallIndexedStore;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Reads every turn snapshot as it is emitted (PARTIAL ones too, so tags appear as the words are spoken): its topics
 * with evidence ({@link TopicTagger}, with the taxonomies the call's ticker selects), the numbers it mentions and
 * whether it states guidance-like expectations. Sends {@link EnrichedTurn}s to {@link #ENRICHED} and to the alert
 * processor {@link #ALERTS_CHILD}, which also gets the call's end.
 *
 * <p>Stateless itself: the call's ticker comes from the assembler's store, a FINAL turn's exchange from
 * the pairing's store (pairing sees a closed turn before this processor does).
 */
public final class TagTurns implements Processor<String, SpecificRecord, String, SpecificRecord> {

    public static final String NAME = "tag-turns";
    public static final String ENRICHED = "write-enriched-turns";

    private final TaxonomySet taxonomies;
    private final String turnAssemblyStore;
    private final String alertsChild;
    private final NumberExtractor numbers = new NumberExtractor();
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, TurnAssemblyState> calls;
    private CallIndexedStore<QaExchange> exchanges;
    private TopicTagger tagger;

    public TagTurns(TaxonomySet taxonomies, String turnAssemblyStore, String alertsChild) {
        this.taxonomies = taxonomies;
        this.turnAssemblyStore = turnAssemblyStore;
        this.alertsChild = alertsChild;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.calls = context.getStateStore(turnAssemblyStore);
        this.exchanges = new CallIndexedStore<>(context.getStateStore(QaPairing.EXCHANGES_STORE), QaExchange::getCallId);
        this.tagger = TopicTagger.of(taxonomies.all());
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() instanceof CallEvent event && event.getPayload() instanceof CallEnded) {
            context.forward(record, alertsChild);
            return;
        }
        if (!(record.value() instanceof SpeakerTurn turn)) {
            return;
        }
        TurnAssemblyState call = calls.get(record.key());
        String ticker = call == null ? null : call.getTicker();
        String text = turn.getText();
        Span statement = ForwardLooking.find(text).orElse(null);
        EnrichedTurn enriched = EnrichedTurn.newBuilder()
                .setTurn(turn)
                .setTopics(tagger.tag(text, ticker))
                .setNumbers(numbers.find(text))
                .setForwardLooking(statement != null)
                .setForwardLookingEvidence(statement)
                .setExchangeId(turn.getStatus() == Status.FINAL ? exchangeOf(record.key(), turn.getTurnIndex()) : null)
                .build();
        Record<String, SpecificRecord> out = record.withValue(enriched);
        context.forward(out, ENRICHED);
        context.forward(out, alertsChild);
    }

    private String exchangeOf(String callId, int turnIndex) {
        List<QaExchange> held = exchanges.of(callId);
        for (int i = held.size() - 1; i >= 0; i--) {
            QaExchange e = held.get(i);
            if (e.getQuestionTurns().contains(turnIndex) || e.getAnswerTurns().contains(turnIndex)) {
                return e.getExchangeId();
            }
        }
        return null;
    }

    @Override
    public void close() {
        if (tagger != null) {
            tagger.close();
        }
    }
}
