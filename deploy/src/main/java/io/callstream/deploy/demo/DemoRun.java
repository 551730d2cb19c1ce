package io.callstream.deploy.demo;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.callstream.avro.CallEvent;
import io.callstream.avro.CallStarted;
import io.callstream.avro.DeadLetter;
import io.callstream.avro.Status;
import io.callstream.avro.TranscriptLine;
import io.callstream.avro.state.TurnAssemblyState;
import io.callstream.dashboard.DashboardConfig;
import io.callstream.deploy.live.LiveDashboard;
import io.callstream.deploy.stack.FileTrees;
import io.callstream.deploy.stack.StackEndpoints;
import io.callstream.enrich.EnrichOptions;
import io.callstream.enrich.EnrichSettings;
import io.callstream.enrich.EnrichTopology;
import io.callstream.ingest.publish.CallEventPublisher;
import io.callstream.ingest.publish.Pace;
import io.callstream.ingest.publish.ProducerSettings;
import io.callstream.ingest.publish.ReplaySchedule;
import io.callstream.schemas.consume.TopicFanOut;
import io.callstream.schemas.consume.TopicFollower;
import io.callstream.schemas.registry.RegistryClientConfig;
import io.callstream.schemas.registry.SchemaRegistryClient;
import io.callstream.schemas.serde.AvroSerde;
import io.callstream.schemas.topics.CallTopics;
import io.callstream.schemas.topics.TopicCreator;
import io.callstream.schemas.topics.TopicNames;
import io.callstream.sink.BatchStage;
import io.callstream.sink.KafkaDeadLetterSink;
import io.callstream.sink.StoreSink;
import io.callstream.sink.jdbc.CallStore;
import io.callstream.sink.webhook.AlertDelivery;
import io.callstream.sink.webhook.WebhookDispatcher;
import io.callstream.sink.webhook.WebhookEndpoint;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;

/**
 * The whole pipeline on a stack: the given call's events through ingest, the enrich topology and the JDBC sink,
 * with the question-answer exchanges followed as they complete, then a summary read back from the store. Used by
 * {@code ./callstream demo} and its integration tests.
 */
public final class DemoRun {

    /** How long a stage may take to catch up with the one before it once the call is in. */
    private static final Duration CATCH_UP = Duration.ofMinutes(2);
    private static final Duration CLOSE = Duration.ofSeconds(30);
    /** The group the demo's webhook delivery commits under, as the 'alerts' command's default. */
    private static final String WEBHOOK_GROUP = "callstream-alerts";
    /**
     * How long the webhooks may take to deliver or dead-letter every alert: an endpoint that refuses takes each
     * alert through its whole back-off (8 attempts, about 2 minutes) and a call's alerts share one lane.
     */
    private static final Duration WEBHOOKS_DONE = Duration.ofMinutes(15);
    /** Calls spread over this many lanes per webhook, as in the 'alerts' command. */
    private static final int WEBHOOK_LANES = 4;

    /**
     * @param calls     the calls, each as its ordered call events; several replay at once
     * @param pace      replay speed
     * @param store     the SQLite file the turns go to; replaced, since its offsets belong to an earlier broker
     * @param out       where turns are printed as they land and exchanges as they complete, or null for silence
     * @param dashboard the live dashboard's settings, or null for none
     * @param listener  hears where the dashboard is and when the run is done, before anything stops
     * @param webhooks  endpoints the alerts are POSTed to, signed, as {@code alerts --webhook} would (none: none)
     */
    public record Options(List<List<CallEvent>> calls, Pace pace, Path store, PrintStream out, EnrichOptions enrich,
                          DashboardConfig dashboard, Listener listener, List<WebhookEndpoint> webhooks) {

        public Options {
            calls = List.copyOf(calls);
            webhooks = List.copyOf(webhooks);
        }

        public Options(List<List<CallEvent>> calls, Pace pace, Path store, PrintStream out, EnrichOptions enrich) {
            this(calls, pace, store, out, enrich, null, Listener.NONE, List.of());
        }

        /** With the shipped taxonomies and alert rules. */
        public Options(List<List<CallEvent>> calls, Pace pace, Path store, PrintStream out) {
            this(calls, pace, store, out, EnrichOptions.defaults());
        }

        /** One call. */
        public static Options of(List<CallEvent> events, Pace pace, Path store, PrintStream out) {
            return new Options(List.of(events), pace, store, out);
        }

        public Options withDashboard(DashboardConfig config, Listener heard) {
            return new Options(calls, pace, store, out, enrich, config, heard, webhooks);
        }

        public Options withWebhooks(List<WebhookEndpoint> endpoints) {
            return new Options(calls, pace, store, out, enrich, dashboard, listener, endpoints);
        }
    }

    /** Hears the run's milestones, on the thread that runs it. */
    public interface Listener {
        Listener NONE = new Listener() { };

        /** The dashboard serves at this URL (with its token); the call is about to be replayed. */
        default void dashboardStarted(URI url) {
        }

        /** Everything is in and the summary read; the dashboard still serves until this returns. */
        default void finished(DemoSummary summary) throws InterruptedException {
        }
    }

    private DemoRun() {
    }

    public static DemoSummary run(StackEndpoints stack, Options options) throws Exception {
        TopicNames names = TopicNames.defaults();
        TopicCreator.ensure(stack.bootstrapServers(), names, TopicCreator.DEFAULT_PARTITIONS, (short) 1);
        SchemaRegistryClient registry = new SchemaRegistryClient(RegistryClientConfig.of(stack.schemaRegistryUrl()));
        CallTopics topics = new CallTopics(names, registry);
        Map<String, String> clients = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        Path folder = options.store().toAbsolutePath().getParent();
        if (folder != null) {
            Files.createDirectories(folder);
        }
        Files.deleteIfExists(options.store());
        // SQLite's write-ahead log and its index, left beside the file by an earlier run's store.
        Files.deleteIfExists(Path.of(options.store() + "-wal"));
        Files.deleteIfExists(Path.of(options.store() + "-shm"));
        String jdbcUrl = "jdbc:sqlite:" + options.store().toAbsolutePath();
        // Beside the store rather than in /tmp, which Kafka Streams warns an OS may clear under a running task.
        Path stateDir = Files.createTempDirectory(options.store().toAbsolutePath().getParent(), ".callstream-enrich-");
        Thread removeState = new Thread(() -> FileTrees.deleteQuietly(stateDir), "callstream-demo-cleanup");
        Runtime.getRuntime().addShutdownHook(removeState); // Ctrl-C must not leave the folder behind either

        EnrichSettings settings = EnrichSettings.defaults(stack.bootstrapServers(), stack.schemaRegistryUrl(), stateDir);
        AtomicReference<Throwable> enrichFailure = new AtomicReference<>();
        try (CallStore store = CallStore.open(jdbcUrl);
             KafkaProducer<String, DeadLetter> deadLetters =
                     ProducerSettings.keyedByCall(clients, topics.deadLetters().valueSerde().serializer());
             KafkaProducer<String, CallEvent> events =
                     ProducerSettings.keyedByCall(clients, topics.callEvents().valueSerde().serializer());
             Admin admin = Admin.create(Map.<String, Object>copyOf(clients))) {
            KafkaStreams enrich = new KafkaStreams(
                    EnrichTopology.build(topics, new AvroSerde<>(TurnAssemblyState.class, registry, false),
                            options.enrich()),
                    settings.toStreamsProperties());
            enrich.setUncaughtExceptionHandler(e -> {
                enrichFailure.compareAndSet(null, e);
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            RunTally tally = new RunTally();
            AtomicLong alertRecords = new AtomicLong();
            PrintOrder printed = options.out() == null ? null : new PrintOrder(
                    new TurnPrinter(options.out(), tally::topicsOf), new ExchangePrinter(options.out()));
            AlertPrinter alertPrinter = options.out() == null ? null : new AlertPrinter(options.out());
            KafkaDeadLetterSink refused = new KafkaDeadLetterSink(deadLetters, names.deadLetters());
            StoreSink sink = new StoreSink(clients, StoreSink.Settings.forPipeline("callstream-sink", topics), store,
                    refused, StoreSink.Listener.NONE,
                    BatchStage.Listener.NONE);
            // Turns are printed from the enriched topic, with their topics; exchanges and alerts as they come. One
            // reader of the pipeline's topics for the printers and the dashboard: each record is read and decoded once.
            FinalExchanges finalExchanges = new FinalExchanges(printed == null ? FinalExchanges.Listener.NONE : printed);
            TopicFanOut outputs = new TopicFanOut(clients, "demo-feed")
                    .join(topics.enrichedTurns(), turn -> {
                        tally.turn(turn);
                        if (printed != null) {
                            printed.accept(turn.getTurn());
                        }
                    })
                    .join(topics.qa(), finalExchanges)
                    .join(topics.alerts(), alert -> {
                        alertRecords.incrementAndGet();
                        if (tally.alert(alert) && alertPrinter != null) {
                            alertPrinter.accept(alert);
                        }
                    });
            // The alerts stage itself, as 'alerts --webhook' runs it: its own group, offsets committed after delivery.
            List<WebhookDispatcher> dispatchers = options.webhooks().stream()
                    .map(endpoint -> new WebhookDispatcher(endpoint, WEBHOOK_LANES, refused)).toList();
            Map<String, String> fromOldest = new HashMap<>(clients);
            fromOldest.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            AlertDelivery delivery = dispatchers.isEmpty() ? null : new AlertDelivery(fromOldest, WEBHOOK_GROUP,
                    names.alerts(), topics.alerts().valueSerde().deserializer(), dispatchers, alert -> { }, refused);
            List<Thread> threads = new ArrayList<>(List.of(new Thread(sink, "callstream-sink"),
                    new Thread(outputs, "callstream-outputs")));
            if (delivery != null) {
                threads.add(new Thread(delivery, "callstream-webhooks"));
            }
            CatchUp catchUp = new CatchUp(admin, () -> firstOf(enrichFailure.get(), sink.failure(), outputs.failure(),
                    delivery == null ? null : delivery.failure()));
            LiveDashboard dashboard = null;
            try {
                // The dashboard's readers join the printers' before that reader starts.
                dashboard = options.dashboard() == null ? null : LiveDashboard.start(outputs, topics, admin,
                        options.dashboard(), TopicFollower.Start.BEGINNING, new LiveDashboard.Parts(enrich,
                                enrichFailure::get, settings.applicationId(), sink::health, sink::positions));
                threads.forEach(Thread::start);
                enrich.start();
                if (dashboard != null) {
                    options.listener().dashboardStarted(dashboard.url());
                }
                new CallEventPublisher(events, names.callEvents())
                        .publish(ReplaySchedule.of(options.calls()), options.pace(), e -> { });
                catchUp.awaitGroup(settings.applicationId(), catchUp.endOffsets(names.callEvents()), CATCH_UP);
                Map<TopicPartition, Long> stored = new HashMap<>();
                for (String topic : List.of(names.callEvents(), names.enrichedTurns(), names.qa(), names.alerts())) {
                    stored.putAll(catchUp.endOffsets(topic));
                }
                catchUp.awaitPositions("the sink", sink::positions, stored, CATCH_UP);
                Map<TopicPartition, Long> printedEnds = new HashMap<>();
                for (String topic : List.of(names.enrichedTurns(), names.qa(), names.alerts())) {
                    printedEnds.putAll(catchUp.endOffsets(topic));
                }
                catchUp.awaitPositions("the feed of turns, exchanges and alerts", outputs::positions, printedEnds,
                        CATCH_UP);
                if (delivery != null) {
                    // Its committed offsets stop short of enrich's transaction markers, so count outcomes instead.
                    catchUp.awaitCondition("the webhooks", () -> dispatchers.stream()
                            .allMatch(d -> d.delivered() + d.deadLettered() >= alertRecords.get()), WEBHOOKS_DONE);
                }
                if (printed != null) {
                    printed.flush(); // every turn is in, so nothing should be held; but nothing may be lost either
                }
                long lines = options.calls().stream().flatMap(List::stream)
                        .filter(e -> e.getPayload() instanceof TranscriptLine l && l.getStatus() == Status.FINAL).count();
                long dead = DeadLetterCount.count(stack.bootstrapServers(), catchUp.endOffsets(names.deadLetters()));
                List<DemoSummary.CallLine> described = options.calls().stream().flatMap(List::stream)
                        .filter(e -> e.getPayload() instanceof CallStarted)
                        .map(e -> DemoSummary.CallLine.of(e.getCallId(), (CallStarted) e.getPayload())).toList();
                List<DemoSummary.WebhookLine> webhooks = dispatchers.stream().map(d -> new DemoSummary.WebhookLine(
                        d.endpoint().url().toString(), d.delivered(), d.retried(), d.deadLettered())).toList();
                DemoSummary summary = StoreSummary.read(jdbcUrl, described, lines, finalExchanges.completed(), tally,
                        dead, webhooks);
                options.listener().finished(summary);
                return summary;
            } finally {
                if (dashboard != null) {
                    dashboard.close();
                }
                sink.close();
                outputs.close();
                if (delivery != null) {
                    delivery.close();
                }
                enrich.close(CLOSE);
                for (Thread t : threads) {
                    t.join(CLOSE.toMillis()); // at once for a thread never started
                }
                dispatchers.forEach(WebhookDispatcher::close);
                if (threads.get(0).isAlive()) {
                    // Closing the store under a sink still writing could commit half a batch; better to say so.
                    throw new IllegalStateException("The sink did not stop within " + CLOSE.toSeconds() + " s");
                }
            }
        } finally {
            FileTrees.deleteQuietly(stateDir);
            try {
                Runtime.getRuntime().removeShutdownHook(removeState);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is already exiting and runs the hook anyway.
            }
        }
    }

    /** The first failure of any stage, or null while all are well. */
    private static Throwable firstOf(Throwable... failures) {
        for (Throwable f : failures) {
            if (f != null) {
                return f;
            }
        }
        return null;
    }
}
