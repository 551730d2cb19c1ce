package io.callstream.deploy.demo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows one topic from its beginning while a run goes on, on its own thread, handing each record's value to a
 * consumer in order. Only committed records are read, since enrich writes in transactions and an aborted record
 * never happened. {@link #positions()} lets the run wait until the feed has caught up with the topic's end.
 */
final class TopicFeed<V> implements Runnable, AutoCloseable {

    private final KafkaConsumer<String, V> consumer;
    private final String topic;
    private final Consumer<V> values;
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean running = true;

    TopicFeed(Map<String, String> clientProperties, String topic, Deserializer<V> deserializer, Consumer<V> values) {
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), deserializer);
        this.topic = topic;
        this.values = values;
    }

    @Override
    public void run() {
        try {
            // Assigned, not subscribed: the feed reads everything once and remembers nothing between runs.
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running) {
                for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(100))) {
                    if (record.value() != null) {
                        values.accept(record.value());
                    }
                }
                // Only after the records before them were handed on: a caller that sees these positions sees them.
                partitions.forEach(tp -> positions.put(tp, consumer.position(tp)));
            }
        } catch (WakeupException e) {
            if (running) {
                failure.compareAndSet(null, e);
            }
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        } finally {
            consumer.close();
        }
    }

    /** Next offset to read per partition, as of the last poll. */
    Map<TopicPartition, Long> positions() {
        return Map.copyOf(positions);
    }

    /** Why the feed stopped on its own, if it did. */
    Throwable failure() {
        return failure.get();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }
}
