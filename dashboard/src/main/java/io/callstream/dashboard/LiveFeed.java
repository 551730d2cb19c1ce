package io.callstream.dashboard;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.callstream.schemas.topics.CallTopics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the pipeline's output (call-events, call-turns-enriched, call-qa, call-alerts) from the beginning into
 * {@link LiveCalls}, then follows it live.
 *
 * <p>No consumer group: every dashboard holds the whole picture in memory and rebuilds it from the topics when it
 * starts, so it assigns itself every partition and commits nothing; partitions that appear later (a topic created
 * after the dashboard started, partitions added) are picked up by re-reading the topics' metadata now and then.
 * {@code read_committed}, since enrich writes in transactions and aborted output must never show. A record that
 * cannot be read is logged and counted, and the feed goes on: a dashboard shows what it can (the store sink is where
 * such records become dead letters).
 */
public final class LiveFeed implements Runnable, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);
    private static final Duration POLL = Duration.ofMillis(100);
    /** How often the topics' partitions are looked up again: often while some topic is missing, rarely after. */
    private static final Duration LOOKUP_WHILE_INCOMPLETE = Duration.ofSeconds(1);
    private static final Duration LOOKUP = Duration.ofSeconds(30);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, Deserializer<? extends SpecificRecord>> readers;
    private final LiveCalls calls;
    private final Consumer<SpecificRecord> listener;
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    /** Where each partition ended when it was first assigned: reaching every one of them is having caught up. */
    private final Map<TopicPartition, Long> startingEnds = new ConcurrentHashMap<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicLong unreadable = new AtomicLong();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean everyTopicFound;
    private long nextLookup;

    /**
     * @param clientProperties Kafka client settings ({@code bootstrap.servers} at least)
     * @param listener         hears every record folded in, on the feed's thread (metrics); {@code r -> {}} for none
     */
    public LiveFeed(Map<String, String> clientProperties, CallTopics topics, LiveCalls calls,
                    Consumer<SpecificRecord> listener) {
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Looking a missing topic up must not create it (with the broker's defaults) before the pipeline does.
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.readers = Map.of(
                topics.names().callEvents(), topics.callEvents().valueSerde().deserializer(),
                topics.names().enrichedTurns(), topics.enrichedTurns().valueSerde().deserializer(),
                topics.names().qa(), topics.qa().valueSerde().deserializer(),
                topics.names().alerts(), topics.alerts().valueSerde().deserializer());
        this.calls = calls;
        this.listener = listener;
        this.nextLookup = System.nanoTime();
    }

    @Override
    public void run() {
        try {
            while (closed.getCount() > 0) {
                if (System.nanoTime() - nextLookup >= 0) {
                    assignEveryPartition();
                }
                if (consumer.assignment().isEmpty()) {
                    closed.await(POLL.toMillis(), TimeUnit.MILLISECONDS);
                    continue;
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    fold(record);
                }
                for (TopicPartition tp : consumer.assignment()) {
                    positions.put(tp, consumer.position(tp));
                }
            }
        } catch (WakeupException e) {
            if (closed.getCount() > 0) {
                fail(e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            fail(e);
        } finally {
            consumer.close();
        }
    }

    private void assignEveryPartition() {
        Set<TopicPartition> found = new HashSet<>();
        boolean complete = true;
        for (String topic : readers.keySet()) {
            List<PartitionInfo> partitions;
            try {
                partitions = consumer.partitionsFor(topic);
            } catch (TimeoutException e) {
                // The broker is not reachable (yet): the dashboard keeps serving what it holds and asks again.
                log.warn("Cannot look up {} ({}); trying again", topic, e.getMessage());
                complete = false;
                continue;
            }
            if (partitions == null || partitions.isEmpty()) {
                complete = false;
                continue;
            }
            partitions.forEach(p -> found.add(new TopicPartition(p.topic(), p.partition())));
        }
        everyTopicFound = complete;
        nextLookup = System.nanoTime() + (complete ? LOOKUP : LOOKUP_WHILE_INCOMPLETE).toNanos();
        Set<TopicPartition> added = new HashSet<>(found);
        added.removeAll(consumer.assignment());
        if (added.isEmpty()) {
            return;
        }
        found.addAll(consumer.assignment());
        // assign() keeps the position of every partition it already had; only the new ones start from the beginning.
        consumer.assign(found);
        consumer.seekToBeginning(added);
        startingEnds.putAll(consumer.endOffsets(added));
        log.info("Reading {} more partitions from the beginning ({} in all)", added.size(), found.size());
    }

    private void fold(ConsumerRecord<byte[], byte[]> record) {
        SpecificRecord value;
        try {
            value = readers.get(record.topic()).deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            skip(record, e.getMessage());
            return;
        }
        if (value == null) {
            skip(record, "no value (a tombstone)");
            return;
        }
        calls.apply(value);
        listener.accept(value);
    }

    private void skip(ConsumerRecord<byte[], byte[]> record, String reason) {
        unreadable.incrementAndGet();
        log.warn("Skipping unreadable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                reason);
    }

    private void fail(Throwable e) {
        log.error("The live feed stopped: {}", e.getMessage(), e);
        failure.compareAndSet(null, e);
    }

    /** The next offset to read per assigned partition: everything before it is in {@link LiveCalls}. */
    public Map<TopicPartition, Long> positions() {
        return Map.copyOf(positions);
    }

    /**
     * Whether the feed has read, on every partition of every one of its topics, at least up to where the partition
     * ended when the feed first saw it: what was there before the dashboard started is all shown.
     */
    public boolean caughtUp() {
        if (!everyTopicFound || startingEnds.isEmpty()) {
            return false;
        }
        return startingEnds.entrySet().stream().allMatch(e -> positions.getOrDefault(e.getKey(), -1L) >= e.getValue());
    }

    /** Records skipped because they could not be read. */
    public long unreadable() {
        return unreadable.get();
    }

    /** Why the feed stopped on its own, if it did. */
    public Throwable failure() {
        return failure.get();
    }

    /** Readiness for {@link DashboardHooks}: up once caught up, down while catching up or after a failure. */
    public Health readiness() {
        Throwable f = failure();
        if (f != null) {
            return Health.down(Map.of("feed", "stopped: " + f.getMessage()));
        }
        if (!caughtUp()) {
            return Health.down(Map.of("feed", everyTopicFound ? "catching up" : "waiting for the pipeline's topics"));
        }
        return Health.up(Map.of("feed", "caught up", "unreadable", String.valueOf(unreadable())));
    }

    @Override
    public void close() {
        closed.countDown();
        consumer.wakeup();
    }
}
