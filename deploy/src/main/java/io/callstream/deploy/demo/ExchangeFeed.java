package io.callstream.deploy.demo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import io.callstream.avro.QaExchange;
import io.callstream.avro.Status;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows the question-answer exchanges topic from its beginning while a run goes on, and tells its listener of each
 * exchange once, when its first FINAL version arrives; a later FINAL version of the same exchange is a correction.
 * PARTIAL versions are not told: an exchange is news once it is complete. Only committed records are read, since
 * enrich writes in transactions and an aborted exchange never happened.
 */
final class ExchangeFeed implements Runnable, AutoCloseable {

    /** Hears of exchanges as they complete; called on the feed's thread. */
    interface Listener {

        /** Tells nothing, for a run that prints nothing. */
        Listener NONE = new Listener() {
            @Override
            public void completed(QaExchange exchange) {
            }

            @Override
            public void corrected(QaExchange exchange) {
            }
        };

        /** The first FINAL version of an exchange. */
        void completed(QaExchange exchange);

        /** A FINAL version of an exchange already completed, with a higher version than any before it. */
        void corrected(QaExchange exchange);
    }

    private final KafkaConsumer<String, QaExchange> consumer;
    private final String topic;
    private final Listener listener;
    /** The highest FINAL version seen of each exchange, by exchangeId. */
    private final Map<String, Integer> finalVersions = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean running = true;

    ExchangeFeed(Map<String, String> clientProperties, String topic, Deserializer<QaExchange> values, Listener listener) {
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), values);
        this.topic = topic;
        this.listener = listener;
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
                for (ConsumerRecord<String, QaExchange> record : consumer.poll(Duration.ofMillis(100))) {
                    onExchange(record.value());
                }
                // Only after the records before them were told: a caller that sees these positions sees them told.
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

    private void onExchange(QaExchange exchange) {
        if (exchange == null || exchange.getStatus() != Status.FINAL) {
            return;
        }
        Integer seen = finalVersions.get(exchange.getExchangeId());
        if (seen == null) {
            finalVersions.put(exchange.getExchangeId(), exchange.getVersion());
            listener.completed(exchange);
        } else if (exchange.getVersion() > seen) {
            finalVersions.put(exchange.getExchangeId(), exchange.getVersion());
            listener.corrected(exchange);
        }
    }

    /** Distinct exchanges completed so far. */
    long completed() {
        return finalVersions.size();
    }

    /** Next offset to read per partition, as of the last poll; lets a caller see that the feed has caught up. */
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
