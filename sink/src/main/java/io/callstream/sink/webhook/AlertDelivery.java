package io.callstream.sink.webhook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.callstream.avro.Alert;
import io.callstream.schemas.consume.ConsumerOwner;
import io.callstream.schemas.errors.DeadLetters;
import io.callstream.sink.DeadLetterSink;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads alerts from Kafka and hands each to the console/log and to every webhook, committing a batch's offsets only
 * once each of its alerts is delivered or dead-lettered on every endpoint (and the dead letters are flushed). A
 * crash before the commit sends the batch again: at least once, deduplicated by receivers on the alert id.
 *
 * <p>While a batch is out, the consumer pauses its partitions and keeps polling, so a slow endpoint (retries can
 * take minutes) does not exceed {@code max.poll.interval.ms} and cost the group its members.
 */
public final class AlertDelivery implements Runnable, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AlertDelivery.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer;
    /** Whichever comes first of {@link #run} and {@link #close} closes the consumer. */
    private final ConsumerOwner owner;
    private final String topic;
    private final Deserializer<Alert> alerts;
    private final List<WebhookDispatcher> webhooks;
    private final Consumer<Alert> onAlert;
    private final DeadLetterSink deadLetters;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean running = true;
    private boolean batchOut;

    public AlertDelivery(Map<String, String> clientProperties, String groupId, String topic,
                         Deserializer<Alert> alerts, List<WebhookDispatcher> webhooks, Consumer<Alert> onAlert,
                         DeadLetterSink deadLetters) {
        this(new KafkaConsumer<>(consumerProperties(clientProperties, groupId), new ByteArrayDeserializer(),
                new ByteArrayDeserializer()), topic, alerts, webhooks, onAlert, deadLetters);
    }

    AlertDelivery(org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer, String topic,
                  Deserializer<Alert> alerts, List<WebhookDispatcher> webhooks, Consumer<Alert> onAlert,
                  DeadLetterSink deadLetters) {
        this.consumer = consumer;
        this.owner = new ConsumerOwner(this.consumer);
        this.topic = topic;
        this.alerts = alerts;
        this.webhooks = List.copyOf(webhooks);
        this.onAlert = onAlert;
        this.deadLetters = deadLetters;
    }

    private static Properties consumerProperties(Map<String, String> clientProperties, String groupId) {
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // Enrich writes in transactions; an aborted alert must never reach a receiver.
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return p;
    }

    @Override
    public void run() {
        if (!owner.claimForLoop()) {
            return; // closed before it ran
        }
        try {
            consumer.subscribe(List.of(topic), new PauseWhileBatchOut());
            while (running) {
                deliverBatch(consumer.poll(POLL));
            }
        } catch (WakeupException e) {
            if (running) {
                fail(e);
            }
        } catch (RuntimeException e) {
            fail(e);
        } finally {
            consumer.close();
        }
    }

    private void deliverBatch(ConsumerRecords<byte[], byte[]> records) {
        if (records.isEmpty()) {
            return;
        }
        List<CompletableFuture<DeliveryOutcome>> pending = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            offsets.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
            Alert alert = read(record);
            if (alert != null) {
                onAlert.accept(alert);
                webhooks.forEach(w -> pending.add(w.submit(alert)));
            }
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new));
        batchOut = true;
        consumer.pause(consumer.assignment());
        try {
            while (!all.isDone() && running) {
                if (!consumer.poll(POLL).isEmpty()) {
                    throw new IllegalStateException("Records arrived while every partition was paused");
                }
            }
        } finally {
            batchOut = false;
        }
        if (!all.isDone()) {
            return; // closing: nothing of this batch is committed, so it is delivered again after a restart
        }
        try {
            all.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("An alert was neither delivered nor dead-lettered: " + e.getCause(), e);
        }
        consumer.resume(consumer.paused());
        deadLetters.flush();
        commit(offsets);
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        Set<TopicPartition> owned = consumer.assignment();
        Map<TopicPartition, OffsetAndMetadata> ours = new HashMap<>(offsets);
        ours.keySet().retainAll(owned);
        try {
            consumer.commitSync(ours);
        } catch (CommitFailedException e) {
            // The group moved on while the batch was out; the partitions' new owner sends those alerts again.
            log.warn("Alert offsets not committed, the alerts will be sent again: {}", e.getMessage());
        }
    }

    private Alert read(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            // The deserializer reads a tombstone as null, which would pass here as "nothing to deliver" unseen.
            log.warn("Dead letter from {}-{}@{}: a tombstone", record.topic(), record.partition(), record.offset());
            deadLetters.send(DeadLetters.tombstone("sink-webhook", record.topic(), record.partition(), record.offset(),
                    record.key(), record.timestamp()));
            return null;
        }
        try {
            return alerts.deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            log.warn("Dead letter from {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
            deadLetters.send(DeadLetters.unreadableRecord("sink-webhook", e, record.topic(), record.partition(),
                    record.offset(), record.key(), record.value(), record.timestamp()));
            return null;
        }
    }

    private void fail(Throwable e) {
        log.error("Alert delivery stopped: {}", e.getMessage(), e);
        failure.compareAndSet(null, e);
    }

    /** Why delivery stopped on its own, if it did. */
    public Throwable failure() {
        return failure.get();
    }

    /** Stops after the current poll; a batch still out is not committed. The dispatchers are the caller's to close. */
    @Override
    public void close() {
        running = false;
        owner.closeOrWake();
    }

    /** Partitions assigned while a batch is out stay paused with the rest until it is done. */
    private final class PauseWhileBatchOut implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (batchOut) {
                consumer.pause(new HashSet<>(partitions));
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // Nothing to hand over: offsets are committed per batch, and an uncommitted batch is sent again.
        }
    }
}
