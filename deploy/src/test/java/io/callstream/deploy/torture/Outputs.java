package io.callstream.deploy.torture;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.callstream.avro.Alert;
import io.callstream.avro.CallEvent;
import io.callstream.avro.DeadLetter;
import io.callstream.avro.EnrichedTurn;
import io.callstream.avro.QaExchange;
import io.callstream.avro.SpeakerTurn;
import io.callstream.deploy.stack.StackEndpoints;
import io.callstream.deploy.testing.TopicContents;
import io.callstream.schemas.topics.TopicNames;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Everything the pipeline's topics hold once it is quiet, as a read_committed consumer sees it (the way every
 * downstream reader does): aborted transactions of killed instances are not there, committed ones are.
 */
final class Outputs {

    final List<CallEvent> events = new ArrayList<>();
    final List<SpeakerTurn> turns = new ArrayList<>();
    final List<EnrichedTurn> enriched = new ArrayList<>();
    final List<QaExchange> exchanges = new ArrayList<>();
    final List<Alert> alerts = new ArrayList<>();
    final List<DeadLetter> deadLetters = new ArrayList<>();
    /** The records of the topics the sink reads, for a clean write of the same records. */
    final List<SpecificRecord> sinkRecords = new ArrayList<>();
    /** Per partition of the topics the sink reads, the offset after its last record: where the sink must be. */
    final Map<TopicPartition, Long> sinkEnds = new HashMap<>();

    private Outputs() {
    }

    static Outputs read(String bootstrap, String registryUrl) {
        TopicNames names = TopicNames.defaults();
        StackEndpoints cluster = new StackEndpoints(bootstrap, registryUrl);
        Outputs out = new Outputs();
        out.events.addAll(read(cluster, names.callEvents(), CallEvent.class, out, true));
        out.turns.addAll(read(cluster, names.callTurns(), SpeakerTurn.class, out, false));
        out.enriched.addAll(read(cluster, names.enrichedTurns(), EnrichedTurn.class, out, true));
        out.exchanges.addAll(read(cluster, names.qa(), QaExchange.class, out, true));
        out.alerts.addAll(read(cluster, names.alerts(), Alert.class, out, true));
        out.deadLetters.addAll(read(cluster, names.deadLetters(), DeadLetter.class, out, false));
        return out;
    }

    private static <T extends SpecificRecord> List<T> read(StackEndpoints cluster, String topic, Class<T> type,
                                                           Outputs out, boolean sinkReads) {
        List<T> values = new ArrayList<>();
        for (ConsumerRecord<String, T> r : TopicContents.readRecords(cluster, topic, type)) {
            values.add(r.value());
            if (sinkReads) {
                out.sinkRecords.add(r.value());
                out.sinkEnds.merge(new TopicPartition(r.topic(), r.partition()), r.offset() + 1, Math::max);
            }
        }
        return values;
    }
}
