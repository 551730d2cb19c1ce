package io.callstream.enrich;

import io.callstream.avro.QaExchange;
import io.callstream.avro.state.TurnAssemblyState;
import io.callstream.enrich.alerts.RaiseAlerts;
import io.callstream.enrich.qa.QaPairing;
import io.callstream.enrich.turns.AssemblyBounds;
import io.callstream.enrich.turns.TurnAssembler;
import io.callstream.schemas.topics.CallTopics;
import io.callstream.schemas.topics.Topic;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.Stores;

/**
 * The enrich stage as one topology: call events in; speaker turns, question-answer exchanges, enriched turns (topics,
 * numbers, guidance), alerts and dead letters out. Every processor, store and
 * internal topic is named here, so a rename is a reviewed change (the description is pinned by a test).
 *
 * <p>Built with the Processor API rather than the DSL because the assembler sends two record types (turns and dead
 * letters) to two named sinks; in the DSL that would take a split into branches and casts. The wiring itself is
 * {@link EnrichGraph}'s, which the in-memory backtest engine runs too.
 */
public final class EnrichTopology {

    public static final String TURN_ASSEMBLY_STORE = "turn-assembly";
    public static final String CLOSED_TURNS_STORE = TurnAssembler.CLOSED_TURNS_STORE;
    public static final String OPEN_TURN_LINES_STORE = TurnAssembler.OPEN_TURN_LINES_STORE;
    public static final String QA_PAIRING_STORE = QaPairing.STORE;
    public static final String QA_EXCHANGES_STORE = QaPairing.EXCHANGES_STORE;
    public static final String ALERT_STATE_STORE = RaiseAlerts.STORE;

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
        return build(topics, stateSerde, options, true);
    }

    /**
     * @param persistentStores false for in-memory stores (still changelogged): the live app keeps RocksDB; the
     *                         benchmark measures what RocksDB costs against this
     */
    public static Topology build(CallTopics topics, Serde<TurnAssemblyState> stateSerde, EnrichOptions options,
                                 boolean persistentStores) {
        Topology topology = new Topology();
        topology.addSource(EnrichGraph.SOURCE, topics.callEvents().keySerde().deserializer(),
                topics.callEvents().valueSerde().deserializer(), topics.callEvents().name());
        for (EnrichGraph.Step step : EnrichGraph.of(options, () -> topics.callEvents().valueSerde().serializer())
                .steps()) {
            if (step instanceof EnrichGraph.Node node) {
                topology.addProcessor(node.name(), processor(node), node.parents().toArray(String[]::new));
            } else if (step instanceof EnrichGraph.Store store) {
                topology.addStateStore(Stores.keyValueStoreBuilder(persistentStores
                                ? Stores.persistentKeyValueStore(store.name()) : Stores.inMemoryKeyValueStore(store.name()),
                        Serdes.String(), serde(topics, stateSerde, store.valueType())),
                        store.processors().toArray(String[]::new));
            } else if (step instanceof EnrichGraph.Sink sink) {
                addSink(topology, sink, sink.output().of(topics));
            } else if (step instanceof EnrichGraph.Connect connect) {
                topology.connectProcessorAndStateStores(connect.processor(), connect.stores().toArray(String[]::new));
            }
        }
        return topology;
    }

    @SuppressWarnings("unchecked")
    private static ProcessorSupplier<Object, Object, Object, Object> processor(EnrichGraph.Node node) {
        return () -> (Processor<Object, Object, Object, Object>) node.supplier().get();
    }

    private static <V> void addSink(Topology topology, EnrichGraph.Sink sink, Topic<String, V> topic) {
        topology.addSink(sink.name(), topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer(),
                sink.parents().toArray(String[]::new));
    }

    /** A store's value serde: the assembler's state as given, exchanges as the QA topic's, the rest by type. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Serde<?> serde(CallTopics topics, Serde<TurnAssemblyState> stateSerde, Class<?> type) {
        if (type == TurnAssemblyState.class) {
            return stateSerde;
        }
        if (type == QaExchange.class) {
            return topics.qa().valueSerde();
        }
        return topics.stateSerde((Class) type);
    }
}
