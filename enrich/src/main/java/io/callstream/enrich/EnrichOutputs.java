package io.callstream.enrich;

import java.util.List;

import io.callstream.avro.Alert;
import io.callstream.avro.DeadLetter;
import io.callstream.avro.EnrichedTurn;
import io.callstream.avro.QaExchange;
import io.callstream.avro.SpeakerTurn;

/** Everything enrich emitted for some input, per output topic, in emission order. */
public record EnrichOutputs(List<SpeakerTurn> turns, List<EnrichedTurn> enrichedTurns, List<QaExchange> exchanges,
                            List<Alert> alerts, List<DeadLetter> deadLetters) {
}
