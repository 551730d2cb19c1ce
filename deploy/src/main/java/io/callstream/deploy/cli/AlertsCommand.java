package io.callstream.deploy.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import io.callstream.avro.Alert;
import io.callstream.avro.DeadLetter;
import io.callstream.dashboard.monitor.HealthChecks;
import io.callstream.dashboard.monitor.Monitoring;
import io.callstream.ingest.publish.ProducerSettings;
import io.callstream.schemas.topics.CallTopics;
import io.callstream.schemas.topics.TopicNames;
import io.callstream.sink.KafkaDeadLetterSink;
import io.callstream.sink.webhook.AlertDelivery;
import io.callstream.sink.webhook.ConsoleAlertSink;
import io.callstream.sink.webhook.WebhookDispatcher;
import io.callstream.sink.webhook.WebhookEndpoint;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = {"Deliver call-alerts to the console and webhooks.",
                "Runs until Ctrl-C. Each alert is printed and logged, and POSTed signed to every --webhook, retried "
                        + "with backoff, dead-lettered to call-dlq when refused; offsets are committed only after "
                        + "that, so delivery is at least once (receivers deduplicate by Idempotency-Key)."})
final class AlertsCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(AlertsCommand.class);

    /** Calls spread over this many lanes per webhook: a slow call holds up only the calls that share its lane. */
    private static final int LANES = 4;
    private static final long CLOSE_SECONDS = 30;

    @Spec
    private CommandSpec spec;

    @Mixin
    private KafkaOptions kafka;

    @Mixin
    private WebhookOptions webhooks;

    @Option(names = "--group-id", paramLabel = "ID", defaultValue = "callstream-alerts",
            description = "Consumer group: instances with the same id share the alerts (default: ${DEFAULT-VALUE}).")
    private String groupId;

    @Mixin
    private ProbeOptions probe;

    @Option(names = "--quiet", description = "Do not print each alert (it is still logged).")
    private boolean quiet;

    /** Where the secret is looked up; a test in this process cannot set a real environment variable. */
    UnaryOperator<String> environment = System::getenv;

    private final CountDownLatch started = new CountDownLatch(1);
    private volatile AlertDelivery delivery;
    private volatile boolean stopped;

    @Override
    public Integer call() throws Exception {
        List<WebhookEndpoint> endpoints = webhooks.endpoints(environment);
        Map<String, String> clients = kafka.clientProperties();
        Map<String, String> consumerClients = new HashMap<>(clients);
        // A new group starts at the oldest alert kept, not at the next one: an alert written before the first
        // start would otherwise never reach anyone. KAFKA_AUTO_OFFSET_RESET=latest chooses otherwise.
        consumerClients.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        TopicNames names = TopicNames.defaults();
        CallTopics topics = new CallTopics(names, kafka.registryClient());
        PrintWriter out = spec.commandLine().getOut();

        List<WebhookDispatcher> dispatchers = new ArrayList<>();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop();
            try {
                finished.await(CLOSE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "callstream-alerts-shutdown");
        try (KafkaProducer<String, DeadLetter> dlq =
                     ProducerSettings.keyedByCall(clients, topics.deadLetters().valueSerde().serializer())) {
            KafkaDeadLetterSink deadLetters = new KafkaDeadLetterSink(dlq, names.deadLetters());
            for (WebhookEndpoint endpoint : endpoints) {
                dispatchers.add(new WebhookDispatcher(endpoint, LANES, deadLetters));
            }
            Consumer<Alert> console = quiet
                    ? alert -> log.info("Alert {}", ConsoleAlertSink.line(alert))
                    : new ConsoleAlertSink(out);
            AlertDelivery running = new AlertDelivery(consumerClients, groupId, names.alerts(),
                    topics.alerts().valueSerde().deserializer(), dispatchers, console, deadLetters);
            delivery = running;
            if (stopped) {
                running.close(); // Ctrl-C came while starting
            }
            Runtime.getRuntime().addShutdownHook(hook);
            out.printf("alerts: %s as group %s to the console%s and %d webhook%s. Ctrl-C stops it.%n", names.alerts(),
                    groupId, quiet ? " (quiet)" : "", endpoints.size(), endpoints.size() == 1 ? "" : "s");
            out.flush();
            // Alive while it answers: a delivery that fails stops this process (exit 1), which is the restart.
            ProbeOptions.Endpoints probes;
            Monitoring monitoring = new Monitoring();
            try {
                probes = probe.start("alerts", clients, monitoring, HealthChecks.none(), out);
            } catch (RuntimeException e) {
                monitoring.close();
                running.close();
                running.run(); // on a closed delivery, run() only closes its consumer
                started.countDown();
                throw e;
            }
            try (monitoring; probes) {
                if (probes != null) {
                    // The dead-letter producer's meters: a refused webhook shows there first.
                    monitoring.bind(new KafkaClientMetrics(dlq));
                }
                started.countDown();
                running.run();
            }
            if (running.failure() != null) {
                spec.commandLine().getErr().println("callstream alerts: stopped on " + running.failure());
                return 1;
            }
            return 0;
        } finally {
            dispatchers.forEach(WebhookDispatcher::close);
            finished.countDown();
            removeHook(hook);
        }
    }

    /** Stops delivery as Ctrl-C does: the batch out is not committed, so it is delivered again on the next start. */
    void stop() {
        stopped = true;
        AlertDelivery running = delivery;
        if (running != null) {
            running.close();
        }
    }

    /** For a caller in this process: true once alerts are being read. */
    boolean awaitStarted(long timeout, TimeUnit unit) throws InterruptedException {
        return started.await(timeout, unit);
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: the hook is what is stopping us.
        }
    }
}
