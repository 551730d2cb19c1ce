package io.callstream.schemas.topics;

import io.callstream.avro.Alert;
import io.callstream.avro.CallEvent;
import io.callstream.avro.DeadLetter;
import io.callstream.avro.EnrichedTurn;
import io.callstream.avro.QaExchange;
import io.callstream.avro.SpeakerTurn;
import io.callstream.schemas.registry.SchemaRegistryClient;
import io.callstream.schemas.serde.AvroSerde;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The pipeline's topics, each with its serdes. Every topic is keyed by the call id as a plain string, so a
 * call's records stay on one partition and any tool can read the key; values are Avro in Confluent's wire
 * format, their schemas under the topic's {@code -value} subject.
 */
public final class CallTopics {

    private final TopicNames names;
    private final Topic<String, CallEvent> callEvents;
    private final Topic<String, SpeakerTurn> callTurns;
    private final Topic<String, EnrichedTurn> enrichedTurns;
    private final Topic<String, QaExchange> qa;
    private final Topic<String, Alert> alerts;
    private final Topic<String, DeadLetter> deadLetters;
    private final SchemaRegistryClient client;

    public CallTopics(TopicNames names, SchemaRegistryClient client) {
        this.names = Objects.requireNonNull(names, "names");
        this.client = Objects.requireNonNull(client, "client");
        this.callEvents = topic(names.callEvents(), CallEvent.class, client);
        this.callTurns = topic(names.callTurns(), SpeakerTurn.class, client);
        this.enrichedTurns = topic(names.enrichedTurns(), EnrichedTurn.class, client);
        this.qa = topic(names.qa(), QaExchange.class, client);
        this.alerts = topic(names.alerts(), Alert.class, client);
        this.deadLetters = topic(names.deadLetters(), DeadLetter.class, client);
    }

    private static <V extends SpecificRecord> Topic<String, V> topic(String name, Class<V> type,
                                                                     SchemaRegistryClient client) {
        Serde<String> key = Serdes.String();
        return new Topic<>(name, key, new AvroSerde<>(type, client, false));
    }

    /** A serde for a state store's values (and so its changelog), through the same registry as the topics. */
    public <V extends SpecificRecord> Serde<V> stateSerde(Class<V> type) {
        return new AvroSerde<>(type, client, false);
    }

    /**
     * The value deserializers of {@code some} of these topics by topic name, for a reader that takes the raw records
     * of several topics and reads each by where it came from.
     */
    @SafeVarargs
    public static Map<String, Deserializer<? extends SpecificRecord>> valueReaders(
            Topic<String, ? extends SpecificRecord>... some) {
        return Arrays.stream(some).collect(Collectors.toUnmodifiableMap(Topic::name,
                topic -> topic.valueSerde().deserializer()));
    }

    public TopicNames names() {
        return names;
    }

    public Topic<String, CallEvent> callEvents() {
        return callEvents;
    }

    public Topic<String, SpeakerTurn> callTurns() {
        return callTurns;
    }

    public Topic<String, EnrichedTurn> enrichedTurns() {
        return enrichedTurns;
    }

    public Topic<String, QaExchange> qa() {
        return qa;
    }

    public Topic<String, Alert> alerts() {
        return alerts;
    }

    public Topic<String, DeadLetter> deadLetters() {
        return deadLetters;
    }

    /** Every topic, input first, in pipeline order. */
    public List<Topic<String, ?>> all() {
        return List.of(callEvents, callTurns, enrichedTurns, qa, alerts, deadLetters);
    }
}
