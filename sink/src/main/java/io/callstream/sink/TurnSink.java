package io.callstream.sink;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.callstream.avro.DeadLetter;
import io.callstream.avro.SpeakerTurn;
import io.callstream.sink.jdbc.TurnStore;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads turns from Kafka and writes them to the JDBC store, exactly once: rows and offsets commit together, and on
 * (re)assignment the consumer seeks to the offsets the database holds. Records that cannot be read become dead
 * letters and the sink goes on.
 */
public final class TurnSink implements Runnable, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TurnSink.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final TurnStore store;
    private final String topic;
    private final String consumerName;
    private final Deserializer<SpeakerTurn> turns;
    private final Consumer<DeadLetter> deadLetters;
    private final Consumer<SpeakerTurn> onStored;
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    public TurnSink(String bootstrapServers, String groupId, String topic, Deserializer<SpeakerTurn> turns,
                    TurnStore store, Consumer<DeadLetter> deadLetters, Consumer<SpeakerTurn> onStored) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Enrich writes in transactions; aborted output must never reach the store.
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.store = store;
        this.topic = topic;
        this.consumerName = groupId;
        this.turns = turns;
        this.deadLetters = deadLetters;
        this.onStored = onStored;
    }

    @Override
    public void run() {
        consumer.subscribe(List.of(topic), new ResumeFromStore());
        try {
            while (running) {
                var records = consumer.poll(Duration.ofMillis(100));
                List<SpeakerTurn> batch = new ArrayList<>(records.count());
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    SpeakerTurn turn = read(record);
                    if (turn != null) {
                        batch.add(turn);
                    }
                }
                Map<TopicPartition, Long> next = new HashMap<>();
                for (TopicPartition tp : consumer.assignment()) {
                    next.put(tp, consumer.position(tp));
                }
                if (!records.isEmpty()) {
                    store.write(batch, consumerName, next);
                    batch.forEach(onStored);
                }
                positions.putAll(next);
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (java.sql.SQLException e) {
            // Issue 6 turns this into pause-and-retry; until then a store failure stops the sink loudly.
            throw new IllegalStateException("The store refused a batch: " + e.getMessage(), e);
        } finally {
            consumer.close();
        }
    }

    private SpeakerTurn read(ConsumerRecord<byte[], byte[]> record) {
        try {
            return turns.deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            log.warn("Dead letter from {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
            deadLetters.accept(DeadLetter.newBuilder()
                    .setCallId(record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8))
                    .setStage("sink")
                    .setReason("Cannot read record: " + e.getMessage())
                    .setErrorClass(e.getClass().getName())
                    .setSourceTopic(record.topic())
                    .setSourcePartition(record.partition())
                    .setSourceOffset(record.offset())
                    .setPayload(record.value() == null ? null : ByteBuffer.wrap(record.value()))
                    .setObservedAt(java.time.Instant.ofEpochMilli(record.timestamp()))
                    .build());
            return null;
        }
    }

    /** Next offset to read per partition, as of the last poll; lets a caller see that the sink has caught up. */
    public Map<TopicPartition, Long> positions() {
        return Map.copyOf(positions);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }

    private final class ResumeFromStore implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            try {
                Map<TopicPartition, Long> stored = store.offsets(consumerName);
                for (TopicPartition tp : partitions) {
                    Long offset = stored.get(tp);
                    if (offset != null) {
                        consumer.seek(tp, offset);
                    } else {
                        consumer.seekToBeginning(List.of(tp));
                    }
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("Cannot read the sink's offsets from the store: " + e.getMessage(), e);
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            partitions.forEach(positions::remove);
        }
    }
}
