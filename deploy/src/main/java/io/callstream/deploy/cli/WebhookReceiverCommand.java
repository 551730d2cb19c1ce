package io.callstream.deploy.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import io.callstream.sink.webhook.AlertReceiver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "receiver", mixinStandardHelpOptions = true,
        description = {"Receive alert webhooks, verified, until Ctrl-C.",
                "Written as an alerting consumer must be: an example to start from.",
                "Verifies each request's HMAC signature over the exact body (401 if it does not match), refuses a "
                        + "timestamp outside --tolerance (401: a captured request replayed later), wants the "
                        + "Idempotency-Key to be the signed alertId (400), and prints each alert once: a redelivery "
                        + "of the same alert is answered 200 and not acted on again.",
                "Try it with the demo, the same CALLSTREAM_WEBHOOK_SECRET set in both terminals:",
                "  ./callstream demo --webhook http://127.0.0.1:9000/alerts"})
final class WebhookReceiverCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every one).")
    private String host;

    @Option(names = "--port", defaultValue = "9000", paramLabel = "N",
            description = "Port to listen on, 0 for a free one (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--path", defaultValue = "/alerts", paramLabel = "PATH",
            description = "Path the alerts are POSTed to (default: ${DEFAULT-VALUE}).")
    private String path;

    @Option(names = "--webhook-secret-env", paramLabel = "NAME", defaultValue = "CALLSTREAM_WEBHOOK_SECRET",
            description = "The environment variable holding the shared secret the sender signs with (default: "
                    + "${DEFAULT-VALUE}).")
    private String secretVariable;

    @Option(names = "--tolerance", defaultValue = "300", paramLabel = "SECONDS",
            description = "How far a request's signed timestamp may be from this clock (default: ${DEFAULT-VALUE}).")
    private long toleranceSeconds;

    /** Where the secret is looked up; a test in this process cannot set a real environment variable. */
    UnaryOperator<String> environment = System::getenv;

    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        String secret = environment.apply(secretVariable);
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("The shared secret is read from the environment variable "
                    + secretVariable + ", which is not set: set it to the secret 'alerts' or 'demo' signs with.");
        }
        PrintWriter out = spec.commandLine().getOut();
        // Ctrl-C: stop, and hold the JVM until the requests in hand are answered and the summary is printed.
        Thread hook = new Thread(() -> {
            stopped.countDown();
            try {
                finished.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "callstream-receiver-shutdown");
        try {
            serve(secret, out, hook);
        } finally {
            finished.countDown();
        }
        return 0;
    }

    private void serve(String secret, PrintWriter out, Thread hook) {
        AlertReceiver receiver = AlertReceiver.start(host, port, path, secret, Duration.ofSeconds(toleranceSeconds),
                InstantSource.system(), received -> print(out, "alert " + describe(received.alert()) + "   (key "
                        + received.idempotencyKey() + ")"), line -> print(out, "receiver: " + line));
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            print(out, "receiver: POST alerts to " + receiver.url() + " (signed with $" + secretVariable
                    + "). Ctrl-C stops it.");
            stopped.await();
        } catch (InterruptedException e) {
            // Run in-process (tests): an interrupt is this process's Ctrl-C.
            Thread.currentThread().interrupt();
        } finally {
            receiver.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is exiting: the hook is what stopped us, and waits for the summary below.
            }
        }
        Map<AlertReceiver.Outcome, Long> counts = receiver.counts();
        long accepted = counts.get(AlertReceiver.Outcome.ACCEPTED);
        long repeated = counts.get(AlertReceiver.Outcome.DUPLICATE);
        long refused = counts.values().stream().mapToLong(Long::longValue).sum() - accepted - repeated;
        print(out, "receiver: " + accepted + " alerts accepted, " + repeated
                + " redeliveries answered without acting, " + refused + " requests refused");
    }

    private static void print(PrintWriter out, String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    /** One line: severity, title, speaker and where in the call. */
    static String describe(JsonNode alert) {
        long seconds = alert.path("callOffsetMs").asLong() / 1000;
        JsonNode speaker = alert.path("speaker");
        String who = speaker.path("name").isTextual() ? speaker.path("name").asText()
                : speaker.path("label").isTextual() ? speaker.path("label").asText() : "unnamed speaker";
        return String.format("%-6s %s: %s (%s, %s) at %d:%02d in %s", alert.path("severity").asText(),
                alert.path("ruleId").asText(), alert.path("title").asText(), who, speaker.path("role").asText(),
                seconds / 60, seconds % 60, alert.path("callId").asText());
    }
}
