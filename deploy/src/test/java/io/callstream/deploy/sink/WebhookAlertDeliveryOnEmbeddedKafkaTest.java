package io.callstream.deploy.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.callstream.avro.Alert;
import io.callstream.avro.DeadLetter;
import io.callstream.avro.Role;
import io.callstream.avro.Severity;
import io.callstream.avro.Speaker;
import io.callstream.avro.Status;
import io.callstream.deploy.stack.EmbeddedStack;
import io.callstream.deploy.testing.SharedStack;
import io.callstream.deploy.testing.WebhookReceiver;
import io.callstream.ingest.publish.ProducerSettings;
import io.callstream.schemas.registry.RegistryClientConfig;
import io.callstream.schemas.registry.SchemaRegistryClient;
import io.callstream.schemas.topics.CallTopics;
import io.callstream.schemas.topics.TopicCreator;
import io.callstream.schemas.topics.TopicNames;
import io.callstream.sink.KafkaDeadLetterSink;
import io.callstream.sink.webhook.AlertDelivery;
import io.callstream.sink.webhook.WebhookDispatcher;
import io.callstream.sink.webhook.WebhookEndpoint;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Alerts from a real broker to a real local webhook receiver that fails first, checks signatures and deduplicates. */
@Tag("integration")
@ExtendWith(SharedStack.class)
class WebhookAlertDeliveryOnEmbeddedKafkaTest {

    private static final String SECRET = "shared-secret";

    private static final String GROUP = "webhook-it-deliveries";

    private static EmbeddedStack stack;
    private static SchemaRegistryClient registry;
    private static Map<String, String> clients;

    @BeforeAll
    static void start(EmbeddedStack shared) {
        stack = shared;
        registry = new SchemaRegistryClient(RegistryClientConfig.of(stack.schemaRegistryUrl()));
        clients = Map.of("bootstrap.servers", stack.bootstrapServers());
    }

    private static Alert alert(String callId, int turnIndex) {
        return Alert.newBuilder().setAlertId(callId + "/guidance/" + turnIndex).setCallId(callId).setRuleId("guidance")
                .setSeverity(Severity.MEDIUM).setTitle("Guidance with a number").setTurnIndex(turnIndex)
                .setTurnVersion(0).setTurnStatus(Status.PARTIAL)
                .setSpeaker(Speaker.newBuilder().setLabel("CFO").setRole(Role.EXECUTIVE).build())
                .setExcerpt("We expect 5,000 a week.").setCallOffsetMs(60_000L * turnIndex).setKnownAtSeq(turnIndex)
                .setObservedAt(Instant.parse("2017-02-22T22:31:00Z").plusSeconds(turnIndex)).build();
    }

    @Test
    void deliversEveryAlertOnceInOrderPerCallAndCommitsAfterDelivery() throws Exception {
        // Names of this class's own: the broker is shared with other classes (SharedStack).
        TopicNames names = new TopicNames("webhook-it-call-events", "webhook-it-call-turns",
                "webhook-it-call-turns-enriched", "webhook-it-call-qa", "webhook-it-call-alerts", "webhook-it-call-dlq");
        TopicCreator.ensure(stack.bootstrapServers(), names, 2, (short) 1);
        CallTopics topics = new CallTopics(names, registry);
        List<Alert> alerts = List.of(alert("call-x", 1), alert("call-y", 1), alert("call-x", 2), alert("call-x", 3));
        try (KafkaProducer<String, Alert> producer =
                     ProducerSettings.keyedByCall(clients, topics.alerts().valueSerde().serializer())) {
            for (Alert a : alerts) {
                producer.send(new ProducerRecord<>(names.alerts(), a.getCallId(), a)).get();
            }
        }

        try (WebhookReceiver receiver = new WebhookReceiver(SECRET, 2);
             KafkaProducer<String, DeadLetter> dlq =
                     ProducerSettings.keyedByCall(clients, topics.deadLetters().valueSerde().serializer())) {
            KafkaDeadLetterSink deadLetters = new KafkaDeadLetterSink(dlq, names.deadLetters());
            WebhookDispatcher webhook = new WebhookDispatcher(new WebhookEndpoint("local", receiver.url(), SECRET,
                    Duration.ofSeconds(5), 5, Duration.ofMillis(10), Duration.ofMillis(50)), 4, deadLetters);
            Map<String, String> consumerClients = new HashMap<>(clients);
            consumerClients.put("auto.offset.reset", "earliest");
            AlertDelivery delivery = new AlertDelivery(consumerClients, GROUP, names.alerts(),
                    topics.alerts().valueSerde().deserializer(), List.of(webhook), a -> { }, deadLetters);
            Thread thread = new Thread(delivery, "alert-delivery");
            thread.start();
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> committedTotal(names.alerts()) == alerts.size());
            } finally {
                delivery.close();
                thread.join(10_000);
                webhook.close();
            }

            assertThat(delivery.failure()).isNull();
            assertThat(receiver.accepted()).containsExactlyInAnyOrderElementsOf(
                    alerts.stream().map(Alert::getAlertId).toList());
            assertThat(receiver.accepted()).filteredOn(id -> id.startsWith("call-x/"))
                    .containsExactly("call-x/guidance/1", "call-x/guidance/2", "call-x/guidance/3");
            assertThat(receiver.requests()).isEqualTo(3 * alerts.size());
            assertThat(webhook.retried()).isEqualTo(2L * alerts.size());
            assertThat(webhook.deadLettered()).isZero();
        }
    }

    private static long committedTotal(String topic) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            Map<TopicPartition, OffsetAndMetadata> offsets =
                    admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get();
            return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        }
    }
}
