package io.callstream.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.callstream.avro.Alert;
import io.callstream.avro.Role;
import io.callstream.avro.Severity;
import io.callstream.avro.Speaker;
import io.callstream.avro.Status;
import io.callstream.deploy.stack.EmbeddedStack;
import io.callstream.deploy.testing.WebhookReceiver;
import io.callstream.ingest.publish.ProducerSettings;
import io.callstream.schemas.registry.RegistryClientConfig;
import io.callstream.schemas.registry.SchemaRegistryClient;
import io.callstream.schemas.topics.CallTopics;
import io.callstream.schemas.topics.TopicCreator;
import io.callstream.schemas.topics.TopicNames;
import io.callstream.sink.webhook.ConsoleAlertSink;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** {@code callstream alerts} on a broker, against a local webhook receiver that fails each alert's first attempt. */
@Tag("integration")
class AlertsCommandTest {

    private static final String SECRET_VARIABLE = "ALERTS_TEST_SECRET";
    private static final String SECRET = "shared-secret";

    private static EmbeddedStack stack;

    @BeforeAll
    static void start() {
        stack = EmbeddedStack.start();
        TopicCreator.ensure(stack.bootstrapServers(), TopicNames.defaults(), 2, (short) 1);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void deliversEveryAlertOnceSignedAndPrintsEach() throws Exception {
        List<Alert> alerts = List.of(alert("call-x", 1), alert("call-y", 1), alert("call-x", 2));
        CallTopics topics = new CallTopics(TopicNames.defaults(),
                new SchemaRegistryClient(RegistryClientConfig.of(stack.schemaRegistryUrl())));
        try (KafkaProducer<String, Alert> producer = ProducerSettings.keyedByCall(
                Map.of("bootstrap.servers", stack.bootstrapServers()), topics.alerts().valueSerde().serializer())) {
            for (Alert a : alerts) {
                producer.send(new ProducerRecord<>(TopicNames.defaults().alerts(), a.getCallId(), a)).get();
            }
        }

        try (WebhookReceiver receiver = new WebhookReceiver(SECRET, 1)) {
            CommandLine cli = CallstreamCommand.commandLine();
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            AlertsCommand command = alertsCommand(cli, Map.of(SECRET_VARIABLE, SECRET));
            AtomicInteger exit = new AtomicInteger(-1);
            Thread thread = new Thread(() -> exit.set(cli.execute("alerts", "--webhook", receiver.url().toString(),
                    "--webhook-secret-env", SECRET_VARIABLE, "--group-id", "alerts-command-test",
                    "--bootstrap-servers", stack.bootstrapServers(), "--schema-registry-url", stack.schemaRegistryUrl())),
                    "callstream-alerts");
            thread.start();
            try {
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    assertThat(err.toString()).isEmpty();
                    assertThat(receiver.deliveries()).containsOnlyKeys(ids(alerts));
                });
            } finally {
                command.stop();
                thread.join(30_000);
            }

            assertThat(exit.get()).as(err.toString()).isZero();
            assertThat(receiver.deliveries()).as("each alert taken once").allSatisfy((id, times) -> assertThat(times).isOne());
            assertThat(receiver.badSignatures()).isZero();
            assertThat(receiver.requests()).as("a failed first attempt and a retry per alert").isEqualTo(2 * alerts.size());
            assertThat(out.toString()).contains(alerts.stream().map(ConsoleAlertSink::line).toList());
        }
    }

    @Test
    void aWebhookWithoutItsSecretVariableExitsOneNamingTheVariable() {
        CommandLine cli = CallstreamCommand.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        alertsCommand(cli, Map.of());

        int exit = cli.execute("alerts", "--webhook", "http://127.0.0.1:9/alerts",
                "--bootstrap-servers", stack.bootstrapServers(), "--schema-registry-url", stack.schemaRegistryUrl());

        assertThat(exit).isOne();
        assertThat(err.toString().lines().findFirst()).hasValueSatisfying(line -> assertThat(line)
                .startsWith("callstream alerts: ").contains("CALLSTREAM_WEBHOOK_SECRET"));
    }

    /** The command picocli made, with the environment it reads the secret from replaced by {@code env}. */
    private static AlertsCommand alertsCommand(CommandLine cli, Map<String, String> env) {
        AlertsCommand command = cli.getSubcommands().get("alerts").getCommand();
        command.environment = env::get;
        return command;
    }

    private static List<String> ids(List<Alert> alerts) {
        return alerts.stream().map(Alert::getAlertId).toList();
    }

    private static Alert alert(String callId, int turnIndex) {
        return Alert.newBuilder().setAlertId(callId + "/guidance/" + turnIndex).setCallId(callId).setRuleId("guidance")
                .setSeverity(Severity.MEDIUM).setTitle("Guidance with a number").setTurnIndex(turnIndex)
                .setTurnVersion(0).setTurnStatus(Status.PARTIAL)
                .setSpeaker(Speaker.newBuilder().setLabel("CFO").setRole(Role.EXECUTIVE).build())
                .setExcerpt("We expect " + turnIndex + ",000 a week.").setCallOffsetMs(60_000L * turnIndex)
                .setKnownAtSeq(turnIndex).setObservedAt(Instant.parse("2017-02-22T22:31:00Z").plusSeconds(turnIndex))
                .build();
    }
}
