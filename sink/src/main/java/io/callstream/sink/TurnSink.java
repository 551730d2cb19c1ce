package io.callstream.sink;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.callstream.avro.SpeakerTurn;
import io.callstream.schemas.errors.DeadLetters;
import io.callstream.sink.jdbc.TurnStore;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
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
    private final DeadLetterSink deadLetters;
    private final Consumer<SpeakerTurn> onStored;
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean running = true;

    public TurnSink(Map<String, String> clientProperties, String groupId, String topic, Deserializer<SpeakerTurn> turns,
                    TurnStore store, DeadLetterSink deadLetters, Consumer<SpeakerTurn> onStored) {
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // Where to start is the store's business (ResumeFromStore); an offset the log no longer holds must stop
        // the sink loudly rather than skip rows.
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
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
        try {
            consumer.subscribe(List.of(topic), new ResumeFromStore());
            while (running) {
                writeBatch(consumer.poll(Duration.ofMillis(100)));
            }
        } catch (WakeupException e) {
            if (running) {
                fail(e);
            }
        } catch (RuntimeException | SQLException e) {
            // Pausing and retrying while the store is down comes with the sinks issue; until then, fail loudly.
            fail(e);
        } finally {
            consumer.close();
        }
    }

    private void writeBatch(ConsumerRecords<byte[], byte[]> records) throws SQLException {
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
            deadLetters.flush();
            store.write(batch, consumerName, next);
            batch.forEach(onStored);
        }
        positions.putAll(next);
    }

    private SpeakerTurn read(ConsumerRecord<byte[], byte[]> record) {
        try {
            return turns.deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            log.warn("Dead letter from {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
            deadLetters.send(DeadLetters.unreadableRecord("sink", e, record.topic(), record.partition(), record.offset(),
                    record.key(), record.value(), record.timestamp()));
            return null;
        }
    }

    private void fail(Throwable e) {
        log.error("The turn sink stopped: {}", e.getMessage(), e);
        failure.compareAndSet(null, e);
    }

    /** Next offset to read per partition, as of the last poll; lets a caller see that the sink has caught up. */
    public Map<TopicPartition, Long> positions() {
        return Map.copyOf(positions);
    }

    /** Why the sink stopped on its own, if it did. */
    public Throwable failure() {
        return failure.get();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }

    private final class ResumeFromStore implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            Map<TopicPartition, Long> stored;
            try {
                stored = store.offsets(consumerName);
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot read the sink's offsets from the store: " + e.getMessage(), e);
            }
            for (TopicPartition tp : partitions) {
                Long offset = stored.get(tp);
                if (offset != null) {
                    consumer.seek(tp, offset);
                } else {
                    consumer.seekToBeginning(List.of(tp));
                }
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            partitions.forEach(positions::remove);
        }
    }
}
