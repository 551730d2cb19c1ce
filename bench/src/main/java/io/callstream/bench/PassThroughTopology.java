package io.callstream.bench;

import io.callstream.avro.CallEvent;
import io.callstream.schemas.topics.Topic;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The enrich benchmarks' baseline: call events read and written back unchanged, through the same Avro serdes the
 * enrich topology reads them with. It pays what any topology on call-events pays (deserialize, route, serialize,
 * produce, commit) and nothing else, so enrich's figure over this one is the cost of turn assembly and Q&amp;A
 * pairing: their logic, their stores and the extra records they emit. {@link #buildStateful} adds what any stateful
 * topology pays per record: its call's entry read from a RocksDB store and written back (the event itself, about
 * the size of enrich's per-line writes: its state's header and the line), through a changelog, so that enrich over
 * it is the cost of its logic and its extra records, not of having state at all.
 */
final class PassThroughTopology {

    private static final String READ = "read-call-events";
    private static final String WRITE = "write-copy";
    private static final String KEEP = "keep-last-event";
    private static final String STORE = "last-event";

    private PassThroughTopology() {
    }

    static Topology build(Topic<String, CallEvent> events, String copyTopic) {
        Topology topology = new Topology();
        topology.addSource(READ, events.keySerde().deserializer(), events.valueSerde().deserializer(), events.name());
        topology.addSink(WRITE, copyTopic, events.keySerde().serializer(), events.valueSerde().serializer(), READ);
        return topology;
    }

    static Topology buildStateful(Topic<String, CallEvent> events, String copyTopic) {
        Topology topology = new Topology();
        topology.addSource(READ, events.keySerde().deserializer(), events.valueSerde().deserializer(), events.name());
        topology.addProcessor(KEEP, KeepLastEvent::new, READ);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                events.valueSerde()), KEEP);
        topology.addSink(WRITE, copyTopic, events.keySerde().serializer(), events.valueSerde().serializer(), KEEP);
        return topology;
    }

    /** Reads the call's last event from the store, writes this one in its place and passes it on. */
    private static final class KeepLastEvent implements Processor<String, CallEvent, String, CallEvent> {

        private ProcessorContext<String, CallEvent> context;
        private KeyValueStore<String, CallEvent> store;

        @Override
        public void init(ProcessorContext<String, CallEvent> context) {
            this.context = context;
            this.store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, CallEvent> record) {
            CallEvent last = store.get(record.key());
            if (last == null || last.getObservedAt().compareTo(record.value().getObservedAt()) <= 0) {
                store.put(record.key(), record.value());
            }
            context.forward(record);
        }
    }
}
