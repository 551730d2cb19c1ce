package io.callstream.enrich.replay;

import java.io.File;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.callstream.avro.CallEvent;
import io.callstream.enrich.EnrichGraph;
import io.callstream.enrich.EnrichOptions;
import io.callstream.enrich.EnrichOutputs;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.Punctuator;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The backtest engine: enrich's own processor classes, wired as {@link EnrichGraph} wires them for the live topology,
 * run call after call in this process on in-memory stores, with no broker, no serialization between records, no
 * registry and no per-record commit, flush or fsync. What it keeps of the live path is what decides outputs: the same
 * processors, the same order of records through them (depth first, as a stream task forwards), values copied into
 * and out of stores (as their serdes copy them), and outputs copied as they leave (as a sink serializes them).
 *
 * <p>Each call runs on empty stores, exactly as on a fresh topology; the processors themselves are kept from call to
 * call (built again every {@value #CALLS_PER_PROCESSORS} calls), which is safe because their only memory besides the stores is caches of pure functions of a turn's text
 * (the tagger's readings) and the idle clock, which a backtest never fires (wall-clock punctuation is live-only).
 *
 * <p>A call in which the topology refuses something (a dead letter, a processor's exception, a record before 1970)
 * is not run here: a dead letter carries the refused record's bytes and its offset on the input topic, which only a
 * topology with serdes has. {@link #run} then says so, and the caller runs that call on the topology itself
 * (TopologyTestDriver). Real calls refuse nothing, so they all run here. Not thread-safe: one per worker.
 */
public final class InMemoryEnrich implements AutoCloseable {

    /**
     * Calls served before the processors are built again: the assembler remembers when it last heard of each call
     * (for the live idle sweep, which never runs here), a few bytes per call that would otherwise pile up.
     */
    private static final int CALLS_PER_PROCESSORS = 1_000;

    private final EnrichGraph graph;
    private final Map<String, Processor<Object, Object, Object, Object>> processors = new LinkedHashMap<>();
    private final Map<String, List<String>> children = new LinkedHashMap<>();
    private final Map<String, EnrichGraph.Output> sinks = new LinkedHashMap<>();
    private final Map<String, InMemoryStore<?>> stores = new LinkedHashMap<>();
    private final RecordCopier copier = new RecordCopier();
    /** Hears the running call's outputs. */
    private EnrichOutputs.Receiver receiver;
    /** Whether the running call had a record dead-lettered. */
    private boolean refused;
    private long streamTime;
    private int callsServed;

    private InMemoryEnrich(EnrichOptions options) {
        // The assembler serializes an event only to dead-letter it, and a call with a dead letter goes back to the
        // topology: nothing here is ever read.
        this.graph = EnrichGraph.of(options, () -> (topic, event) -> null);
        for (EnrichGraph.Step step : graph.steps()) {
            if (step instanceof EnrichGraph.Node node) {
                node.parents().forEach(p -> children.computeIfAbsent(p, k -> new ArrayList<>()).add(node.name()));
            } else if (step instanceof EnrichGraph.Store store) {
                stores.put(store.name(), new InMemoryStore<>(store.name(), copier));
            } else if (step instanceof EnrichGraph.Sink sink) {
                sinks.put(sink.name(), sink.output());
                sink.parents().forEach(p -> children.computeIfAbsent(p, k -> new ArrayList<>()).add(sink.name()));
            }
        }
        buildProcessors();
    }

    private void buildProcessors() {
        processors.values().forEach(Processor::close);
        processors.clear();
        for (EnrichGraph.Step step : graph.steps()) {
            if (step instanceof EnrichGraph.Node node) {
                processors.put(node.name(), processor(node));
            }
        }
        processors.forEach((name, processor) -> processor.init(new Context(name)));
    }

    /** Builds the processors (the tagger's rules among them): once per worker, not per call. */
    public static InMemoryEnrich start(EnrichOptions options) {
        return new InMemoryEnrich(options);
    }

    /**
     * Runs one call's events in order, each at its {@code observedAt}, on empty stores, and returns what the topology
     * would have emitted for them alone; empty when the topology refused something in the call (see the class
     * comment), which only the topology itself can report exactly.
     */
    public Optional<EnrichOutputs> run(List<CallEvent> events) {
        EnrichOutputs.Collector collector = new EnrichOutputs.Collector();
        return run(events, (topic, value) -> collector.received(topic, copier.copy(value)))
                ? Optional.of(collector.outputs()) : Optional.empty();
    }

    /**
     * As {@link #run(List)}, handing each output to {@code receiver} as it is emitted, not copied: the record is the
     * emitting processor's own, which may change it after it has gone (a sink would have serialized it by then), so a
     * receiver reads what it needs at once and copies ({@link #copy}) what it keeps. False when the topology refused
     * something in the call: what the receiver heard is then not the call's outputs.
     */
    public boolean run(List<CallEvent> events, EnrichOutputs.Receiver receiver) {
        if (++callsServed % CALLS_PER_PROCESSORS == 0) {
            buildProcessors();
        }
        stores.values().forEach(InMemoryStore::clear);
        this.receiver = receiver;
        refused = false;
        streamTime = Long.MIN_VALUE;
        try {
            for (CallEvent event : events) {
                long timestamp = event.getObservedAt().toEpochMilli();
                if (timestamp < 0) {
                    return false; // Kafka refuses negative record times
                }
                streamTime = Math.max(streamTime, timestamp);
                Record<Object, Object> record = new Record<>(event.getCallId(), copier.copy(event), timestamp,
                        new RecordHeaders());
                deliver(EnrichGraph.SOURCE, record);
                if (refused) {
                    return false;
                }
            }
        } catch (RuntimeException e) {
            return false; // the topology would dead-letter the record and go on
        } finally {
            stores.values().forEach(InMemoryStore::clear);
            this.receiver = null;
        }
        return true;
    }

    /** A deep copy of an output record, as its round trip through a sink's serde would give it. */
    public <T> T copy(T record) {
        return copier.copy(record);
    }

    private void deliver(String from, Record<Object, Object> record) {
        for (String child : children.getOrDefault(from, List.of())) {
            deliverTo(child, record);
        }
    }

    private void deliverTo(String node, Record<Object, Object> record) {
        EnrichGraph.Output output = sinks.get(node);
        if (output != null) {
            if (record.timestamp() < 0) {
                throw new IllegalStateException("negative timestamp at sink " + node);
            }
            if (output == EnrichGraph.Output.DEAD_LETTERS) {
                refused = true; // only the topology gives a dead letter exactly
            } else {
                receiver.received(output, record.value());
            }
            return;
        }
        Processor<Object, Object, Object, Object> processor = processors.get(node);
        if (processor == null) {
            throw new IllegalArgumentException("no node " + node + " in the enrich graph");
        }
        processor.process(record);
    }

    @SuppressWarnings("unchecked")
    private static Processor<Object, Object, Object, Object> processor(EnrichGraph.Node node) {
        return (Processor<Object, Object, Object, Object>) node.supplier().get();
    }

    @Override
    public void close() {
        processors.values().forEach(Processor::close);
    }

    /** A processor's view of the engine: its children, the stores, and clocks that never fire. */
    private final class Context implements ProcessorContext<Object, Object> {

        private static final TaskId TASK = new TaskId(0, 0);

        private final String node;

        Context(String node) {
            this.node = node;
        }

        @Override
        public <K, V> void forward(Record<K, V> record) {
            deliver(node, cast(record));
        }

        @Override
        public <K, V> void forward(Record<K, V> record, String childName) {
            if (!children.getOrDefault(node, List.of()).contains(childName)) {
                throw new IllegalArgumentException(childName + " is not a child of " + node);
            }
            deliverTo(childName, cast(record));
        }

        @SuppressWarnings("unchecked")
        private Record<Object, Object> cast(Record<?, ?> record) {
            return (Record<Object, Object>) record;
        }

        @Override
        public String applicationId() {
            return "callstream-backtest";
        }

        @Override
        public TaskId taskId() {
            return TASK;
        }

        @Override
        public Optional<RecordMetadata> recordMetadata() {
            return Optional.empty();
        }

        @Override
        public Serde<?> keySerde() {
            throw new UnsupportedOperationException("the backtest engine has no serdes");
        }

        @Override
        public Serde<?> valueSerde() {
            throw new UnsupportedOperationException("the backtest engine has no serdes");
        }

        @Override
        public File stateDir() {
            throw new UnsupportedOperationException("the backtest engine keeps no state on disk");
        }

        @Override
        public StreamsMetrics metrics() {
            throw new UnsupportedOperationException("the backtest engine has no Kafka Streams metrics");
        }

        @Override
        @SuppressWarnings("unchecked")
        public <S extends StateStore> S getStateStore(String name) {
            StateStore store = stores.get(name);
            if (store == null) {
                throw new IllegalArgumentException("no store " + name + " in the enrich graph");
            }
            return (S) store;
        }

        /** Punctuation never fires in a backtest: the idle sweep is live-only, as in TopologyTestDriver. */
        @Override
        public Cancellable schedule(Duration interval, PunctuationType type, Punctuator callback) {
            return () -> { };
        }

        @Override
        public Cancellable schedule(Instant startTime, Duration interval, PunctuationType type, Punctuator callback) {
            return () -> { };
        }

        @Override
        public void commit() {
        }

        @Override
        public Map<String, Object> appConfigs() {
            return Map.of();
        }

        @Override
        public Map<String, Object> appConfigsWithPrefix(String prefix) {
            return Map.of();
        }

        @Override
        public long currentSystemTimeMs() {
            return 0L;
        }

        @Override
        public long currentStreamTimeMs() {
            return streamTime;
        }
    }
}
