package io.callstream.enrich;

import io.callstream.avro.state.AlertCallState;
import io.callstream.avro.state.TurnAssemblyState;
import io.callstream.avro.state.TurnLines;
import io.callstream.enrich.alerts.RaiseAlerts;
import io.callstream.enrich.qa.QaCorrections;
import io.callstream.enrich.qa.QaPairing;
import io.callstream.enrich.tags.TagTurns;
import io.callstream.enrich.turns.AssemblyBounds;
import io.callstream.enrich.turns.TurnAssembler;
import io.callstream.schemas.topics.CallTopics;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The enrich stage as one topology: call events in; speaker turns, question-answer exchanges, enriched turns (topics,
 * numbers, guidance), alerts and dead letters out. Every processor, store and
 * internal topic is named here, so a rename is a reviewed change (the description is pinned by a test).
 *
 * <p>Built with the Processor API rather than the DSL because the assembler sends two record types (turns and dead
 * letters) to two named sinks; in the DSL that would take a split into branches and casts.
 */
public final class EnrichTopology {

    public static final String TURN_ASSEMBLY_STORE = "turn-assembly";
    public static final String CLOSED_TURNS_STORE = TurnAssembler.CLOSED_TURNS_STORE;
    public static final String QA_PAIRING_STORE = QaPairing.STORE;
    public static final String QA_EXCHANGES_STORE = QaPairing.EXCHANGES_STORE;
    public static final String ALERT_STATE_STORE = RaiseAlerts.STORE;

    private static final String READ_CALL_EVENTS = "read-call-events";
    private static final String ASSEMBLE_TURNS = "assemble-turns";

    private EnrichTopology() {
    }

    /** The topology with the shipped taxonomies and alert rules. */
    public static Topology build(CallTopics topics, Serde<TurnAssemblyState> stateSerde) {
        return build(topics, stateSerde, EnrichOptions.defaults());
    }

    public static Topology build(CallTopics topics, Serde<TurnAssemblyState> stateSerde, AssemblyBounds bounds) {
        return build(topics, stateSerde, EnrichOptions.defaults().withBounds(bounds));
    }

    public static Topology build(CallTopics topics, EnrichOptions options) {
        return build(topics, topics.stateSerde(TurnAssemblyState.class), options);
    }

    public static Topology build(CallTopics topics, Serde<TurnAssemblyState> stateSerde, EnrichOptions options) {
        Topology topology = new Topology();
        topology.addSource(READ_CALL_EVENTS, topics.callEvents().keySerde().deserializer(),
                topics.callEvents().valueSerde().deserializer(), topics.callEvents().name());
        topology.addProcessor(ASSEMBLE_TURNS, () -> new TurnAssembler(TURN_ASSEMBLY_STORE, options.bounds(),
                topics.callEvents().valueSerde().serializer(),
                new TurnAssembler.Followers(QaPairing.NAME, QaCorrections.NAME, TagTurns.NAME)), READ_CALL_EVENTS);
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(TURN_ASSEMBLY_STORE), Serdes.String(), stateSerde), ASSEMBLE_TURNS);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CLOSED_TURNS_STORE),
                Serdes.String(), topics.stateSerde(TurnLines.class)), ASSEMBLE_TURNS);
        topology.addSink(TurnAssembler.TURNS, topics.callTurns().name(), topics.callTurns().keySerde().serializer(),
                topics.callTurns().valueSerde().serializer(), ASSEMBLE_TURNS);
        topology.addSink(TurnAssembler.DEAD_LETTERS, topics.deadLetters().name(),
                topics.deadLetters().keySerde().serializer(), topics.deadLetters().valueSerde().serializer(),
                ASSEMBLE_TURNS);

        // Pairing follows the assembler in the same task rather than reading call-turns back: it then sees each
        // closed turn once, in order, and the call's end after its last turn, with no repartition or extra topic.
        topology.addProcessor(QaPairing.NAME, QaPairing::new, ASSEMBLE_TURNS);
        topology.addProcessor(QaCorrections.NAME, QaCorrections::new, ASSEMBLE_TURNS);
        // The stores hold exchanges, so the QA topic's serde serves their changelogs too. Both processors use
        // both: a correction re-issues an exchange that pairing may still be growing.
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(QA_PAIRING_STORE), Serdes.String(), topics.qa().valueSerde()),
                QaPairing.NAME, QaCorrections.NAME);
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(QA_EXCHANGES_STORE), Serdes.String(), topics.qa().valueSerde()),
                QaPairing.NAME, QaCorrections.NAME);
        topology.addSink(QaPairing.QA, topics.qa().name(), topics.qa().keySerde().serializer(),
                topics.qa().valueSerde().serializer(), QaPairing.NAME, QaCorrections.NAME);

        // Tagging reads every snapshot in the same task, so tags and alerts follow each line without a hop; it
        // only reads the assembler's store (the call's ticker) and the exchanges (a FINAL turn's exchange).
        topology.addProcessor(TagTurns.NAME, () -> new TagTurns(options.taxonomies(), TURN_ASSEMBLY_STORE,
                RaiseAlerts.NAME), ASSEMBLE_TURNS);
        topology.connectProcessorAndStateStores(TagTurns.NAME, TURN_ASSEMBLY_STORE, QA_PAIRING_STORE, QA_EXCHANGES_STORE);
        topology.addSink(TagTurns.ENRICHED, topics.enrichedTurns().name(), topics.enrichedTurns().keySerde().serializer(),
                topics.enrichedTurns().valueSerde().serializer(), TagTurns.NAME);
        topology.addProcessor(RaiseAlerts.NAME, () -> new RaiseAlerts(options.rules(), options.clock()), TagTurns.NAME);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ALERT_STATE_STORE),
                Serdes.String(), topics.stateSerde(AlertCallState.class)), RaiseAlerts.NAME);
        topology.addSink(RaiseAlerts.ALERTS, topics.alerts().name(), topics.alerts().keySerde().serializer(),
                topics.alerts().valueSerde().serializer(), RaiseAlerts.NAME);
        return topology;
    }
}
