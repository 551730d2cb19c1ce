package io.callstream.enrich;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.callstream.avro.Alert;
import io.callstream.avro.CallEvent;
import io.callstream.avro.DeadLetter;
import io.callstream.avro.EnrichedTurn;
import io.callstream.avro.QaExchange;
import io.callstream.avro.SpeakerTurn;
import io.callstream.avro.Status;
import io.callstream.avro.state.OpenTurnLine;
import io.callstream.avro.state.TurnAssemblyState;
import io.callstream.avro.state.TurnLines;
import io.callstream.schemas.registry.RegistryClientConfig;
import io.callstream.schemas.registry.SchemaRegistryClient;
import io.callstream.schemas.serde.AvroSerde;
import io.callstream.schemas.topics.CallTopics;
import io.callstream.schemas.topics.TopicNames;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/** The enrich topology in a {@link TopologyTestDriver}, configured as {@link EnrichSettings} would run it. */
final class EnrichDriver implements AutoCloseable {

    private final TopologyTestDriver driver;
    private final TestInputTopic<String, CallEvent> events;
    private final TestOutputTopic<String, SpeakerTurn> turns;
    private final TestOutputTopic<String, DeadLetter> deadLetters;
    private final TestOutputTopic<String, QaExchange> qa;
    private final TestOutputTopic<String, EnrichedTurn> enriched;
    private final TestOutputTopic<String, Alert> alerts;

    EnrichDriver(String registryUrl, Path stateDir, Map<String, String> overrides) {
        SchemaRegistryClient client = new SchemaRegistryClient(RegistryClientConfig.of(registryUrl));
        CallTopics topics = new CallTopics(TopicNames.defaults(), client);
        EnrichSettings settings = EnrichSettings.defaults("unused:9092", registryUrl, stateDir).withOverrides(overrides);
        Properties props = settings.toStreamsProperties();
        driver = new TopologyTestDriver(EnrichTopology.build(topics,
                new AvroSerde<>(TurnAssemblyState.class, client, false), settings.assemblyBounds()), props);
        events = driver.createInputTopic(topics.callEvents().name(),
                topics.callEvents().keySerde().serializer(), topics.callEvents().valueSerde().serializer());
        turns = driver.createOutputTopic(topics.callTurns().name(),
                topics.callTurns().keySerde().deserializer(), topics.callTurns().valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(topics.deadLetters().name(),
                topics.deadLetters().keySerde().deserializer(), topics.deadLetters().valueSerde().deserializer());
        qa = driver.createOutputTopic(topics.qa().name(),
                topics.qa().keySerde().deserializer(), topics.qa().valueSerde().deserializer());
        enriched = driver.createOutputTopic(topics.enrichedTurns().name(),
                topics.enrichedTurns().keySerde().deserializer(), topics.enrichedTurns().valueSerde().deserializer());
        alerts = driver.createOutputTopic(topics.alerts().name(),
                topics.alerts().keySerde().deserializer(), topics.alerts().valueSerde().deserializer());
    }

    void pipe(CallEvent... callEvents) {
        pipe(List.of(callEvents));
    }

    void pipe(List<CallEvent> callEvents) {
        for (CallEvent e : callEvents) {
            events.pipeInput(e.getCallId(), e, e.getObservedAt());
        }
    }

    /** The event under another key than its callId, as a producer bypassing ingest might write it. */
    void pipeKeyed(String key, CallEvent e) {
        events.pipeInput(key, e, e.getObservedAt());
    }

    /** A record with this key and no value (a tombstone), or no key when {@code callId} is null. */
    void pipeTombstone(String callId, java.time.Instant at) {
        events.pipeInput(callId, null, at);
    }

    /** Moves the driver's wall clock, which only the live-only idle expiry reads. */
    void advanceWallClock(java.time.Duration by) {
        driver.advanceWallClockTime(by);
    }

    /** Every turn snapshot emitted since the last read. */
    List<SpeakerTurn> turns() {
        return turns.readValuesToList();
    }

    static List<SpeakerTurn> finals(List<SpeakerTurn> all) {
        return all.stream().filter(t -> t.getStatus() == Status.FINAL).toList();
    }

    /** Every exchange snapshot emitted since the last read. */
    List<QaExchange> exchanges() {
        return qa.readValuesToList();
    }

    /** Every enriched turn snapshot emitted since the last read. */
    List<EnrichedTurn> enrichedTurns() {
        return enriched.readValuesToList();
    }

    /** Every alert emitted since the last read. */
    List<Alert> alerts() {
        return alerts.readValuesToList();
    }

    List<DeadLetter> deadLetters() {
        return deadLetters.readValuesToList();
    }

    KeyValueStore<String, TurnAssemblyState> assemblyStore() {
        return driver.getKeyValueStore(EnrichTopology.TURN_ASSEMBLY_STORE);
    }

    /** The texts of the call's open turn's lines, as the store open-turn-lines holds them, in order. */
    List<String> openTurnLines(String callId) {
        KeyValueStore<String, OpenTurnLine> store = driver.getKeyValueStore(EnrichTopology.OPEN_TURN_LINES_STORE);
        List<String> texts = new ArrayList<>();
        store.all().forEachRemaining(kv -> {
            if (kv.value.getCallId().equals(callId)) {
                texts.add(kv.value.getText());
            }
        });
        return texts;
    }

    /** The call's latest exchange as the pairing store holds it, or null. */
    QaExchange qaPairingState(String callId) {
        KeyValueStore<String, QaExchange> store = driver.getKeyValueStore(EnrichTopology.QA_PAIRING_STORE);
        return store.get(callId);
    }

    /** Every entry of the closed-turns store that belongs to the call. */
    List<TurnLines> closedTurns(String callId) {
        KeyValueStore<String, TurnLines> store = driver.getKeyValueStore(EnrichTopology.CLOSED_TURNS_STORE);
        List<TurnLines> held = new ArrayList<>();
        store.all().forEachRemaining(kv -> {
            if (kv.value.getTurn().getCallId().equals(callId)) {
                held.add(kv.value);
            }
        });
        return held;
    }

    /** Every entry of the exchanges store that belongs to the call. */
    List<QaExchange> heldExchanges(String callId) {
        KeyValueStore<String, QaExchange> store = driver.getKeyValueStore(EnrichTopology.QA_EXCHANGES_STORE);
        List<QaExchange> held = new ArrayList<>();
        store.all().forEachRemaining(kv -> {
            if (kv.value.getCallId().equals(callId)) {
                held.add(kv.value);
            }
        });
        return held;
    }

    @Override
    public void close() {
        driver.close();
    }
}
