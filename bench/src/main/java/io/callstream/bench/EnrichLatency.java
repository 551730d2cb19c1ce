package io.callstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;

import io.callstream.avro.CallEvent;
import io.callstream.avro.SpeakerTurn;
import io.callstream.avro.Status;
import io.callstream.avro.TranscriptLine;
import io.callstream.avro.state.TurnAssemblyState;
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
import io.callstream.schemas.topics.Topic;
import io.callstream.schemas.topics.TopicCreator;
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
 * paced, one every {@code --interval-ms}, as a live call sends them: a flood would measure queueing instead.
 *
 * <p>Each setting has its own topics, application id, producer and consumer, all started at once; lines go to one
 * setting at a time, in blocks taking turns ({@code --rounds}), so that a stall of a shared machine lands on all
 * settings alike rather than on whichever ran during it. The first {@code --warmup-lines} of each setting are sent
 * first and discarded (the app's first fetches and commits, the JIT).
 *
 * <p>Options: {@code --interval-ms N} (default 10), {@code --warmup-lines N} (300), {@code --lines N} (1000, split
 * over the rounds), {@code --rounds N} (5).
 */
public final class EnrichLatency {

    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration DRAIN = Duration.ofSeconds(30);
    private static final Duration CLOSE = Duration.ofSeconds(30);
    /** Up to a minute, to three significant digits. */
    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(1);
    /** Sent unpaced to a path of its own before anything is measured. */
    private static final int JIT_WARMUP_LINES = 5_000;

    record Options(long intervalMs, int warmupLines, int lines, int rounds) {

        static Options parse(String[] args) {
            long interval = 10;
            int warmup = 300;
            int lines = 1000;
            int rounds = 5;
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + args[i] + " needs a value");
                }
                switch (args[i]) {
                    case "--interval-ms" -> interval = Long.parseLong(args[i + 1]);
                    case "--warmup-lines" -> warmup = Integer.parseInt(args[i + 1]);
                    case "--lines" -> lines = Integer.parseInt(args[i + 1]);
                    case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + " (known: --interval-ms, --warmup-lines, --lines, --rounds)");
                }
            }
            if (rounds < 1 || lines < rounds) {
                throw new IllegalArgumentException("--rounds must be at least 1 and at most --lines");
            }
            return new Options(interval, warmup, lines, rounds);
        }
    }

    /** One row of the table: what runs between producer and consumer; no app ({@code tune} null) for the baseline. */
    record Setting(String key, String label, UnaryOperator<EnrichSettings> tune) {

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
        TeslaCalls tesla = TeslaCalls.load();
        List<Setting> settings = List.of(
                new Setting("raw", "baseline: produce -> read_committed consume", null),
                new Setting("eos", "enrich, EnrichSettings.defaults", UnaryOperator.identity()),
                new Setting("alo", "enrich, EnrichSettings.lowLatency()", EnrichSettings::lowLatency));
        long interval = TimeUnit.MILLISECONDS.toNanos(options.intervalMs());
        List<Result> results = new ArrayList<>();
        try (EmbeddedStack stack = EmbeddedStack.start()) {
            // Otherwise the first setting measured would pay alone for compiling the clients' and the broker's code.
            System.err.printf("latency: warming up ...%n");
            try (LinePath jit = new LinePath(stack, new Setting("jit", "warm-up", null), tesla)) {
                jit.send(JIT_WARMUP_LINES, false, 0);
            }
            List<LinePath> paths = new ArrayList<>();
            try {
                for (Setting setting : settings) {
                    paths.add(new LinePath(stack, setting, tesla));
                }
                for (LinePath path : paths) {
                    System.err.printf("latency: %s, %d warm-up lines ...%n", path.setting.label(),
                            options.warmupLines());
                    path.send(options.warmupLines(), false, interval);
                    path.awaitDrained();
                }
                for (int round = 0; round < options.rounds(); round++) {
                    int lines = options.lines() / options.rounds()
                            + (round < options.lines() % options.rounds() ? 1 : 0);
                    for (LinePath path : paths) {
                        System.err.printf("latency: round %d of %d, %s ...%n", round + 1, options.rounds(),
                                path.setting.label());
                        path.send(lines, true, interval);
                        path.awaitDrained();
                    }
                }
                for (LinePath path : paths) {
                    results.add(path.result());
                }
            } finally {
                for (LinePath path : paths) {
                    path.close();
                }
            }
        }
        print(options, results);
    }

    /**
     * One setting's way from producer to reader: its own topics, its app (none for the baseline), its producer, and
     * a reader thread that records each expected line's latency.
     */
    private static final class LinePath implements AutoCloseable {

        private final Setting setting;
        private final Path stateDir;
        private final String eventsTopic;
        private final KafkaStreams streams;
        private final String guarantee;
        private final KafkaProducer<String, CallEvent> producer;
        private final Reader reader;
        private final Thread readerThread;
        private final Histogram micros = new Histogram(HIGHEST_MICROS, 3);
        private final Map<String, Sent> inFlight = new ConcurrentHashMap<>();
        private final Iterator<CallEvent> events;

        LinePath(EmbeddedStack stack, Setting setting, TeslaCalls tesla) throws IOException, InterruptedException {
            this.setting = setting;
            TopicNames names = prefixed(TopicNames.defaults(), "latency-" + setting.key() + "-");
            TopicCreator.ensure(stack.bootstrapServers(), names, TopicCreator.DEFAULT_PARTITIONS, (short) 1);
            SchemaRegistryClient registry =
                    new SchemaRegistryClient(RegistryClientConfig.of(stack.schemaRegistryUrl()));
            CallTopics topics = new CallTopics(names, registry);
            Map<String, String> clients =
                    Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
            eventsTopic = names.callEvents();
            stateDir = Files.createTempDirectory("callstream-bench-latency-");
            if (setting.isBaseline()) {
                streams = null;
                guarantee = "-";
            } else {
                EnrichSettings base = EnrichSettings.defaults(stack.bootstrapServers(), stack.schemaRegistryUrl(),
                        stateDir);
                // The defaults but for the application id and topics: each setting starts from nothing.
                EnrichSettings tuned = setting.tune().apply(new EnrichSettings("bench-latency-" + setting.key(),
                        base.bootstrapServers(), base.registryUrl(), names, base.stateDir(), base.processingGuarantee(),
                        base.overrides()));
                guarantee = tuned.processingGuarantee();
                streams = startStreams(tuned, topics, registry);
            }
            producer = ProducerSettings.keyedByCall(clients, topics.callEvents().valueSerde().serializer());
            reader = new Reader(setting.isBaseline()
                    ? readCommitted(clients, topics.callEvents()) : readCommitted(clients, topics.callTurns()),
                    inFlight, micros, setting.isBaseline());
            readerThread = new Thread(reader, "latency-reader-" + setting.key());
            readerThread.start();
            events = new CallStream(tesla, "latency-" + setting.key() + "-");
        }

        /**
         * Sends events until {@code lines} lines have gone out, one every {@code intervalNanos} on a fixed schedule
         * (a late send does not push back the ones after it). The call under way goes on in the next block.
         */
        void send(int lines, boolean measured, long intervalNanos) {
            long next = System.nanoTime();
            int sent = 0;
            while (sent < lines) {
                CallEvent event = events.next();
                LockSupport.parkNanos(next - System.nanoTime());
                next += intervalNanos;
                if (event.getPayload() instanceof TranscriptLine line) {
                    // Registered before the send, so the reader cannot see the line before it is expected.
                    inFlight.put(line.getLineId(), new Sent(System.nanoTime(), measured));
                    sent++;
                }
                producer.send(new ProducerRecord<>(eventsTopic, null, event.getObservedAt().toEpochMilli(),
                        event.getCallId(), event));
            }
            producer.flush();
        }

        /** Waits until every line sent has been read, or {@link #DRAIN} has passed. */
        void awaitDrained() throws InterruptedException {
            long deadline = System.nanoTime() + DRAIN.toNanos();
            while (!inFlight.isEmpty() && System.nanoTime() < deadline && reader.failure() == null) {
                Thread.sleep(20); // waiting for the last snapshots to be read; the reader has no completion signal
            }
        }

        /** Stops the reader, which owns the histogram until then, and reads it. */
        Result result() throws InterruptedException {
            stopReader();
            if (reader.failure() != null) {
                throw new IllegalStateException("the reader of " + setting.key() + " failed", reader.failure());
            }
            return new Result(setting, guarantee, micros,
                    (int) inFlight.values().stream().filter(Sent::measured).count());
        }

        private void stopReader() throws InterruptedException {
            reader.stop();
            readerThread.join(CLOSE.toMillis());
        }

        @Override
        public void close() throws InterruptedException {
            stopReader();
            try {
                producer.close(CLOSE);
            } finally {
                if (streams != null) {
                    streams.close(CLOSE);
                }
                FileTrees.deleteQuietly(stateDir);
            }
        }
    }

    /** The Tesla call again and again, each time under a new id, as one endless stream of events. */
    private static final class CallStream implements Iterator<CallEvent> {

        private final TeslaCalls tesla;
        private final String idPrefix;
        private Iterator<CallEvent> call = List.<CallEvent>of().iterator();
        private int calls;

        CallStream(TeslaCalls tesla, String idPrefix) {
            this.tesla = tesla;
            this.idPrefix = idPrefix;
        }

        @Override
        public boolean hasNext() {
            return true;
        }

        @Override
        public CallEvent next() {
            if (!call.hasNext()) {
                call = tesla.call(idPrefix + calls++).iterator();
            }
            return call.next();
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
            try (consumer) {
                while (!stopped) {
                    for (ConsumerRecord<String, ?> record : consumer.poll(Duration.ofMillis(100))) {
                        long now = System.nanoTime();
                        String lineId = lineIdOf(record.value());
                        Sent sent = lineId == null ? null : inFlight.remove(lineId);
                        if (sent != null && sent.measured()) {
                            long latency = TimeUnit.NANOSECONDS.toMicros(now - sent.nanos());
                            micros.recordValue(Math.min(HIGHEST_MICROS, latency));
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
                + "%d warm-up lines per setting discarded, then %d rounds taking turns%n", options.intervalMs(),
                options.warmupLines(), options.rounds());
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
