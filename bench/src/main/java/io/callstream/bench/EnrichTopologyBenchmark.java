package io.callstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

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
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Calls per second through the enrich topology in a {@link TopologyTestDriver}, configured as
 * {@link EnrichSettings#defaults} runs it (RocksDB stores, a commit after every record as the driver always does),
 * against a baseline measured in the same run: the {@link PassThroughTopology}, which reads the same events through
 * the same serdes and writes them back unchanged. bench/run turns calls/s into lines/s with the line count this
 * prints at setup.
 *
 * <p>Each operation is the whole bundled Tesla call (CallStarted, every line, CallEnded) under a call id of its
 * own, so every call starts from empty state as a live one does; its events are built before the operation, out of
 * the measured time. Every record the topology emits, changelogs included, is read off the driver after each call
 * (as bytes, not decoded): the driver would otherwise keep them all in memory for the length of the run.
 * {@link CpuTime} counts the process's CPU time beside the wall clock.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EnrichTopologyBenchmark {

    static final String ENRICH = "enrich";
    static final String PASS_THROUGH = "passthrough";
    static final String STATEFUL_PASS_THROUGH = "stateful";
    private static final String COPY_TOPIC = "call-events-copy";

    @Param({ENRICH, PASS_THROUGH, STATEFUL_PASS_THROUGH})
    public String topology;

    private final String run = "ttd-" + Long.toHexString(System.currentTimeMillis());
    private final Map<String, TestOutputTopic<byte[], byte[]>> outputs = new TreeMap<>();
    private final Map<String, Long> recordsOut = new TreeMap<>();
    private final Map<String, Long> bytesOut = new TreeMap<>();
    private String deadLetterTopic;
    private InProcessSchemaRegistry registry;
    private Path stateDir;
    private TopologyTestDriver driver;
    private TestInputTopic<String, CallEvent> input;
    private TeslaCalls tesla;
    private long calls;
    private List<CallEvent> next;

    @Setup(Level.Trial)
    public void start() throws IOException {
        AvroClassTrust.trustGeneratedClasses();
        registry = InProcessSchemaRegistry.start();
        stateDir = Files.createTempDirectory("callstream-bench-ttd-");
        SchemaRegistryClient client = new SchemaRegistryClient(RegistryClientConfig.of(registry.url()));
        CallTopics topics = new CallTopics(TopicNames.defaults(), client);
        deadLetterTopic = topics.deadLetters().name();
        EnrichSettings settings = EnrichSettings.defaults("unused:9092", registry.url(), stateDir);
        Topology built = switch (topology) {
            case ENRICH -> EnrichTopology.build(topics, new AvroSerde<>(TurnAssemblyState.class, client, false),
                    settings.assemblyBounds());
            case PASS_THROUGH -> PassThroughTopology.build(topics.callEvents(), COPY_TOPIC);
            case STATEFUL_PASS_THROUGH -> PassThroughTopology.buildStateful(topics.callEvents(), COPY_TOPIC);
            default -> throw new IllegalArgumentException("no topology " + topology);
        };
        driver = new TopologyTestDriver(built, settings.toStreamsProperties());
        input = driver.createInputTopic(topics.callEvents().name(), topics.callEvents().keySerde().serializer(),
                topics.callEvents().valueSerde().serializer());
        tesla = TeslaCalls.load();
        System.out.printf("%n# EnrichTopologyBenchmark %s: %d lines per operation (%d events)%n", topology,
                tesla.lineCount(), tesla.call("size").size());
    }

    @Setup(Level.Invocation)
    public void nextCall() {
        next = tesla.call(run + "-" + (++calls));
    }

    @Benchmark
    public long call(CpuTime cpu) {
        long start = CpuTime.processNanos();
        for (CallEvent e : next) {
            input.pipeInput(e.getCallId(), e, e.getObservedAt());
        }
        long drained = drainOutputs();
        cpu.add(tesla.lineCount(), CpuTime.processNanos() - start);
        return drained;
    }

    private long drainOutputs() {
        long drained = 0;
        for (String topic : driver.producedTopicNames()) {
            List<TestRecord<byte[], byte[]>> records = outputs.computeIfAbsent(topic, t -> driver.createOutputTopic(t,
                    new ByteArrayDeserializer(), new ByteArrayDeserializer())).readRecordsToList();
            long bytes = 0;
            for (TestRecord<byte[], byte[]> r : records) {
                bytes += (r.key() == null ? 0 : r.key().length) + (r.value() == null ? 0 : r.value().length);
            }
            recordsOut.merge(topic, (long) records.size(), Long::sum);
            bytesOut.merge(topic, bytes, Long::sum);
            drained += records.size();
        }
        return drained;
    }

    /** Closes the driver, then fails the run if a call was dead-lettered: it would have measured a refusal. */
    @TearDown(Level.Trial)
    public void stop() {
        try {
            if (driver != null) {
                driver.close();
            }
        } finally {
            if (registry != null) {
                registry.close();
            }
            if (stateDir != null) {
                FileTrees.deleteQuietly(stateDir);
            }
        }
        // What the topology writes for each line it reads, changelogs included: bench/run prints it under the table.
        long lines = calls * tesla.lineCount();
        StringBuilder perLine = new StringBuilder();
        recordsOut.forEach((topic, records) -> perLine.append(String.format(Locale.ROOT, "%s%s %.2f records %.0f B",
                perLine.length() == 0 ? "" : ", ", topic, records / (double) lines,
                bytesOut.get(topic) / (double) lines)));
        System.out.printf("%n# out per line read (%s, %d calls): %s%n", topology, calls, perLine);
        if (recordsOut.getOrDefault(deadLetterTopic, 0L) > 0) {
            throw new IllegalStateException(topology + " dead-lettered " + recordsOut.get(deadLetterTopic)
                    + " records of the bundled call");
        }
    }
}
