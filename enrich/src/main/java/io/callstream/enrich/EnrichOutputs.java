package io.callstream.enrich;

import java.util.ArrayList;
import java.util.List;

import io.callstream.avro.Alert;
import io.callstream.avro.DeadLetter;
import io.callstream.avro.EnrichedTurn;
import io.callstream.avro.QaExchange;
import io.callstream.avro.SpeakerTurn;

/** Everything enrich emitted for some input, per output topic, in emission order. */
public record EnrichOutputs(List<SpeakerTurn> turns, List<EnrichedTurn> enrichedTurns, List<QaExchange> exchanges,
                            List<Alert> alerts, List<DeadLetter> deadLetters) {

    /**
     * Hears enrich's outputs one by one, in the order they are emitted across all topics. A reader that needs only a
     * little of each output (a backtest's tallies) keeps that, instead of every snapshot of every turn.
     */
    public interface Receiver {
        /** One output record of {@code topic}: a SpeakerTurn, EnrichedTurn, QaExchange, Alert or DeadLetter. */
        void received(EnrichGraph.Output topic, Object value);
    }

    /** Hands every record to {@code receiver}, topic by topic (the order across topics is not kept here). */
    public void replayTo(Receiver receiver) {
        turns.forEach(v -> receiver.received(EnrichGraph.Output.TURNS, v));
        enrichedTurns.forEach(v -> receiver.received(EnrichGraph.Output.ENRICHED_TURNS, v));
        exchanges.forEach(v -> receiver.received(EnrichGraph.Output.QA, v));
        alerts.forEach(v -> receiver.received(EnrichGraph.Output.ALERTS, v));
        deadLetters.forEach(v -> receiver.received(EnrichGraph.Output.DEAD_LETTERS, v));
    }

    /** A receiver that keeps every record it hears, as given, and makes the outputs of them. */
    public static final class Collector implements Receiver {
        private final List<SpeakerTurn> turns = new ArrayList<>();
        private final List<EnrichedTurn> enriched = new ArrayList<>();
        private final List<QaExchange> exchanges = new ArrayList<>();
        private final List<Alert> alerts = new ArrayList<>();
        private final List<DeadLetter> deadLetters = new ArrayList<>();

        @Override
        public void received(EnrichGraph.Output topic, Object value) {
            switch (topic) {
                case TURNS -> turns.add((SpeakerTurn) value);
                case ENRICHED_TURNS -> enriched.add((EnrichedTurn) value);
                case QA -> exchanges.add((QaExchange) value);
                case ALERTS -> alerts.add((Alert) value);
                case DEAD_LETTERS -> deadLetters.add((DeadLetter) value);
            }
        }

        public EnrichOutputs outputs() {
            return new EnrichOutputs(List.copyOf(turns), List.copyOf(enriched), List.copyOf(exchanges),
                    List.copyOf(alerts), List.copyOf(deadLetters));
        }
    }
}
