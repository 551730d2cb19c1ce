package io.callstream.deploy.cli;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

import io.callstream.avro.DeadLetter;
import io.callstream.avro.Status;
import io.callstream.ingest.publish.ProducerSettings;
import io.callstream.schemas.topics.CallTopics;
import io.callstream.schemas.topics.TopicNames;
import io.callstream.sink.KafkaDeadLetterSink;
import io.callstream.sink.TurnSink;
import io.callstream.sink.jdbc.TurnStore;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "sink", mixinStandardHelpOptions = true,
        description = {"Write turns to a JDBC store until Ctrl-C.",
                "call-turns in; one row per turn (highest version) in the table turns, SQLite or PostgreSQL.",
                "Offsets are committed with the rows, in the store: a restart resumes where the store is."})
final class SinkCommand implements Callable<Integer> {

    static final String DEFAULT_STORE = "jdbc:sqlite:callstream.db";
    static final String DEFAULT_GROUP_ID = "callstream-sink";
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    private static final Duration CLOSE = Duration.ofSeconds(30);

    @Spec
    private CommandSpec spec;

    @Mixin
    private KafkaOptions kafka;

    @Option(names = "--store", defaultValue = DEFAULT_STORE, paramLabel = "JDBC_URL",
            description = "Where the turns go: jdbc:sqlite:FILE or jdbc:postgresql://HOST:PORT/DB?user=U "
                    + "(default: ${DEFAULT-VALUE}). The schema is created or migrated on start.")
    private String store;

    @Option(names = "--group-id", defaultValue = DEFAULT_GROUP_ID, paramLabel = "ID",
            description = "Consumer group, and the name the store keeps its offsets under (default: ${DEFAULT-VALUE}).")
    private String groupId;

    @Override
    public Integer call() throws Exception {
        Map<String, String> clients = kafka.clientProperties();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TurnStore turnStore;
        try {
            turnStore = TurnStore.open(store);
        } catch (SQLException e) {
            err.println("callstream sink: cannot open the store " + redacted(store) + " (" + redacted(firstLine(rootCause(e))) + "); check "
                    + "that the database is running and reachable at that address and that the user, password and "
                    + "database (or SQLite file's folder) in the URL exist.");
            err.flush();
            return 1;
        }
        TopicNames names = TopicNames.defaults();
        CallTopics topics = new CallTopics(names, kafka.registryClient());
        AtomicLong stored = new AtomicLong();
        AtomicLong finals = new AtomicLong();
        try (turnStore;
             KafkaProducer<String, DeadLetter> deadLetters =
                     ProducerSettings.keyedByCall(clients, topics.deadLetters().valueSerde().serializer())) {
            TurnSink sink = new TurnSink(clients, groupId, names.callTurns(),
                    topics.callTurns().valueSerde().deserializer(), turnStore,
                    new KafkaDeadLetterSink(deadLetters, names.deadLetters()), turn -> {
                        stored.incrementAndGet();
                        if (turn.getStatus() == Status.FINAL) {
                            finals.incrementAndGet();
                        }
                    });
            Thread running = new Thread(sink, "callstream-sink");
            // Ctrl-C: stop polling and let the batch in hand commit (rows and offsets together) before the JVM ends.
            Thread hook = new Thread(() -> stop(sink, running), "callstream-sink-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            out.printf("sink: %s from %s (group %s) into %s. Ctrl-C stops it.%n", names.callTurns(),
                    clients.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG), groupId, redacted(store));
            out.flush();
            running.start();
            long reported = 0;
            try {
                while (running.isAlive()) {
                    running.join(PROGRESS_EVERY.toMillis());
                    long now = stored.get();
                    if (now != reported) {
                        out.printf("sink: %d turn snapshots stored so far (%d FINAL)%n", now, finals.get());
                        out.flush();
                        reported = now;
                    }
                }
            } catch (InterruptedException e) {
                // Run in-process (tests, embedding): an interrupt is this process's Ctrl-C.
                stop(sink, running);
                Thread.currentThread().interrupt();
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

    private static void stop(TurnSink sink, Thread running) {
        sink.close();
        try {
            running.join(CLOSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
