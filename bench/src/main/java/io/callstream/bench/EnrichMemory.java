package io.callstream.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.callstream.avro.CallEvent;
import io.callstream.avro.state.TurnAssemblyState;
import io.callstream.deploy.stack.FileTrees;
import io.callstream.enrich.EnrichSettings;
import io.callstream.enrich.EnrichTopology;
import io.callstream.schemas.AvroClassTrust;
import io.callstream.schemas.registry.RegistryClientConfig;
import io.callstream.schemas.registry.SchemaRegistryClient;
import io.callstream.schemas.registry.server.InProcessSchemaRegistry;
import io.callstream.schemas.serde.AvroSerde;
import io.callstream.schemas.topics.CallTopics;
import io.callstream.schemas.topics.TopicNames;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * What an open call costs the enrich stage in memory and state, with many calls open at once: CallStarted and
 * {@code --lines-per-call} lines of the Tesla call (a different stretch of it for each call, so that calls differ as
 * live ones do) under each of {@code --calls} ids, none ended, through the enrich topology in a
 * {@link TopologyTestDriver} configured by {@link EnrichSettings#defaults}, with real RocksDB stores. bench/run
 * prints the tables this writes to standard output. Two measures:
 * <ul>
 *   <li>State: every entry of every store the topology has ({@code getAllStateStores()}, so stores added later are
 *       measured too), as the bytes RocksDB holds (key plus value, as serialized), each entry charged to the call
 *       whose id its key holds. This is also what each store's changelog carries for a call. The store's layers are
 *       printed too: a caching layer would hold entries on the heap, up to {@code statestore.cache.max.bytes}.</li>
 *   <li>Heap: used heap after {@code System.gc()} before the calls are opened and after, in one JVM that runs
 *       nothing else. RocksDB's memory (memtables, block cache, index and filter blocks) is native, off the Java
 *       heap, and not in this figure; RocksDB's own metrics of it, as the driver reports them, are printed beside.</li>
 * </ul>
 *
 * <p>Options: {@code --calls N} (default 1000), {@code --lines-per-call N} (50).
 */
public final class EnrichMemory {

    private static final String CALL_PREFIX = "open-call-";
    /** Fixed width, so that no id is the prefix of another and a key names at most one call. */
    private static final Pattern CALL_ID = Pattern.compile(Pattern.quote(CALL_PREFIX) + "\\d{6}");
    private static final int WARMUP_CALLS = 100;
    /** RocksDB's own figures of its native memory, as Kafka Streams reports them per store. */
    private static final List<String> ROCKSDB_MEMORY_METRICS = List.of("size-all-mem-tables", "block-cache-usage",
            "estimate-table-readers-mem", "block-cache-capacity");

    record Options(int calls, int linesPerCall) {

        static Options parse(String[] args) {
            int calls = 1000;
            int lines = 50;
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + args[i] + " needs a value");
                }
                switch (args[i]) {
                    case "--calls" -> calls = Integer.parseInt(args[i + 1]);
                    case "--lines-per-call" -> lines = Integer.parseInt(args[i + 1]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + " (known: --calls, --lines-per-call)");
                }
            }
            return new Options(calls, lines);
        }
    }

    /**
     * One store's entries as RocksDB holds them. {@code meanPerCall} is over every open call, those with no entry
     * included; {@code shared} is what no single call's id keys.
     */
    record StoreSize(String store, String layers, long entries, long bytes, double meanPerCall, long maxPerCall,
                     long shared, String note) {
    }

    /** Used heap after a full collection before and after the calls were opened, and RocksDB's native figures. */
    record MemoryUse(long before, long after, int calls, Map<String, Long> rocksDbNative) {

        double perCall() {
            return (after - before) / (double) calls;
        }
    }

    private EnrichMemory() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        AvroClassTrust.trustGeneratedClasses();
        TeslaCalls tesla = TeslaCalls.load();
        MemoryUse memory;
        List<StoreSize> stores;
        try (InProcessSchemaRegistry registry = InProcessSchemaRegistry.start()) {
            // A driver of its own, closed before measuring: the classes loaded and compiled stay, its state goes.
            System.err.printf("memory: warming up with %d calls ...%n", WARMUP_CALLS);
            try (OpenCalls warmup = new OpenCalls(registry.url())) {
                warmup.open(tesla, WARMUP_CALLS, options.linesPerCall());
            }
            System.err.printf("memory: opening %d calls ...%n", options.calls());
            try (OpenCalls calls = new OpenCalls(registry.url())) {
                long before = usedHeapAfterGc();
                calls.open(tesla, options.calls(), options.linesPerCall());
                long after = usedHeapAfterGc();
                memory = new MemoryUse(before, after, options.calls(), calls.rocksDbNativeMemory());
                stores = calls.storeSizes(options.calls());
            }
        }
        print(options, stores, memory);
    }

    /** The enrich topology in a driver, configured as {@link EnrichSettings} runs it, with calls opened in it. */
    private static final class OpenCalls implements AutoCloseable {

        private final Path stateDir;
        private final TopologyTestDriver driver;
        private final TestInputTopic<String, CallEvent> input;

        OpenCalls(String registryUrl) throws IOException {
            stateDir = Files.createTempDirectory("callstream-bench-memory-");
            SchemaRegistryClient client = new SchemaRegistryClient(RegistryClientConfig.of(registryUrl));
            CallTopics topics = new CallTopics(TopicNames.defaults(), client);
            EnrichSettings settings = EnrichSettings.defaults("unused:9092", registryUrl, stateDir);
            driver = new TopologyTestDriver(EnrichTopology.build(topics,
                    new AvroSerde<>(TurnAssemblyState.class, client, false), settings.assemblyBounds()),
                    settings.toStreamsProperties());
            input = driver.createInputTopic(topics.callEvents().name(), topics.callEvents().keySerde().serializer(),
                    topics.callEvents().valueSerde().serializer());
        }

        /** Call {@code c} holds a stretch of the Tesla call starting further on for each call, in steps of 37 lines. */
        void open(TeslaCalls tesla, int calls, int linesPerCall) {
            int starts = tesla.lineCount() - linesPerCall + 1;
            for (int c = 0; c < calls; c++) {
                String callId = String.format(Locale.ROOT, CALL_PREFIX + "%06d", c);
                for (CallEvent e : tesla.openCall(callId, (c * 37) % starts, linesPerCall)) {
                    input.pipeInput(e.getCallId(), e, e.getObservedAt());
                }
                discardOutputs();
            }
        }

        /** The driver keeps every record the topology emits until it is read; none of it is the stage's memory. */
        private void discardOutputs() {
            for (String topic : driver.producedTopicNames()) {
                driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer())
                        .readRecordsToList();
            }
        }

        List<StoreSize> storeSizes(int calls) {
            List<StoreSize> sizes = new ArrayList<>();
            for (Map.Entry<String, StateStore> e : new TreeMap<>(driver.getAllStateStores()).entrySet()) {
                sizes.add(measure(e.getKey(), e.getValue(), calls));
            }
            return sizes;
        }

        /**
         * Reads the layer under the typed (metered) store, which holds keys and values serialized: internal API
         * ({@code WrappedStateStore}), but the only view of a store's bytes that needs no knowledge of its serdes.
         */
        private static StoreSize measure(String name, StateStore store, int calls) {
            String layers = layers(store);
            if (!store.persistent()) {
                return new StoreSize(name, layers, 0, 0, 0, 0, 0, "in memory: not read");
            }
            StateStore bytesLayer = store instanceof WrappedStateStore<?, ?, ?> wrapped ? wrapped.wrapped() : store;
            if (!(bytesLayer instanceof KeyValueStore<?, ?> kv)) {
                return new StoreSize(name, layers, 0, 0, 0, 0, 0,
                        "not a key-value store (" + bytesLayer.getClass().getSimpleName() + "): not read");
            }
            long entries = 0;
            long bytes = 0;
            long shared = 0;
            Map<String, Long> byCall = new HashMap<>();
            try (KeyValueIterator<?, ?> all = kv.all()) {
                while (all.hasNext()) {
                    KeyValue<?, ?> entry = all.next();
                    if (!(entry.key instanceof Bytes key) || !(entry.value instanceof byte[] value)) {
                        return new StoreSize(name, layers, 0, 0, 0, 0, 0,
                                "holds " + entry.key.getClass().getSimpleName() + " keys, not bytes: not read");
                    }
                    long size = key.get().length + (long) value.length;
                    entries++;
                    bytes += size;
                    // ISO-8859-1 maps each byte to one char, so an id is found in any key layout that holds it.
                    Matcher id = CALL_ID.matcher(new String(key.get(), StandardCharsets.ISO_8859_1));
                    if (id.find()) {
                        byCall.merge(id.group(), size, Long::sum);
                    } else {
                        shared += size;
                    }
                }
            }
            long attributed = bytes - shared;
            long max = byCall.values().stream().mapToLong(Long::longValue).max().orElse(0);
            return new StoreSize(name, layers, entries, bytes, attributed / (double) calls, max, shared, "");
        }

        /** "Metered > ChangeLogging > RocksDB": whether a cache sits in the store, and where its bytes live. */
        private static String layers(StateStore store) {
            List<String> names = new ArrayList<>();
            StateStore layer = store;
            while (true) {
                names.add(layer.getClass().getSimpleName().replaceAll("(KeyValue)?(Bytes)?Store$", ""));
                if (!(layer instanceof WrappedStateStore<?, ?, ?> wrapped)) {
                    return String.join(">", names);
                }
                layer = wrapped.wrapped();
            }
        }

        /** RocksDB's figures summed over the stores, by metric, where the driver's metrics hold them. */
        Map<String, Long> rocksDbNativeMemory() {
            Map<String, Long> sums = new TreeMap<>();
            for (Map.Entry<MetricName, ? extends Metric> m : driver.metrics().entrySet()) {
                if (ROCKSDB_MEMORY_METRICS.contains(m.getKey().name())
                        && m.getValue().metricValue() instanceof Number n) {
                    sums.merge(m.getKey().name(), n.longValue(), Long::sum);
                }
            }
            return sums;
        }

        @Override
        public void close() {
            try {
                driver.close();
            } finally {
                FileTrees.deleteQuietly(stateDir);
            }
        }
    }

    /** Several collections: one may leave garbage that a finalizer or a reference queue frees only for the next. */
    private static long usedHeapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100); // lets the collector finish before the heap is read; gc() is only a request
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static void print(Options options, List<StoreSize> stores, MemoryUse memory) {
        System.out.printf("%nstate per open call: %d calls open (CallStarted + %d lines of the Tesla call each, from "
                + "a different line for each call, none ended), EnrichSettings.defaults; bytes as RocksDB holds them "
                + "(key + value)%n", options.calls(), options.linesPerCall());
        System.out.printf("%-16s %-32s %8s %10s %12s %11s %9s%n", "store", "layers", "entries", "total KB",
                "mean B/call", "max B/call", "shared B");
        for (StoreSize s : stores) {
            System.out.printf(Locale.ROOT, "%-16s %-32s %8d %10.1f %12.0f %11d %9d%s%n", s.store(), s.layers(),
                    s.entries(), s.bytes() / 1024.0, s.meanPerCall(), s.maxPerCall(), s.shared(),
                    s.note().isEmpty() ? "" : "  " + s.note());
        }
        long total = stores.stream().mapToLong(StoreSize::bytes).sum();
        System.out.printf(Locale.ROOT, "%-16s %-32s %8d %10.1f %12.0f%n", "all stores", "",
                stores.stream().mapToLong(StoreSize::entries).sum(), total / 1024.0, total / (double) options.calls());

        System.out.printf(Locale.ROOT, "%nheap per open call: used heap after System.gc(), before and after opening "
                + "the calls: %.1f MB -> %.1f MB, %.0f B per open call%n", memory.before() / 1048576.0,
                memory.after() / 1048576.0, memory.perCall());
        System.out.printf("RocksDB memory is native (off the Java heap) and not in that figure; RocksDB's own metrics, "
                + "summed over the stores: %s%n", memory.rocksDbNative().isEmpty() ? "not exposed by the driver"
                : memory.rocksDbNative().entrySet().stream()
                        .map(e -> String.format(Locale.ROOT, "%s %.1f MB", e.getKey(), e.getValue() / 1048576.0))
                        .reduce((a, b) -> a + ", " + b).orElse(""));
    }
}
