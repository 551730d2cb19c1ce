package io.callstream.sink.webhook;

import static io.callstream.sink.testing.SinkRecords.alert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.callstream.avro.Alert;
import io.callstream.avro.DeadLetter;
import io.callstream.sink.testing.CollectingDeadLetters;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** AlertDelivery against Kafka's MockConsumer and a real local receiver. */
class WebhookAlertDeliveryTest {

    private static final String SECRET = "s3cret";
    private static final TopicPartition ALERTS_0 = new TopicPartition("call-alerts", 0);
    // Reads a tombstone as null, as the pipeline's Avro deserializer does.
    private static final Deserializer<Alert> AVRO = (topic, bytes) -> {
        if (bytes == null) {
            return null;
        }
        try {
            return Alert.fromByteBuffer(ByteBuffer.wrap(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    };

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final CollectingDeadLetters collected = new CollectingDeadLetters();
    private final List<DeadLetter> deadLetters = collected.letters();
    private final List<Map<TopicPartition, OffsetAndMetadata>> committedDuringBackoff = new CopyOnWriteArrayList<>();
    private final List<String> printed = new CopyOnWriteArrayList<>();
    private LocalReceiver receiver;
    private WebhookDispatcher dispatcher;
    private AlertDelivery delivery;
    private Thread thread;

    @AfterEach
    void stop() throws InterruptedException {
        delivery.close();
        thread.join(5000);
        if (dispatcher != null) {
            dispatcher.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset, byte[] value) {
        return new ConsumerRecord<>("call-alerts", 0, offset, "call-x".getBytes(StandardCharsets.UTF_8), value);
    }

    private static byte[] avro(Alert alert) {
        try {
            ByteBuffer b = alert.toByteBuffer();
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void closedBeforeItRunsClosesItsConsumerAndRunsNot() {
        delivery = new AlertDelivery(consumer, "call-alerts", AVRO, List.of(), a -> printed.add(a.getAlertId()),
                collected);
        delivery.close();
        assertThat(consumer.closed()).as("a delivery that never ran closes its consumer itself").isTrue();
        thread = new Thread(delivery, "alert-delivery");
        thread.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> !thread.isAlive());
        assertThat(consumer.subscription()).as("run after close reads nothing").isEmpty();
        assertThat(delivery.failure()).isNull();
    }

    @Test
    void commitsOffsetsOnlyOnceEveryAlertIsDeliveredOrDeadLettered() throws IOException {
        Alert a1 = alert("call-x", "capital-raise", 3);
        Alert a2 = alert("call-x", "guidance", 4);
        Alert a3 = alert("call-x", "declined", 5);
        receiver = new LocalReceiver(SECRET, 0).script(a1.getAlertId(), 503, 503).script(a2.getAlertId(), 400);
        WebhookEndpoint endpoint = new WebhookEndpoint("test", receiver.url(), SECRET, Duration.ofSeconds(2), 5,
                Duration.ofMillis(5), Duration.ofMillis(20));
        Sleeper sleeper = d -> {
            committedDuringBackoff.add(consumer.committed(Set.of(ALERTS_0)));
            Thread.sleep(d.toMillis()); // the backoff itself, recorded above
        };
        dispatcher = new WebhookDispatcher(endpoint, 2, collected, sleeper, Clock.systemUTC());
        delivery = new AlertDelivery(consumer, "call-alerts", AVRO, List.of(dispatcher),
                a -> printed.add(a.getAlertId()), collected);
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(ALERTS_0));
            consumer.updateBeginningOffsets(Map.of(ALERTS_0, 0L));
            consumer.addRecord(record(0, avro(a1)));
            consumer.addRecord(record(1, "not avro".getBytes(StandardCharsets.UTF_8)));
            consumer.addRecord(record(2, avro(a2)));
            consumer.addRecord(record(3, avro(a3)));
        });
        thread = new Thread(delivery, "alert-delivery");
        thread.start();

        await().atMost(Duration.ofSeconds(10))
                .until(() -> Long.valueOf(4).equals(offset(consumer.committed(Set.of(ALERTS_0)))));

        assertThat(receiver.accepted()).containsExactly(a1.getAlertId(), a3.getAlertId());
        assertThat(printed).containsExactly(a1.getAlertId(), a2.getAlertId(), a3.getAlertId());
        assertThat(deadLetters).extracting(DeadLetter::getReason)
                .satisfiesExactlyInAnyOrder(r -> assertThat(r).startsWith("Cannot read record"),
                        r -> assertThat(r).contains(a2.getAlertId(), "HTTP 400"));
        assertThat(committedDuringBackoff).hasSize(2).allSatisfy(c -> assertThat(offset(c)).isNull());
        assertThat(delivery.failure()).isNull();
        assertThat(consumer.paused()).isEmpty();
    }

    @Test
    void deadLettersATombstoneWithItsReasonAndDeliversTheAlertsAroundIt() throws IOException {
        Alert before = alert("call-x", "capital-raise", 3);
        Alert after = alert("call-x", "guidance", 4);
        receiver = new LocalReceiver(SECRET, 0);
        WebhookEndpoint endpoint = new WebhookEndpoint("test", receiver.url(), SECRET, Duration.ofSeconds(2), 5,
                Duration.ofMillis(5), Duration.ofMillis(20));
        dispatcher = new WebhookDispatcher(endpoint, 2, collected, Sleeper.REAL, Clock.systemUTC());
        delivery = new AlertDelivery(consumer, "call-alerts", AVRO, List.of(dispatcher),
                a -> printed.add(a.getAlertId()), collected);
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(ALERTS_0));
            consumer.updateBeginningOffsets(Map.of(ALERTS_0, 0L));
            consumer.addRecord(record(0, avro(before)));
            consumer.addRecord(record(1, null));
            consumer.addRecord(record(2, avro(after)));
        });
        thread = new Thread(delivery, "alert-delivery");
        thread.start();

        await().atMost(Duration.ofSeconds(10))
                .until(() -> Long.valueOf(3).equals(offset(consumer.committed(Set.of(ALERTS_0)))));

        assertThat(receiver.accepted()).containsExactly(before.getAlertId(), after.getAlertId());
        assertThat(deadLetters).singleElement().satisfies(letter -> {
            assertThat(letter.getStage()).isEqualTo("sink-webhook");
            assertThat(letter.getReason()).startsWith("A record with no value (a tombstone) on call-alerts");
            assertThat(letter.getSourceOffset()).isEqualTo(1L);
            assertThat(letter.getCallId()).isEqualTo("call-x");
            assertThat(letter.getPayload()).isNull();
        });
        assertThat(delivery.failure()).isNull();
    }

    private static Long offset(Map<TopicPartition, OffsetAndMetadata> committed) {
        OffsetAndMetadata o = committed.get(ALERTS_0);
        return o == null ? null : o.offset();
    }
}
