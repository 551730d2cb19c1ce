package io.callstream.enrich.replay;

import java.io.File;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.callstream.avro.Alert;
import io.callstream.avro.CallEvent;
import io.callstream.avro.EnrichedTurn;
import io.callstream.avro.QaExchange;
import io.callstream.avro.SpeakerTurn;
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
    private Outputs outputs;
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
        if (++callsServed % CALLS_PER_PROCESSORS == 0) {
            buildProcessors();
        }
        stores.values().forEach(InMemoryStore::clear);
        outputs = new Outputs();
        streamTime = Long.MIN_VALUE;
        try {
            for (CallEvent event : events) {
                long timestamp = event.getObservedAt().toEpochMilli();
                if (timestamp < 0) {
                    return Optional.empty(); // Kafka refuses negative record times
                }
                streamTime = Math.max(streamTime, timestamp);
                Record<Object, Object> record = new Record<>(event.getCallId(), copier.copy(event), timestamp,
                        new RecordHeaders());
                deliver(EnrichGraph.SOURCE, record);
                if (outputs.refused) {
                    return Optional.empty();
                }
            }
        } catch (RuntimeException e) {
            return Optional.empty(); // the topology would dead-letter the record and go on
        } finally {
            stores.values().forEach(InMemoryStore::clear);
        }
        return Optional.of(new EnrichOutputs(List.copyOf(outputs.turns), List.copyOf(outputs.enriched),
                List.copyOf(outputs.exchanges), List.copyOf(outputs.alerts), List.of()));
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
            outputs.add(output, copier.copy(record.value()));
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

    /** What one call emitted, by output topic. */
    private static final class Outputs {
        final List<SpeakerTurn> turns = new ArrayList<>();
        final List<EnrichedTurn> enriched = new ArrayList<>();
        final List<QaExchange> exchanges = new ArrayList<>();
        final List<Alert> alerts = new ArrayList<>();
        boolean refused;

        void add(EnrichGraph.Output output, Object value) {
            switch (output) {
                case TURNS -> turns.add((SpeakerTurn) value);
                case ENRICHED_TURNS -> enriched.add((EnrichedTurn) value);
                case QA -> exchanges.add((QaExchange) value);
                case ALERTS -> alerts.add((Alert) value);
                case DEAD_LETTERS -> refused = true; // only the topology gives a dead letter exactly
            }
        }
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
