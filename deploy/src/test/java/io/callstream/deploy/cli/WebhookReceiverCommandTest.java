package io.callstream.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The alerting consumer's first run, the README's two commands (the port aside): {@code receiver} beside
 * {@code demo --webhook}, sharing a secret. Every
 * alert of the Tesla call arrives signed and is acted on once; the same alerts sent again (a second demo, as a
 * sender's restart would) are answered without being acted on again.
 */
@Tag("integration")
class WebhookReceiverCommandTest {

    private static final Map<String, String> ENVIRONMENT = Map.of("CALLSTREAM_WEBHOOK_SECRET", "first-run-secret");
    private static final Pattern URL = Pattern.compile("POST alerts to (http://\\S+)");

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void receivesEveryAlertOfTheDemoVerifiedAndActsOnARedeliveryOnlyOnce() throws Exception {
        CommandLine receiverCli = CallstreamCommand.commandLine();
        StringWriter received = new StringWriter();
        receiverCli.setOut(new PrintWriter(received, true));
        ((WebhookReceiverCommand) receiverCli.getSubcommands().get("receiver").getCommand()).environment =
                ENVIRONMENT::get;
        AtomicInteger exit = new AtomicInteger(-1);
        List<List<String>> readme = ReadmeFirstRuns.commands(ReadmeFirstRunTest.ALERTING_CONSUMER);
        assertThat(readme).as("the README's two terminals").hasSize(2);
        // The README's port is one the machine may have taken: 0 picks a free one, and the demo is sent there.
        String[] receiverArgs = readme.get(0).stream().map(a -> a.equals("9000") ? "0" : a).toArray(String[]::new);
        assertThat(receiverArgs).containsExactly("receiver", "--port", "0");
        Thread receiver = new Thread(() -> exit.set(receiverCli.execute(receiverArgs)), "receiver-under-test");
        receiver.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> URL.matcher(received.toString()).find());
            Matcher m = URL.matcher(received.toString());
            assertThat(m.find()).isTrue();
            String url = m.group(1);

            // Only the port is the test's: the README's host and path must be where the receiver listens.
            String port = ":" + java.net.URI.create(url).getPort() + "/";
            List<String> demoArgs = readme.get(1).stream().map(a -> a.replace(":9000/", port)).toList();
            assertThat(demoArgs).containsExactly("demo", "--webhook", url);
            JsonNode first = demo(demoArgs, "first");
            int alerts = first.get("alerts").size();
            assertThat(alerts).as("the Tesla call raises alerts").isPositive();
            JsonNode webhook = first.get("webhooks").get(0);
            assertThat(webhook.get("url").asText()).isEqualTo(url);
            assertThat(webhook.get("delivered").asLong()).isEqualTo(alerts);
            assertThat(webhook.get("deadLettered").asLong()).isZero();
            List<String> acted = received.toString().lines().filter(l -> l.startsWith("alert ")).toList();
            assertThat(acted).hasSize(alerts);
            for (JsonNode alert : first.get("alerts")) {
                assertThat(acted).as(alert.get("alertId").asText())
                        .anyMatch(l -> l.endsWith("(key " + alert.get("alertId").asText() + ")"));
            }

            JsonNode again = demo(demoArgs, "again");
            assertThat(again.get("webhooks").get(0).get("delivered").asLong()).isEqualTo(alerts);
            assertThat(received.toString().lines().filter(l -> l.startsWith("alert "))).hasSize(alerts);
            assertThat(received.toString().lines().filter(l -> l.contains("not acted on again"))).hasSize(alerts);
        } finally {
            receiver.interrupt();
            receiver.join(30_000);
        }
        assertThat(exit.get()).isZero();
        assertThat(received.toString()).contains("receiver: " + countAlerts(received.toString())
                + " alerts accepted, " + countAlerts(received.toString()) + " redeliveries answered without acting, "
                + "0 requests refused");
    }

    @Test
    void withoutItsSecretItSaysWhichVariableToSet() {
        CommandLine cli = CallstreamCommand.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        ((WebhookReceiverCommand) cli.getSubcommands().get("receiver").getCommand()).environment = name -> null;

        int exit = cli.execute("receiver", "--port", "0");

        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("CALLSTREAM_WEBHOOK_SECRET", "which is not set");
    }

    /** The README's demo, quiet, at full speed and without a dashboard, its store and summary in the test's folder. */
    private JsonNode demo(List<String> readmeArgs, String run) throws Exception {
        Path summary = dir.resolve(run + ".json");
        CommandLine cli = CallstreamCommand.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        ((DemoCommand) cli.getSubcommands().get("demo").getCommand()).environment = ENVIRONMENT::get;
        List<String> args = new ArrayList<>(readmeArgs);
        args.addAll(List.of("--no-dashboard", "--quiet", "--speed", "max", "--store", dir.resolve(run + ".db").toString(),
                "--summary-json", summary.toString()));
        int exit = cli.execute(args.toArray(String[]::new));
        assertThat(exit).as(err.toString()).isZero();
        return new ObjectMapper().readTree(summary.toFile());
    }

    private static long countAlerts(String out) {
        return out.lines().filter(l -> l.startsWith("alert ")).count();
    }
}
