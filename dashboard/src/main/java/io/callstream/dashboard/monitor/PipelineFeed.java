package io.callstream.dashboard.monitor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import io.callstream.schemas.topics.CallTopics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what {@link PipelineMetrics} measures, on its own thread: call-events, call-turns-enriched, call-alerts
 * and call-dlq, committed records only (enrich writes in transactions; an aborted record never happened). One
 * consumer for all four, so a line and the turn it leads to are timed by the same reader.
 *
 * <p>Assigned, not subscribed, and it commits nothing: a monitor is a bystander, not a member of any group. The
 * partitions and start positions are fixed in the constructor, on the caller's thread, so whatever is written
 * after the constructor returns is read live even if the thread starts later. Records below those positions'
 * end at that moment ({@link Start#BEGINNING}) are counted untimed.
 */
public final class PipelineFeed implements Runnable, AutoCloseable {

    /** Where reading starts. */
    public enum Start {
        /** The whole history: the counters total the topics. For a run on fresh topics, such as the demo. */
        BEGINNING,
        /** What is written from now on: the counters count since this process started, as Prometheus expects. */
        END
    }

    private static final Logger log = LoggerFactory.getLogger(PipelineFeed.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Deserializer<? extends SpecificRecord>> readers;
    private final PipelineMetrics metrics;
    private final Map<TopicPartition, Long> backlogEnds;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean running = true;

    public PipelineFeed(Map<String, String> clientProperties, CallTopics topics, PipelineMetrics metrics, Start start) {
        this.readers = Map.of(
                topics.names().callEvents(), topics.callEvents().valueSerde().deserializer(),
                topics.names().enrichedTurns(), topics.enrichedTurns().valueSerde().deserializer(),
                topics.names().alerts(), topics.alerts().valueSerde().deserializer(),
                topics.names().deadLetters(), topics.deadLetters().valueSerde().deserializer());
        this.metrics = metrics;
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "callstream-monitor");
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : readers.keySet()) {
                var infos = consumer.partitionsFor(topic);
                if (infos == null || infos.isEmpty()) {
                    throw new IllegalStateException("Topic " + topic + " does not exist: create the pipeline's topics first");
                }
                infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            consumer.assign(partitions);
            this.backlogEnds = Map.copyOf(consumer.endOffsets(partitions));
            if (start == Start.BEGINNING) {
                consumer.seekToBeginning(partitions);
            } else {
                backlogEnds.forEach(consumer::seek);
            }
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    @Override
    public void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    SpecificRecord value = read(record);
                    if (value == null) {
                        continue;
                    }
                    Long backlogEnd = backlogEnds.get(new TopicPartition(record.topic(), record.partition()));
                    if (backlogEnd != null && record.offset() < backlogEnd) {
                        metrics.acceptUntimed(value);
                    } else {
                        metrics.accept(value);
                    }
                }
            }
        } catch (WakeupException e) {
            if (running) {
                failure.compareAndSet(null, e);
            }
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
            log.error("The monitor's feed stopped: the pipeline's meters no longer move", e);
        } finally {
            consumer.close();
        }
    }

    private SpecificRecord read(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return null;
        }
        try {
            return readers.get(record.topic()).deserialize(record.topic(), record.value());
        } catch (SerializationException e) {
            // Not the monitor's to refuse: enrich dead-letters what it cannot read, and callstream.dead.letters
            // counts it. Skipping keeps the meters moving; the warning says a count may be short (a registry
            // that cannot be reached fails the same way).
            log.warn("The monitor skips an unreadable record at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return null;
        }
    }

    /** Why the feed stopped on its own, if it did. */
    public Throwable failure() {
        return failure.get();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }
}
