package io.callstream.sink;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.callstream.avro.DeadLetter;
import io.callstream.schemas.consume.ConsumerOwner;
import io.callstream.schemas.errors.DeadLetters;
import io.callstream.schemas.topics.CallTopics;
import io.callstream.sink.jdbc.CallStore;
import io.callstream.sink.jdbc.StoreErrors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the pipeline's output topics and writes them to the {@link CallStore}, exactly once: each poll is one batch,
 * written with the offsets after it in one transaction, and the consumer always starts from the offsets the store
 * holds (never Kafka's committed offsets, which it does not use).
 *
 * <p>While the store is down the sink keeps the batch in hand, pauses every partition (still polling, so it stays
 * in its group), reports itself unhealthy and retries with a doubling back-off; a rebalance meanwhile drops the
 * batch, and every partition is positioned again from the store once it answers. A record that cannot be read, or
 * that the store refuses, becomes a dead letter with the reason, durable before the offsets past it commit.
 */
public final class StoreSink implements Runnable, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StoreSink.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final String STAGE = "sink";

    /**
     * @param groupId    the consumer group, and the name the store keeps this sink's offsets under
     * @param readers    the topics to read, each with the deserializer of its values
     * @param batchSize  the most records per poll, so per transaction
     * @param firstRetry the wait after the first failed write; doubled after each failure up to {@code lastRetry}
     */
    public record Settings(String groupId, Map<String, Deserializer<? extends SpecificRecord>> readers, int batchSize,
                           Duration firstRetry, Duration lastRetry) {
        public Settings {
            readers = Map.copyOf(readers);
            if (batchSize < 1) {
                throw new IllegalArgumentException("The batch size must be at least 1, not " + batchSize);
            }
        }

        public static Settings of(String groupId, Map<String, Deserializer<? extends SpecificRecord>> readers) {
            return new Settings(groupId, readers, 500, Duration.ofMillis(200), Duration.ofSeconds(30));
        }

        /**
         * The pipeline's output: call-events (for the calls' start and end), call-turns-enriched (turns with their
         * topics and numbers), call-qa and call-alerts.
         */
        public static Settings forPipeline(String groupId, CallTopics topics) {
            return of(groupId, CallTopics.valueReaders(topics.callEvents(), topics.enrichedTurns(), topics.qa(),
                    topics.alerts()));
        }

        public Settings withBatchSize(int size) {
            return new Settings(groupId, readers, size, firstRetry, lastRetry);
        }

        public Settings withRetries(Duration first, Duration last) {
            return new Settings(groupId, readers, batchSize, first, last);
        }
    }

    /** Hears what the sink stored and how it is doing; called on the sink's thread. */
    public interface Listener {
        Listener NONE = new Listener() { };

        /** The records of a batch just committed (refused ones left out). */
        default void stored(List<SpecificRecord> records) {
        }

        /**
         * Each dead letter of a batch just committed. Once per record: a batch written again after an outage sends
         * its dead letters again (at least once), but commits, and so tells this, once.
         */
        default void deadLettered(DeadLetter letter) {
        }

        default void healthChanged(SinkHealth health) {
        }
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    /** Whichever comes first of {@link #run} and {@link #close} closes the consumer. */
    private final ConsumerOwner owner;
    private final CallStore store;
    private final Settings settings;
    private final DeadLetterSink deadLetters;
    private final Listener listener;
    private final BatchStage.Listener stages;
    private final Map<TopicPartition, Long> written = new ConcurrentHashMap<>();
    /** Assigned partitions not yet positioned at the store's offsets: paused until they are. */
    private final Set<TopicPartition> unpositioned = new HashSet<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile SinkHealth health = SinkHealth.of(SinkHealth.State.STARTING, "");
    private Batch inHand;
    private long batches;
    private Duration retry;

    public StoreSink(Map<String, String> clientProperties, Settings settings, CallStore store,
                     DeadLetterSink deadLetters, Listener listener, BatchStage.Listener stages) {
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // Where to start is the store's business; an offset the log no longer holds must stop the sink loudly
        // rather than skip rows.
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        // Enrich writes in transactions; aborted output must never reach the store.
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(settings.batchSize()));
        this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.owner = new ConsumerOwner(this.consumer);
        this.store = store;
        this.settings = settings;
        this.deadLetters = deadLetters;
        this.listener = listener;
        this.stages = stages;
        this.retry = settings.firstRetry();
    }

    @Override
    public void run() {
        if (!owner.claimForLoop()) {
            return; // closed before it ran
        }
        try {
            consumer.subscribe(List.copyOf(settings.readers().keySet()), new Rebalance());
            while (closed.getCount() > 0) {
                step();
            }
        } catch (WakeupException e) {
            if (closed.getCount() > 0) {
                fail(e);
            }
        } catch (RuntimeException e) {
            fail(e);
        } finally {
            consumer.close();
            if (failure.get() == null) {
                setHealth(SinkHealth.State.STOPPED, "closed");
            }
        }
    }

    private void step() {
        if (inHand == null && !unpositioned.isEmpty() && !positionFromStore()) {
            keepMembership();
            return;
        }
        if (inHand == null) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
            Map<TopicPartition, Long> next = nextOffsets();
            if (records.isEmpty() && next.equals(written)) {
                return;
            }
            inHand = decode(records, next);
            stages.reached(BatchStage.POLLED, ++batches);
        } else {
            keepMembership();
            if (inHand == null) {
                return; // a rebalance dropped it
            }
        }
        if (write(inHand)) {
            inHand = null;
            consumer.resume(consumer.paused().stream().filter(tp -> !unpositioned.contains(tp)).toList());
        }
    }

    /** While waiting for the store: every partition paused, and a poll that keeps this consumer in its group. */
    private void keepMembership() {
        consumer.pause(consumer.assignment());
        if (!consumer.poll(Duration.ZERO).isEmpty()) {
            throw new IllegalStateException("Records arrived while every partition was paused");
        }
    }

    /** Seeks every unpositioned partition to the store's offset (or the log's start); false if the store is down. */
    private boolean positionFromStore() {
        Map<TopicPartition, Long> stored;
        try {
            stored = store.offsets(settings.groupId());
        } catch (SQLException e) {
            waitForStore(e);
            return false;
        }
        for (TopicPartition tp : unpositioned) {
            Long offset = stored.get(tp);
            if (offset != null) {
                consumer.seek(tp, offset);
                written.put(tp, offset);
            } else {
                consumer.seekToBeginning(List.of(tp));
            }
        }
        consumer.resume(unpositioned);
        unpositioned.clear();
        markRunning();
        return true;
    }

    private Map<TopicPartition, Long> nextOffsets() {
        Map<TopicPartition, Long> next = new HashMap<>();
        for (TopicPartition tp : consumer.assignment()) {
            if (!unpositioned.contains(tp)) {
                next.put(tp, consumer.position(tp));
            }
        }
        return next;
    }

    private Batch decode(ConsumerRecords<byte[], byte[]> records, Map<TopicPartition, Long> next) {
        List<SpecificRecord> values = new ArrayList<>(records.count());
        List<ConsumerRecord<byte[], byte[]>> origins = new ArrayList<>(records.count());
        List<DeadLetter> unreadable = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (record.value() == null) {
                log.warn("Dead letter from {}-{}@{}: a tombstone", record.topic(), record.partition(), record.offset());
                unreadable.add(DeadLetters.tombstone(STAGE, record.topic(), record.partition(), record.offset(),
                        record.key(), record.timestamp()));
                continue;
            }
            try {
                SpecificRecord value = settings.readers().get(record.topic()).deserialize(record.topic(), record.value());
                values.add(value);
                origins.add(record);
            } catch (RuntimeException e) {
                log.warn("Dead letter from {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                        e.getMessage());
                unreadable.add(DeadLetters.unreadableRecord(STAGE, e, record.topic(), record.partition(),
                        record.offset(), record.key(), record.value(), record.timestamp()));
            }
        }
        return new Batch(values, origins, unreadable, next);
    }

    /** Writes the batch; false (and waits) when the store or the dead-letter topic is unavailable. */
    private boolean write(Batch batch) {
        long number = batches;
        List<CallStore.Refusal> refused;
        List<DeadLetter> sent = new ArrayList<>();
        try {
            refused = store.write(batch.values(), settings.groupId(), batch.next(), refusals -> {
                sent.addAll(batch.unreadable());
                for (CallStore.Refusal r : refusals) {
                    ConsumerRecord<byte[], byte[]> origin = batch.origins().get(r.index());
                    log.warn("The store refused {}-{}@{}: {}", origin.topic(), origin.partition(), origin.offset(),
                            r.reason());
                    sent.add(DeadLetters.refusedRecord(STAGE, "The store refused the record: " + r.reason(),
                            r.cause(), origin.topic(), origin.partition(), origin.offset(), origin.key(),
                            origin.value(), origin.timestamp()));
                }
                sent.forEach(deadLetters::send);
                deadLetters.flush();
                stages.reached(BatchStage.BEFORE_COMMIT, number);
            });
        } catch (SQLException | KafkaException | DeadLetterSink.NotDurable e) {
            waitForStore(e);
            return false;
        }
        stages.reached(BatchStage.COMMITTED, number);
        written.putAll(batch.next());
        markRunning();
        listener.stored(storedOf(batch, refused));
        sent.forEach(listener::deadLettered);
        return true;
    }

    private void markRunning() {
        retry = settings.firstRetry();
        if (health.state() == SinkHealth.State.WAITING_FOR_STORE) {
            log.info("The store is back; writing again");
        }
        setHealth(SinkHealth.State.RUNNING, "");
    }

    private static List<SpecificRecord> storedOf(Batch batch, List<CallStore.Refusal> refused) {
        if (refused.isEmpty()) {
            return batch.values();
        }
        Set<Integer> out = new HashSet<>();
        refused.forEach(r -> out.add(r.index()));
        List<SpecificRecord> kept = new ArrayList<>(batch.values().size());
        for (int i = 0; i < batch.values().size(); i++) {
            if (!out.contains(i)) {
                kept.add(batch.values().get(i));
            }
        }
        return kept;
    }

    private void waitForStore(Exception e) {
        String reason = e instanceof SQLException sql ? "the store is unavailable: " + StoreErrors.reason(sql)
                : "the dead-letter topic is unavailable: " + firstLine(e);
        if (health.state() != SinkHealth.State.WAITING_FOR_STORE) {
            log.warn("Pausing: {}; retrying every {} ms at first", reason, retry.toMillis());
        } else {
            log.debug("Still waiting: {}", reason);
        }
        setHealth(SinkHealth.State.WAITING_FOR_STORE, reason);
        consumer.pause(consumer.assignment());
        try {
            closed.await(retry.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            close();
        }
        Duration doubled = retry.multipliedBy(2);
        retry = doubled.compareTo(settings.lastRetry()) > 0 ? settings.lastRetry() : doubled;
    }

    private void setHealth(SinkHealth.State state, String detail) {
        SinkHealth was = health;
        if (was.state() == state && was.detail().equals(detail)) {
            return;
        }
        // A new reason within the same outage keeps the outage's start.
        health = state == was.state() ? new SinkHealth(state, detail, was.since()) : SinkHealth.of(state, detail);
        listener.healthChanged(health);
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    private void fail(Throwable e) {
        log.error("The store sink stopped: {}", e.getMessage(), e);
        failure.compareAndSet(null, e);
        setHealth(SinkHealth.State.STOPPED, firstLine(e));
    }

    /** Next offset per partition that the store holds everything before; lets a caller see the sink caught up. */
    public Map<TopicPartition, Long> positions() {
        return Map.copyOf(written);
    }

    public SinkHealth health() {
        return health;
    }

    /** Why the sink stopped on its own, if it did. */
    public Throwable failure() {
        return failure.get();
    }

    @Override
    public void close() {
        closed.countDown();
        if (owner.closeOrWake()) {
            setHealth(SinkHealth.State.STOPPED, "closed"); // it never ran
        }
    }

    /** One poll's records, decoded, with where each came from and the offsets after them. */
    private record Batch(List<SpecificRecord> values, List<ConsumerRecord<byte[], byte[]>> origins,
                         List<DeadLetter> unreadable, Map<TopicPartition, Long> next) {
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // Positioned from the store by the poll loop, which can wait for the store; not here, where it cannot.
            // Until then they are paused (nothing is fetched) at a stand-in position, since every assigned
            // partition needs one and the reset policy is none.
            unpositioned.addAll(partitions);
            consumer.pause(partitions);
            consumer.seekToBeginning(partitions);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        private void forget(Collection<TopicPartition> partitions) {
            partitions.forEach(written::remove);
            unpositioned.removeAll(partitions);
            if (inHand != null) {
                // Written or not, the batch may hold records of partitions now someone else's; the partitions kept
                // are read again from the store's offsets.
                inHand = null;
                unpositioned.addAll(consumer.assignment());
                unpositioned.removeAll(partitions);
                consumer.pause(unpositioned);
            }
        }
    }
}
