package io.callstream.deploy.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

import io.callstream.avro.state.TurnAssemblyState;
import io.callstream.dashboard.monitor.HealthChecks;
import io.callstream.dashboard.monitor.Monitoring;
import io.callstream.deploy.monitor.StreamsHealth;
import io.callstream.enrich.EnrichOptions;
import io.callstream.enrich.EnrichSettings;
import io.callstream.enrich.EnrichTopology;
import io.callstream.enrich.errors.StreamThreadFailures;
import io.callstream.schemas.registry.SchemaRegistryClient;
import io.callstream.schemas.serde.AvroSerde;
import io.callstream.schemas.topics.CallTopics;
import io.callstream.schemas.topics.TopicNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "enrich", mixinStandardHelpOptions = true,
        description = {"Run the enrich topology on a cluster until Ctrl-C.",
                "call-events in; turns, enriched turns, exchanges, alerts and dead letters out.",
                "Kafka Streams: run several instances with the same --application-id to share the calls."})
final class EnrichCommand implements Callable<Integer> {

    private static final Duration CLOSE = Duration.ofSeconds(30);

    @Spec
    private CommandSpec spec;

    @Mixin
    private KafkaOptions kafka;

    @Mixin
    private EnrichFilesOptions enrichFiles;

    @Mixin
    private ProbeOptions probe;

    @Option(names = "--application-id", defaultValue = EnrichSettings.DEFAULT_APPLICATION_ID, paramLabel = "ID",
            description = "Kafka Streams application id: instances with the same id share the work "
                    + "(default: ${DEFAULT-VALUE}).")
    private String applicationId;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Where Kafka Streams keeps its local state (default: callstream-state/APPLICATION-ID).")
    private Path stateDir;

    @Option(names = "--low-latency", description = "at_least_once with producer linger 0, no store cache, no "
            + "compression and one stream thread (~5 ms p50 from a line to its turn instead of ~75 ms); after a "
            + "crash a turn snapshot may be sent twice, which its version makes "
            + "harmless to readers that keep the highest.")
    private boolean lowLatency;

    @Override
    public Integer call() throws Exception {
        Map<String, String> clients = kafka.clientProperties();
        String bootstrap = clients.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        Path state = stateDir != null ? stateDir : Path.of("callstream-state", applicationId);
        Files.createDirectories(state);
        // The user's client properties (KAFKA_* variables, flags) travel as overrides, so security settings apply.
        EnrichSettings settings = new EnrichSettings(applicationId, bootstrap, kafka.registryConfig(),
                TopicNames.defaults(), state, StreamsConfig.EXACTLY_ONCE_V2, clients);
        if (lowLatency) {
            settings = settings.lowLatency();
        }
        SchemaRegistryClient registry = new SchemaRegistryClient(settings.registry());
        CallTopics topics = new CallTopics(settings.topics(), registry);
        EnrichOptions options = enrichFiles.load(
                EnrichOptions.defaultsWithoutLearnedTier().withBounds(settings.assemblyBounds()));
        KafkaStreams streams = new KafkaStreams(
                EnrichTopology.build(topics, new AvroSerde<>(TurnAssemblyState.class, registry, false), options),
                settings.toStreamsProperties());

        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stopped = new CountDownLatch(1);
        // Record errors already go to call-dlq: what reaches here is a transaction the broker ended (a new thread
        // goes on from the committed offsets), or the app itself failing: stop, loudly.
        Monitoring monitoring = new Monitoring();
        Counter replaced = Counter.builder("callstream.enrich.stream.threads.replaced")
                .description("Stream threads replaced after the broker ended their transaction")
                .register(monitoring.registry());
        StreamThreadFailures failures = StreamThreadFailures.withDefaults(e -> {
            replaced.increment();
            out.println("enrich: a stream thread's transaction was ended by the broker, replacing the thread (" + e
                    + (e.getCause() == null ? "" : ", caused by " + e.getCause()) + ")");
            out.flush();
        });
        streams.setUncaughtExceptionHandler(failures);
        streams.setStateListener((now, before) -> {
            out.println("enrich: " + before + " -> " + now);
            out.flush();
            if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                stopped.countDown();
            }
        });
        Thread hook = new Thread(() -> {
            streams.close(CLOSE);
            stopped.countDown();
        }, "callstream-enrich-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.printf("enrich: %s from %s to %s on %s (%s; state in %s). Ctrl-C stops it.%n", applicationId,
                topics.callEvents().name(), topics.callTurns().name(), bootstrap, settings.processingGuarantee(), state);
        out.flush();
        Supplier<Throwable> fatal = () -> failures.fatal().orElse(null);
        ProbeOptions.Endpoints endpoints;
        try {
            endpoints = probe.start("enrich", clients, bind(monitoring, streams), HealthChecks.none()
                    .withBoth("enrich", new StreamsHealth(streams, fatal)), out);
        } catch (RuntimeException e) {
            monitoring.close();
            streams.close(CLOSE);
            Runtime.getRuntime().removeShutdownHook(hook);
            throw e;
        }
        try (monitoring; endpoints) {
            streams.start();
            stopped.await();
        } catch (InterruptedException e) {
            // Run in-process (tests, embedding): an interrupt is this process's Ctrl-C.
            streams.close(CLOSE);
            Runtime.getRuntime().removeShutdownHook(hook);
            Thread.currentThread().interrupt();
            return 0;
        }
        if (failures.fatal().isPresent()) {
            spec.commandLine().getErr().println("callstream enrich: stopped on " + failures.fatal().get());
            streams.close(CLOSE);
            return 1;
        }
        return 0;
    }

    /** Kafka Streams' own meters (threads, tasks, stores, its clients) on {@code /metrics}. */
    private static Monitoring bind(Monitoring monitoring, KafkaStreams streams) {
        monitoring.bind(new KafkaStreamsMetrics(streams));
        return monitoring;
    }
}
