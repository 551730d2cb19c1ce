package io.callstream.enrich;

import io.callstream.avro.CallEvent;
import io.callstream.avro.SpeakerTurn;
import io.callstream.avro.state.TurnAssemblyState;
import io.callstream.enrich.turns.TurnAssembler;
import io.callstream.schemas.topics.CallTopics;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The enrich stage as one topology: call events in, speaker turns out. Every processor, store and internal topic
 * is named here, so a rename is a reviewed change (the description is pinned by a test).
 */
public final class EnrichTopology {

    public static final String TURN_ASSEMBLY_STORE = "turn-assembly";

    private EnrichTopology() {
    }

    public static Topology build(CallTopics topics, Serde<TurnAssemblyState> stateSerde) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(TURN_ASSEMBLY_STORE), Serdes.String(), stateSerde));

        builder.stream(topics.callEvents().name(),
                        Consumed.with(topics.callEvents().keySerde(), topics.callEvents().valueSerde())
                                .withName("read-call-events"))
                .<String, SpeakerTurn>process(() -> new TurnAssembler(TURN_ASSEMBLY_STORE),
                        Named.as("assemble-turns"), TURN_ASSEMBLY_STORE)
                .to(topics.callTurns().name(),
                        Produced.with(topics.callTurns().keySerde(), topics.callTurns().valueSerde())
                                .withName("write-call-turns"));
        return builder.build();
    }
}
