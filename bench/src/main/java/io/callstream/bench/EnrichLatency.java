package io.callstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

import io.callstream.avro.CallEvent;
import io.callstream.avro.SpeakerTurn;
import io.callstream.avro.Status;
import io.callstream.avro.TranscriptLine;
import io.callstream.avro.state.TurnAssemblyState;
import io.callstream.deploy.stack.EmbeddedStack;
import io.callstream.deploy.stack.FileTrees;
import io.callstream.deploy.topics.TopicCreator;
import io.callstream.enrich.EnrichSettings;
import io.callstream.enrich.EnrichTopology;
import io.callstream.ingest.publish.ProducerSettings;
import io.callstream.schemas.AvroClassTrust;
import io.callstream.schemas.registry.RegistryClientConfig;
import io.callstream.schemas.registry.SchemaRegistryClient;
import io.callstream.schemas.serde.AvroSerde;
import io.callstream.schemas.topics.CallTopics;
import io.callstream.schemas.topics.Topic;
import io.callstream.schemas.topics.TopicNames;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;

/**
 * How long a line takes from its produce to its turn snapshot being readable, on the embedded broker, in one JVM
 * (one clock: {@link System#nanoTime()}), for the enrich app under {@link EnrichSettings#defaults} (exactly_once_v2)
 * and under {@link EnrichSettings#lowLatency()} (at_least_once, producer linger 0, no store cache), against a
 * baseline measured in the same run on the same broker: the same lines produced and read straight back, with no
 * app between. bench/run prints the table this writes to standard output.
 *
 * <p>A line's latency ends when a read_committed consumer receives the PARTIAL snapshot of the turn whose
 * {@code lastLineId} is that line (every applied line sends one), or, for the baseline, the line itself. Lines go out
 * paced, one every {@code --interval-ms}, as a live call sends them: a flood would measure queueing instead. The
 * first {@code --warmup-lines} of each setting are discarded (the app's first fetches and commits, the JIT).
 * Each setting has its own topics and application id, and runs alone.
 *
 * <p>Options: {@code --interval-ms N} (default 10), {@code --warmup-lines N} (300), {@code --lines N} (1000).
 */
public final class EnrichLatency {

    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration DRAIN = Duration.ofSeconds(30);
    private static final Duration CLOSE = Duration.ofSeconds(30);
    /** Up to a minute, to three significant digits. */
    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(1);
    private static final int WARMUP_LINES = 5_000;

    record Options(long intervalMs, int warmupLines, int lines) {

        static Options parse(String[] args) {
            long interval = 10;
            int warmup = 300;
            int lines = 1000;
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + args[i] + " needs a value");
                }
                switch (args[i]) {
                    case "--interval-ms" -> interval = Long.parseLong(args[i + 1]);
                    case "--warmup-lines" -> warmup = Integer.parseInt(args[i + 1]);
                    case "--lines" -> lines = Integer.parseInt(args[i + 1]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + " (known: --interval-ms, --warmup-lines, --lines)");
                }
            }
            return new Options(interval, warmup, lines);
        }
    }

    /** One column of the table: what ran between producer and consumer. */
    record Setting(String key, String label, Function<EnrichSettings, EnrichSettings> tune) {

        boolean isBaseline() {
            return tune == null;
        }
    }

    record Result(Setting setting, String guarantee, Histogram micros, int missing) {

        double p50Ms() {
            return micros.getValueAtPercentile(50) / 1000.0;
        }

        double p99Ms() {
            return micros.getValueAtPercentile(99) / 1000.0;
        }

        double maxMs() {
            return micros.getMaxValue() / 1000.0;
        }
    }

    /** When a line was sent, and whether it counts (false in the warm-up). */
    private record Sent(long nanos, boolean measured) {
    }

    private EnrichLatency() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        AvroClassTrust.trustGeneratedClasses();
        List<Setting> settings = List.of(
                new Setting("raw", "baseline: produce -> read_committed consume", null),
                new Setting("eos", "enrich, EnrichSettings.defaults", Function.identity()),
                new Setting("alo", "enrich, EnrichSettings.lowLatency()", EnrichSettings::lowLatency));
        TeslaCalls tesla = TeslaCalls.load();
        List<Result> results = new ArrayList<>();
        try (EmbeddedStack stack = EmbeddedStack.start()) {
            // Lines sent unpaced and read straight back, before anything is measured: otherwise the setting that
            // runs first would pay alone for compiling the producer's, the consumer's and the broker's code.
            System.err.printf("latency: warming up ...%n");
            measure(stack, new Setting("warmup", "warm-up", null), new Options(0, WARMUP_LINES, 0), tesla);
            for (Setting setting : settings) {
                System.err.printf("latency: %s ...%n", setting.label());
                results.add(measure(stack, setting, options, tesla));
            }
        }
        print(options, results);
    }

    private static Result measure(EmbeddedStack stack, Setting setting, Options options, TeslaCalls tesla)
            throws IOException, InterruptedException {
        TopicNames names = prefixed(TopicNames.defaults(), "latency-" + setting.key() + "-");
        TopicCreator.ensure(stack.bootstrapServers(), names, TopicCreator.DEFAULT_PARTITIONS, (short) 1);
        SchemaRegistryClient registry = new SchemaRegistryClient(RegistryClientConfig.of(stack.schemaRegistryUrl()));
        CallTopics topics = new CallTopics(names, registry);
        Map<String, String> clients = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        Path stateDir = Files.createTempDirectory("callstream-bench-latency-");
        KafkaStreams streams = null;
        String guarantee = "-";
        try {
            if (!setting.isBaseline()) {
                EnrichSettings base = EnrichSettings.defaults(stack.bootstrapServers(), stack.schemaRegistryUrl(),
                        stateDir);
                // The defaults but for the application id and topics: each setting starts from nothing.
                EnrichSettings tuned = setting.tune().apply(new EnrichSettings("bench-latency-" + setting.key(),
                        base.bootstrapServers(), base.registryUrl(), names, base.stateDir(), base.processingGuarantee(),
                        base.overrides()));
                guarantee = tuned.processingGuarantee();
                streams = startStreams(tuned, topics, registry);
            }
            Histogram micros = new Histogram(HIGHEST_MICROS, 3);
            Map<String, Sent> inFlight = new ConcurrentHashMap<>();
            int missing;
            try (KafkaConsumer<String, ?> consumer = setting.isBaseline()
                    ? readCommitted(clients, topics.callEvents()) : readCommitted(clients, topics.callTurns());
                 KafkaProducer<String, CallEvent> producer =
                         ProducerSettings.keyedByCall(clients, topics.callEvents().valueSerde().serializer())) {
                Reader reader = new Reader(consumer, inFlight, micros, setting.isBaseline());
                Thread readerThread = new Thread(reader, "latency-reader-" + setting.key());
                readerThread.start();
                try {
                    send(producer, names.callEvents(), tesla, options, inFlight, setting.key());
                    missing = awaitDrained(inFlight);
                } finally {
                    reader.stop();
                    readerThread.join(CLOSE.toMillis());
                }
                if (reader.failure() != null) {
                    throw new IllegalStateException("the reader of " + setting.key() + " failed", reader.failure());
                }
            }
            return new Result(setting, guarantee, micros, missing);
        } finally {
            if (streams != null) {
                streams.close(CLOSE);
            }
            FileTrees.deleteQuietly(stateDir);
        }
    }

    private static KafkaStreams startStreams(EnrichSettings settings, CallTopics topics, SchemaRegistryClient registry)
            throws InterruptedException {
        KafkaStreams streams = new KafkaStreams(EnrichTopology.build(topics,
                new AvroSerde<>(TurnAssemblyState.class, registry, false), settings.assemblyBounds()),
                settings.toStreamsProperties());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch running = new CountDownLatch(1);
        streams.setUncaughtExceptionHandler(e -> {
            failure.compareAndSet(null, e);
            running.countDown();
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        streams.start();
        boolean started = running.await(START.toSeconds(), TimeUnit.SECONDS);
        if (!started || failure.get() != null) {
            streams.close(CLOSE);
            throw new IllegalStateException(settings.applicationId() + " did not start", failure.get());
        }
        return streams;
    }

    /** A consumer of every partition from its current end, outside any group: no rebalance to wait for. */
    private static <V> KafkaConsumer<String, V> readCommitted(Map<String, String> clients, Topic<String, V> topic) {
        Properties p = new Properties();
        p.putAll(clients);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString().toLowerCase(Locale.ROOT));
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<String, V> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                topic.valueSerde().deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                .map(info -> new TopicPartition(topic.name(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolves the lazy seek now, before the first line is sent
        return consumer;
    }

    /**
     * Sends copies of the Tesla call, each under a new id, one event every {@code intervalMs} on a fixed schedule
     * (a late send does not push back the ones after it), until warm-up and measured lines have all gone out.
     */
    private static void send(KafkaProducer<String, CallEvent> producer, String topic, TeslaCalls tesla,
                             Options options, Map<String, Sent> inFlight, String key) {
        long intervalNanos = TimeUnit.MILLISECONDS.toNanos(options.intervalMs());
        int total = options.warmupLines() + options.lines();
        int lines = 0;
        long next = System.nanoTime();
        for (int call = 0; lines < total; call++) {
            for (CallEvent event : tesla.call("latency-" + key + "-" + call)) {
                if (lines >= total) {
                    break; // the last call stays open, as it is for every setting
                }
                LockSupport.parkNanos(next - System.nanoTime());
                next += intervalNanos;
                if (event.getPayload() instanceof TranscriptLine line) {
                    // Registered before the send, so the reader cannot see the line before it is expected.
                    inFlight.put(line.getLineId(), new Sent(System.nanoTime(), lines >= options.warmupLines()));
                    lines++;
                }
                producer.send(new ProducerRecord<>(topic, null, event.getObservedAt().toEpochMilli(),
                        event.getCallId(), event));
            }
        }
        producer.flush();
    }

    /** Waits for the measured lines still in flight; returns how many never arrived. */
    private static int awaitDrained(Map<String, Sent> inFlight) throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN.toNanos();
        while (inFlight.values().stream().anyMatch(Sent::measured) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return (int) inFlight.values().stream().filter(Sent::measured).count();
    }

    /** Polls the output and records each expected line's latency; the only writer of the histogram. */
    private static final class Reader implements Runnable {

        private final KafkaConsumer<String, ?> consumer;
        private final Map<String, Sent> inFlight;
        private final Histogram micros;
        private final boolean readsLines;
        private volatile boolean stopped;
        private volatile Throwable failure;

        Reader(KafkaConsumer<String, ?> consumer, Map<String, Sent> inFlight, Histogram micros, boolean readsLines) {
            this.consumer = consumer;
            this.inFlight = inFlight;
            this.micros = micros;
            this.readsLines = readsLines;
        }

        @Override
        public void run() {
            try {
                while (!stopped) {
                    for (ConsumerRecord<String, ?> record : consumer.poll(Duration.ofMillis(100))) {
                        long now = System.nanoTime();
                        String lineId = lineIdOf(record.value());
                        Sent sent = lineId == null ? null : inFlight.remove(lineId);
                        if (sent != null && sent.measured()) {
                            long micros = TimeUnit.NANOSECONDS.toMicros(now - sent.nanos());
                            this.micros.recordValue(Math.min(HIGHEST_MICROS, micros));
                        }
                    }
                }
            } catch (RuntimeException e) {
                failure = e;
            }
        }

        /** The line a record answers for: the line itself (baseline), or a PARTIAL snapshot's last line. */
        private String lineIdOf(Object value) {
            if (readsLines) {
                return value instanceof CallEvent e && e.getPayload() instanceof TranscriptLine l
                        ? l.getLineId() : null;
            }
            return value instanceof SpeakerTurn t && t.getStatus() == Status.PARTIAL ? t.getLastLineId() : null;
        }

        void stop() {
            stopped = true;
        }

        Throwable failure() {
            return failure;
        }
    }

    static TopicNames prefixed(TopicNames n, String prefix) {
        return new TopicNames(prefix + n.callEvents(), prefix + n.callTurns(), prefix + n.enrichedTurns(),
                prefix + n.qa(), prefix + n.alerts(), prefix + n.deadLetters());
    }

    private static void print(Options options, List<Result> results) {
        Result baseline = results.stream().filter(r -> r.setting().isBaseline()).findFirst().orElseThrow();
        System.out.printf("%nlatency, line produced -> its turn snapshot read (read_committed): one line every %d ms, "
                + "first %d lines of each setting discarded%n", options.intervalMs(), options.warmupLines());
        System.out.printf("%-44s %-16s %8s %8s %8s %8s %8s %8s%n", "setting", "guarantee", "p50 ms", "p99 ms",
                "max ms", "samples", "p50 x", "p99 x");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "%-44s %-16s %8.1f %8.1f %8.1f %8d %8.1f %8.1f%s%n", r.setting().label(),
                    r.guarantee(), r.p50Ms(), r.p99Ms(), r.maxMs(), r.micros().getTotalCount(),
                    r.p50Ms() / baseline.p50Ms(), r.p99Ms() / baseline.p99Ms(),
                    r.missing() > 0 ? "  (" + r.missing() + " lines never arrived)" : "");
        }
    }
}
