package io.callstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.callstream.avro.CallEvent;
import io.callstream.avro.state.TurnAssemblyState;
import io.callstream.deploy.config.KafkaEnvironment;
import io.callstream.deploy.stack.EmbeddedStack;
import io.callstream.deploy.stack.FileTrees;
import io.callstream.enrich.EnrichSettings;
import io.callstream.enrich.EnrichTopology;
import io.callstream.ingest.publish.ProducerSettings;
import io.callstream.schemas.AvroClassTrust;
import io.callstream.schemas.registry.RegistryClientConfig;
import io.callstream.schemas.registry.SchemaRegistryClient;
import io.callstream.schemas.serde.AvroSerde;
import io.callstream.schemas.topics.CallTopics;
import io.callstream.schemas.topics.TopicCreator;
import io.callstream.schemas.topics.TopicNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
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
 * Time for a burst of calls to go through the enrich app on the embedded broker with {@link EnrichSettings#defaults}
 * (exactly_once_v2, 100 ms commits) and with {@link EnrichSettings#lowLatency()} (at_least_once), against a baseline measured in the same run on the same kind of stack: the
 * {@link PassThroughTopology} as a Kafka Streams app with the very same settings. bench/run turns the time per
 * operation into lines/s with the line count this prints at setup.
 *
 * <p>An operation sends {@link #calls} copies of the bundled Tesla call, each under an id of its own and interleaved
 * event by event as that many live calls would be, as fast as ingest's producer sends them, and ends when the app's
 * consumer group has committed the end of call-events. Under exactly-once the offsets commit in the transaction that
 * holds the outputs, so that is the moment every turn (or copy) of the burst is readable by a read_committed
 * consumer. Each app runs in a fork of its own with its own broker, so the other app cannot take its cores.
 *
 * <p>Broker, registry, producer and app share this JVM and, on a small machine, its cores: the figures are the
 * stage's cost relative to the baseline's, not a deployment's capacity. {@link CpuTime} counts the process's CPU
 * time beside the wall clock (the app polling while it waits for the burst's last commit included).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 4)
@Fork(1)
public class EnrichBrokerBenchmark {

    private static final String COPY_TOPIC = "call-events-copy";
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration CATCH_UP = Duration.ofMinutes(2);
    private static final Duration CLOSE = Duration.ofSeconds(30);

    @Param({EnrichTopologyBenchmark.ENRICH, EnrichTopologyBenchmark.PASS_THROUGH,
            EnrichTopologyBenchmark.STATEFUL_PASS_THROUGH})
    public String app;

    /**
     * The enrich stage's two settings: {@link EnrichSettings#defaults} (exactly_once_v2) and
     * {@link EnrichSettings#lowLatency()} (at_least_once); the baseline runs on the same one.
     */
    @Param({StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE})
    public String guarantee;

    /** Calls per operation, sent interleaved. */
    @Param({"20"})
    public int calls;

    private final String run = "broker-" + Long.toHexString(System.currentTimeMillis());
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private EmbeddedStack stack;
    private Path stateDir;
    private KafkaStreams streams;
    private KafkaProducer<String, CallEvent> producer;
    private Admin admin;
    private String eventsTopic;
    private String deadLetterTopic;
    private String groupId;
    private TeslaCalls tesla;
    private long operations;
    private List<CallEvent> burst;

    @Setup(Level.Trial)
    public void start() throws IOException, InterruptedException, ExecutionException {
        try {
            startAll();
        } catch (IOException | InterruptedException | ExecutionException | RuntimeException e) {
            // Whatever started must stop here: the broker's threads would keep the forked JVM from exiting.
            closeAll();
            throw e;
        }
    }

    private void startAll() throws IOException, InterruptedException, ExecutionException {
        AvroClassTrust.trustGeneratedClasses();
        stack = EmbeddedStack.start();
        TopicNames names = TopicNames.defaults();
        TopicCreator.ensure(stack.bootstrapServers(), names, TopicCreator.DEFAULT_PARTITIONS, (short) 1);
        Map<String, String> clients = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        admin = Admin.create(Map.<String, Object>copyOf(clients));
        admin.createTopics(List.of(new NewTopic(COPY_TOPIC, TopicCreator.DEFAULT_PARTITIONS, (short) 1))).all().get();
        SchemaRegistryClient registry = new SchemaRegistryClient(RegistryClientConfig.of(stack.schemaRegistryUrl()));
        CallTopics topics = new CallTopics(names, registry);
        eventsTopic = topics.callEvents().name();
        deadLetterTopic = topics.deadLetters().name();
        stateDir = Files.createTempDirectory("callstream-bench-state-");
        EnrichSettings defaults = EnrichSettings.defaults(stack.bootstrapServers(), stack.schemaRegistryUrl(),
                stateDir);
        EnrichSettings settings = (StreamsConfig.AT_LEAST_ONCE.equals(guarantee) ? defaults.lowLatency() : defaults)
                // KAFKA_* variables, as the enrich command takes them, to try a setting against the defaults
                // (KAFKA_NUM_STREAM_THREADS=1 bench/run enrich); JMH's forks inherit the environment.
                .withOverrides(KafkaEnvironment.properties(System.getenv()));
        groupId = settings.applicationId();
        Topology topology = switch (app) {
            case EnrichTopologyBenchmark.ENRICH -> EnrichTopology.build(topics,
                    new AvroSerde<>(TurnAssemblyState.class, registry, false), settings.assemblyBounds());
            case EnrichTopologyBenchmark.PASS_THROUGH -> PassThroughTopology.build(topics.callEvents(), COPY_TOPIC);
            case EnrichTopologyBenchmark.STATEFUL_PASS_THROUGH ->
                    PassThroughTopology.buildStateful(topics.callEvents(), COPY_TOPIC);
            default -> throw new IllegalArgumentException("no app " + app);
        };
        streams = new KafkaStreams(topology, settings.toStreamsProperties());
        CountDownLatch running = new CountDownLatch(1);
        streams.setUncaughtExceptionHandler(e -> {
            failure.compareAndSet(null, e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        streams.start();
        if (!running.await(START.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException(app + " did not reach RUNNING within " + START.toSeconds() + " s");
        }
        producer = ProducerSettings.keyedByCall(clients, topics.callEvents().valueSerde().serializer());
        tesla = TeslaCalls.load();
        System.out.printf(
                "%n# EnrichBrokerBenchmark %s: %d lines per operation (%d calls of %d lines, %d events), %s %s%n", app,
                (long) calls * tesla.lineCount(), calls, tesla.lineCount(), (long) calls * tesla.call("size").size(),
                settings.processingGuarantee(), settings.overrides());
    }

    /** The next burst, built outside the measured time: each call under an id never sent before. */
    @Setup(Level.Invocation)
    public void nextBurst() {
        List<List<CallEvent>> each = new ArrayList<>(calls);
        for (int c = 0; c < calls; c++) {
            each.add(tesla.call(run + "-" + operations + "-" + c));
        }
        operations++;
        List<CallEvent> interleaved = new ArrayList<>();
        for (int i = 0; i < each.get(0).size(); i++) {
            for (List<CallEvent> call : each) {
                interleaved.add(call.get(i));
            }
        }
        burst = interleaved;
    }

    @Benchmark
    public long burst(CpuTime cpu) throws InterruptedException, ExecutionException {
        long start = CpuTime.processNanos();
        List<Future<RecordMetadata>> acks = new ArrayList<>(burst.size());
        // Keyed and stamped as IngestProducer does: by callId, at observedAt.
        for (CallEvent event : burst) {
            acks.add(producer.send(new ProducerRecord<>(eventsTopic, null, event.getObservedAt().toEpochMilli(),
                    event.getCallId(), event)));
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (Future<RecordMetadata> ack : acks) {
            RecordMetadata m = ack.get();
            ends.merge(new TopicPartition(m.topic(), m.partition()), m.offset() + 1, Math::max);
        }
        awaitCommitted(ends);
        cpu.add((long) calls * tesla.lineCount(), CpuTime.processNanos() - start);
        return ends.size();
    }

    /** Polls the group's committed offsets: there is no callback for "an app has consumed up to here". */
    private void awaitCommitted(Map<TopicPartition, Long> targets) throws InterruptedException, ExecutionException {
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        while (true) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
            if (targets.entrySet().stream().allMatch(t -> committed.get(t.getKey()) != null
                    && committed.get(t.getKey()).offset() >= t.getValue())) {
                return;
            }
            if (failure.get() != null) {
                throw new IllegalStateException(app + " failed: " + failure.get(), failure.get());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(app + " did not commit " + targets + " within "
                        + CATCH_UP.toSeconds() + " s; committed " + committed);
            }
            Thread.sleep(5); // polling the group's committed offsets: the broker has no "caught up" callback
        }
    }

    /** Closes everything, then fails the run if any event was dead-lettered: it would have measured a refusal. */
    @TearDown(Level.Trial)
    public void stop() throws InterruptedException, ExecutionException {
        long deadLetters = 0;
        try {
            if (admin != null) {
                Map<TopicPartition, OffsetSpec> request = new HashMap<>();
                admin.describeTopics(List.of(deadLetterTopic)).allTopicNames().get().get(deadLetterTopic).partitions()
                        .forEach(p -> request.put(new TopicPartition(deadLetterTopic, p.partition()),
                                OffsetSpec.latest()));
                deadLetters = admin.listOffsets(request).all().get().values().stream()
                        .mapToLong(ListOffsetsResultInfo::offset).sum();
            }
        } finally {
            closeAll();
        }
        if (deadLetters > 0) {
            throw new IllegalStateException(app + " dead-lettered " + deadLetters + " records of the bundled call");
        }
    }

    /** Closes what was started, each once (fields are cleared), whatever fails on the way. */
    private void closeAll() {
        try {
            if (streams != null) {
                streams.close(CLOSE);
                streams = null;
            }
        } finally {
            try {
                if (producer != null) {
                    producer.close(CLOSE);
                    producer = null;
                }
            } finally {
                try {
                    if (admin != null) {
                        admin.close(CLOSE);
                        admin = null;
                    }
                } finally {
                    try {
                        if (stack != null) {
                            stack.close();
                            stack = null;
                        }
                    } finally {
                        if (stateDir != null) {
                            FileTrees.deleteQuietly(stateDir);
                            stateDir = null;
                        }
                    }
                }
            }
        }
    }
}
