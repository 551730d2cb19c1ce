package io.callstream.bench;

import io.callstream.avro.CallEvent;
import io.callstream.schemas.topics.Topic;
import org.apache.kafka.streams.Topology;

/**
 * The enrich benchmarks' baseline: call events read and written back unchanged, through the same Avro serdes the
 * enrich topology reads them with. It pays what any topology on call-events pays (deserialize, route, serialize,
 * produce, commit) and nothing else, so enrich's figure over this one is the cost of turn assembly and Q&amp;A
 * pairing: their logic, their stores and the extra records they emit.
 */
final class PassThroughTopology {

    private static final String READ = "read-call-events";
    private static final String WRITE = "write-copy";

    private PassThroughTopology() {
    }

    static Topology build(Topic<String, CallEvent> events, String copyTopic) {
        Topology topology = new Topology();
        topology.addSource(READ, events.keySerde().deserializer(), events.valueSerde().deserializer(), events.name());
        topology.addSink(WRITE, copyTopic, events.keySerde().serializer(), events.valueSerde().serializer(), READ);
        return topology;
    }
}
