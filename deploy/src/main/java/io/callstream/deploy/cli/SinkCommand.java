package io.callstream.deploy.cli;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

import io.callstream.avro.DeadLetter;
import io.callstream.dashboard.monitor.ConsumerLag;
import io.callstream.dashboard.monitor.HealthCheck;
import io.callstream.dashboard.monitor.HealthChecks;
import io.callstream.dashboard.monitor.Monitoring;
import io.callstream.deploy.monitor.SinkHealthCheck;
import io.callstream.dashboard.monitor.SinkMetrics;
import io.callstream.ingest.publish.ProducerSettings;
import io.callstream.schemas.topics.CallTopics;
import io.callstream.schemas.topics.TopicNames;
import io.callstream.sink.KafkaDeadLetterSink;
import io.callstream.sink.BatchStage;
import io.callstream.sink.SinkHealth;
import io.callstream.sink.StoreSink;
import io.callstream.sink.jdbc.CallStore;
import io.callstream.sink.jdbc.StoreAtStart;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "sink", mixinStandardHelpOptions = true,
        description = {"Write the pipeline's records to a JDBC store until Ctrl-C.",
                "Calls, turns with their topics and numbers, exchanges and alerts, into SQLite or PostgreSQL.",
                "Offsets are committed with the rows, in the store: a restart resumes where the store is.",
                "While the store is down the sink pauses and retries; a record it refuses is dead-lettered.",
                "With --port: /health/live, /health/ready (broker, store, consumer) and /metrics on that port."})
final class SinkCommand implements Callable<Integer> {

    static final String DEFAULT_STORE = "jdbc:sqlite:callstream.db";
    static final String DEFAULT_GROUP_ID = "callstream-sink";
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    private static final Duration CLOSE = Duration.ofSeconds(30);

    @Spec
    private CommandSpec spec;

    @Mixin
    private KafkaOptions kafka;

    private static final String STORE_VARIABLE = "CALLSTREAM_STORE";

    @Option(names = "--store", defaultValue = DEFAULT_STORE, paramLabel = "JDBC_URL",
            description = "Where the records go: jdbc:sqlite:FILE or jdbc:postgresql://HOST:PORT/DB?user=U "
                    + "(default: the CALLSTREAM_STORE environment variable, which keeps a password off the command "
                    + "line, else ${DEFAULT-VALUE}). The schema is created or migrated on start.")
    private String store;

    /** Where the store's URL is looked up when --store is not given; a test cannot set a real variable. */
    UnaryOperator<String> environment = System::getenv;

    @Option(names = "--store-wait", defaultValue = "60", paramLabel = "SECONDS",
            description = "How long to wait at start for a database that does not answer yet (connection refused, "
                    + "starting up), retrying with back-off, before exiting 1: the attempts' own time counts, none "
                    + "starts after it, and 0 tries once. A wrong password, database or driver fails at once "
                    + "(default: ${DEFAULT-VALUE}).")
    private long storeWaitSeconds;

    @Option(names = "--group-id", defaultValue = DEFAULT_GROUP_ID, paramLabel = "ID",
            description = "Consumer group, and the name the store keeps its offsets under (default: ${DEFAULT-VALUE}).")
    private String groupId;

    @Option(names = "--batch-size", defaultValue = "500", paramLabel = "N",
            description = "Most records per poll, written in one transaction (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Mixin
    private ProbeOptions probe;

    // For the crash tests: stop the process dead (no shutdown hooks, no commit) at a stage of a batch.
    @Option(names = "--halt-at", hidden = true, paramLabel = "STAGE:N")
    private String haltAt;

    @Override
    public Integer call() throws Exception {
        Map<String, String> clients = kafka.clientProperties();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (batchSize < 1) {
            err.println("callstream sink: --batch-size must be at least 1, not " + batchSize + ".");
            err.flush();
            return 2;
        }
        if (!spec.commandLine().getParseResult().hasMatchedOption("--store") && environment.apply(STORE_VARIABLE) != null) {
            store = environment.apply(STORE_VARIABLE);
        }
        if (storeWaitSeconds < 0) {
            err.println("callstream sink: --store-wait must be 0 or more seconds, not " + storeWaitSeconds + ".");
            err.flush();
            return 2;
        }
        // The probes answer from the start: alive and not ready while the store is waited for, so that an
        // orchestrator does not restart a sink that waits for its database, and a rollout waits until it writes.
        SinkChecks health = new SinkChecks();
        AtomicBoolean interrupted = new AtomicBoolean();
        try (Monitoring monitoring = new Monitoring()) {
            ProbeOptions.Endpoints endpoints;
            try {
                endpoints = probe.start("sink", clients, monitoring, health.checks(), out);
            } catch (IllegalArgumentException e) {
                err.println("callstream sink: " + e.getMessage());
                err.flush();
                return 1;
            }
            try {
                return run(clients, out, err, monitoring, endpoints, health, interrupted);
            } finally {
                if (endpoints != null) {
                    endpoints.close();
                }
            }
        } finally {
            // Restored only now: the dead-letter producer, the probes' server and its admin client, closed above, do
            // not wait for their threads on an interrupted one (the producer throws instead).
            if (interrupted.get()) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Opens the store, waiting for it, then runs the sink until it stops. An interrupt, which run in-process is this
     * process's Ctrl-C, is a stop: set in {@code interrupted}, for the caller to restore once all is closed.
     */
    private int run(Map<String, String> clients, PrintWriter out, PrintWriter err, Monitoring monitoring,
                    ProbeOptions.Endpoints endpoints, SinkChecks health, AtomicBoolean interrupted) throws Exception {
        CallStore callStore;
        try {
            callStore = StoreAtStart.real().open(store, Duration.ofSeconds(storeWaitSeconds), (cause, attempt, in, left) -> {
                String why = redacted(firstLine(rootCause(cause)));
                health.waiting("the store does not answer yet (" + why + "); attempt " + (attempt + 1) + " in "
                        + secondsUp(in) + " s");
                err.printf("sink: the store %s does not answer yet (%s); trying again in %d s (attempt %d; "
                                + "%d s more of --store-wait).%n", redacted(store), why,
                        secondsUp(in), attempt + 1, secondsUp(left));
                err.flush();
            });
        } catch (InterruptedException e) {
            interrupted.set(true);
            err.println("callstream sink: stopped while waiting for the store " + redacted(store) + ".");
            err.flush();
            return 0;
        } catch (SQLException e) {
            err.println("callstream sink: cannot open the store " + redacted(store) + " (" + redacted(firstLine(rootCause(e))) + "); check "
                    + "that the database is running and reachable at that address and that the user, password and "
                    + "database (or SQLite file's folder) in the URL exist.");
            err.flush();
            return 1;
        }
        TopicNames names = TopicNames.defaults();
        CallTopics topics = new CallTopics(names, kafka.registryClient());
        StoredCounts counts = new StoredCounts();
        try (callStore;
             KafkaProducer<String, DeadLetter> deadLetters =
                     ProducerSettings.keyedByCall(clients, topics.deadLetters().valueSerde().serializer())) {
            SinkMetrics metrics = new SinkMetrics(monitoring.registry());
            StoreSink sink = new StoreSink(clients,
                    StoreSink.Settings.forPipeline(groupId, topics).withBatchSize(batchSize), callStore,
                    new KafkaDeadLetterSink(deadLetters, names.deadLetters()), new StoreSink.Listener() {
                        @Override
                        public void stored(List<SpecificRecord> records) {
                            counts.add(records);
                        }

                        @Override
                        public void deadLettered(DeadLetter letter) {
                            metrics.deadLettered(letter);
                        }

                        @Override
                        public void healthChanged(SinkHealth now) {
                            if (now.state() == SinkHealth.State.WAITING_FOR_STORE) {
                                err.println("sink: unhealthy, waiting: " + redacted(now.detail())
                                        + "; the batch in hand is retried with back-off, nothing is lost.");
                                err.flush();
                            } else if (now.state() == SinkHealth.State.RUNNING) {
                                out.println("sink: healthy, writing");
                                out.flush();
                            }
                        }
                    }, haltAt == null ? BatchStage.Listener.NONE : HaltAt.parse(haltAt));
            Thread running = new Thread(sink, "callstream-sink");
            health.running(sink, running);
            if (endpoints != null) {
                monitoring.bind(new ConsumerLag(endpoints.admin(),
                        List.of(new ConsumerLag.Positions(groupId, sink::positions))));
            }
            // Ctrl-C: stop polling and let the batch in hand commit (rows and offsets together) before the JVM ends.
            Thread hook = new Thread(() -> stop(sink, running), "callstream-sink-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            out.printf("sink: %s, %s, %s and %s from %s (group %s) into %s. Ctrl-C stops it.%n", names.callEvents(),
                    names.enrichedTurns(), names.qa(), names.alerts(),
                    clients.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG), groupId, redacted(store));
            out.flush();
            running.start();
            String reported = counts.toString();
            try {
                while (running.isAlive()) {
                    running.join(PROGRESS_EVERY.toMillis());
                    String now = counts.toString();
                    if (!now.equals(reported)) {
                        out.println("sink: stored so far " + now);
                        out.flush();
                        reported = now;
                    }
                }
            } catch (InterruptedException e) {
                stop(sink, running);
                interrupted.set(true);
                return 0;
            } finally {
                removeHook(hook);
            }
            if (sink.failure() != null) {
                err.println("callstream sink: stopped on " + firstLine(sink.failure()));
                err.flush();
                return 1;
            }
            return 0;
        }
    }

    /** Whole seconds, rounded up: a pause of 0.6 s is "1 s", and only none at all is "0 s". */
    private static long secondsUp(Duration d) {
        return d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
    }

    private static void stop(StoreSink sink, Thread running) {
        sink.close();
        try {
            running.join(CLOSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The sink's health from its start. While the store is waited for: alive (waiting is what it should do) and not
     * ready, saying why. Then: alive while the consumer thread has not failed; ready while the store takes writes and
     * it polls.
     */
    private static final class SinkChecks {

        private volatile String waiting = "opening the store";
        private volatile StoreSink sink;
        private volatile Thread running;

        void waiting(String why) {
            waiting = why;
        }

        void running(StoreSink sink, Thread running) {
            this.running = running;
            this.sink = sink;
        }

        HealthChecks checks() {
            return HealthChecks.none()
                    .withLiveness("consumer", () -> sink == null
                            ? HealthCheck.Result.up("not polling yet: " + waiting) : consumer())
                    .withReadiness("store", () -> sink == null ? HealthCheck.Result.down(waiting) : store())
                    .withReadiness("consumer", () -> sink == null
                            ? HealthCheck.Result.down("not polling yet: " + waiting) : consumer());
        }

        /** The store sink's view of its store, in words a probe may show: the URL's password left out. */
        private HealthCheck.Result store() {
            HealthCheck.Result seen = new SinkHealthCheck(sink::health).check();
            return new HealthCheck.Result(seen.up(), redacted(seen.detail()));
        }

        private HealthCheck.Result consumer() {
            StoreSink started = sink;
            return started.failure() != null
                    ? HealthCheck.Result.down("stopped on " + firstLine(started.failure()))
                    : running.isAlive() ? HealthCheck.Result.up("polling")
                    : HealthCheck.Result.down("not polling (starting or stopped)");
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already exiting and runs the hook anyway.
        }
    }

    /** The URL as printed: a password given in it stays off the screen and out of logs. */
    static String redacted(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    /** The driver's own words (connection refused, no such database) rather than Flyway's wrapping of them. */
    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
