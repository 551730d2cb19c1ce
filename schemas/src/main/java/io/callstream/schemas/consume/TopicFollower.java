package io.callstream.schemas.consume;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one loop of every reader that follows whole topics as a bystander (the dashboard, the monitor, the demo's
 * printers): it joins no group and commits nothing, assigns itself every partition of its topics, reads committed
 * records only (the pipeline writes in transactions; an aborted record never happened) and hands each record on, in
 * offset order per partition, on the thread that runs it.
 *
 * <p>The partitions are looked up when the loop starts, or before on the caller's thread ({@link #findPartitions}),
 * so that what is written after that is read even if the loop starts later. A topic not there yet (the pipeline creates its topics; looking one up must not
 * create it with the broker's defaults) and partitions added later are found by looking again, often while something
 * is missing and rarely after. A partition is read from its beginning or from its end at the moment it is found
 * ({@link Start}). A failure stops the loop and is kept ({@link #failure}); {@link #close} stops it from any thread.
 * Readers that commit (the sink, alert delivery) or stop at the end (a capture) have loops of their own.
 */
public final class TopicFollower implements Runnable, AutoCloseable {

    /** Where a partition is read from when it is found. */
    public enum Start {
        /** Its whole history. */
        BEGINNING,
        /**
         * What is written from then on: for a topic or partition found later (looked for every second while one is
         * missing), what is written to it from when it was found.
         */
        END
    }

    /** Takes each record read; a record's value is null for a tombstone. Runs on the follower's thread. */
    @FunctionalInterface
    public interface Records {
        void accept(ConsumerRecord<String, byte[]> record);
    }

    private static final Logger log = LoggerFactory.getLogger(TopicFollower.class);
    private static final Duration POLL = Duration.ofMillis(100);
    /** How often the topics' partitions are looked up again: often while some topic is missing, rarely after. */
    private static final Duration LOOKUP_WHILE_INCOMPLETE = Duration.ofSeconds(1);
    private static final Duration LOOKUP = Duration.ofSeconds(30);

    private final String name;
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<String> topics;
    private final Start start;
    private final Records records;
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    /** Where each partition ended when it was found: reading up to every one of them is having caught up. */
    private final Map<TopicPartition, Long> startingEnds = new ConcurrentHashMap<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    /** Whichever comes first of {@link #run} and {@link #close} closes the consumer. */
    private final ConsumerOwner owner;
    private volatile boolean everyTopicFound;
    private long nextLookup;

    /**
     * @param clientProperties Kafka client settings ({@code bootstrap.servers} at least; a group id is ignored)
     * @param name             what the follower is, for its client id (where none is set) and its log lines
     */
    public TopicFollower(Map<String, String> clientProperties, String name, Collection<String> topics, Start start,
                         Records records) {
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        // Where a position falls out of the log (retention moved its start), the same end as a new partition's.
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, start == Start.BEGINNING ? "earliest" : "latest");
        p.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "callstream-" + name);
        this.name = name;
        this.topics = List.copyOf(topics);
        this.start = start;
        this.records = records;
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        this.owner = new ConsumerOwner(this.consumer);
        this.nextLookup = System.nanoTime();
    }

    /**
     * Looks the partitions up now, on the caller's thread, so that the start positions are fixed before the loop runs,
     * and returns the topics that are not there. Only before {@link #run}, which looks again itself. A broker that
     * does not answer throws (Kafka's {@code TimeoutException}), and the follower is then closed.
     */
    public List<String> findPartitions() {
        try {
            return assignEveryPartition(false);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public void run() {
        if (!owner.claimForLoop()) {
            return; // closed before it ran
        }
        try {
            while (closed.getCount() > 0) {
                if (System.nanoTime() - nextLookup >= 0) {
                    assignEveryPartition(true);
                }
                if (consumer.assignment().isEmpty()) {
                    closed.await(POLL.toMillis(), TimeUnit.MILLISECONDS);
                    continue;
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    records.accept(record);
                }
                // Only after the records before them were handed on: a caller that sees these positions sees them.
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

    /** Assigns what is new and returns the topics not found; {@code waitOnTimeouts}: a broker not reachable is asked again. */
    private List<String> assignEveryPartition(boolean waitOnTimeouts) {
        Set<TopicPartition> found = new HashSet<>();
        List<String> missing = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> partitions;
            try {
                partitions = consumer.partitionsFor(topic);
            } catch (TimeoutException e) {
                if (!waitOnTimeouts) {
                    throw e;
                }
                // The broker is not reachable (yet): the reader keeps what it has and asks again.
                log.warn("{}: cannot look up {} ({}); trying again", name, topic, e.getMessage());
                missing.add(topic);
                continue;
            }
            if (partitions == null || partitions.isEmpty()) {
                missing.add(topic);
                continue;
            }
            partitions.forEach(p -> found.add(new TopicPartition(p.topic(), p.partition())));
        }
        boolean complete = missing.isEmpty();
        nextLookup = System.nanoTime() + (complete ? LOOKUP : LOOKUP_WHILE_INCOMPLETE).toNanos();
        Set<TopicPartition> added = new HashSet<>(found);
        added.removeAll(consumer.assignment());
        if (added.isEmpty()) {
            everyTopicFound = complete;
            return missing;
        }
        found.addAll(consumer.assignment());
        // assign() keeps the position of every partition it already had; only the new ones are sought.
        consumer.assign(found);
        Map<TopicPartition, Long> ends = consumer.endOffsets(added);
        startingEnds.putAll(ends);
        if (start == Start.BEGINNING) {
            consumer.seekToBeginning(added);
        } else {
            ends.forEach(consumer::seek);
        }
        // Said only now: a caller that sees every topic found may write to it, and the new partitions' start is set.
        everyTopicFound = complete;
        log.info("{}: reading {} more partitions from the {} ({} in all)", name, added.size(),
                start == Start.BEGINNING ? "beginning" : "end", found.size());
        return missing;
    }

    private void fail(Throwable e) {
        log.error("{} stopped: {}", name, e.getMessage(), e);
        failure.compareAndSet(null, e);
    }

    /** The next offset to read per assigned partition, as of the last poll: every record before it was handed on. */
    public Map<TopicPartition, Long> positions() {
        return Map.copyOf(positions);
    }

    /** Where a partition ended when it was found; null for one not found. Read per record: no copy. */
    public Long startingEnd(TopicPartition partition) {
        return startingEnds.get(partition);
    }

    /** Whether every topic was there at the last look. */
    public boolean everyTopicFound() {
        return everyTopicFound;
    }

    /**
     * Whether every topic is found and every partition read at least up to where it ended when it was found: what
     * was there before the follower started has all been handed on.
     */
    public boolean caughtUp() {
        if (!everyTopicFound || startingEnds.isEmpty()) {
            return false;
        }
        return startingEnds.entrySet().stream().allMatch(e -> positions.getOrDefault(e.getKey(), -1L) >= e.getValue());
    }

    /**
     * {@link #caughtUp()} over some of the topics: each of {@code topics} found, and each of their partitions read at
     * least up to where it ended when it was found (a partition empty then has nothing to catch up, even before the
     * first poll). A reader of some of the topics starts timing what is live here, whatever the others' backlog or a
     * topic of theirs not there yet.
     */
    public boolean caughtUp(Collection<String> topics) {
        Set<String> found = new HashSet<>();
        for (Map.Entry<TopicPartition, Long> e : startingEnds.entrySet()) {
            if (topics.contains(e.getKey().topic())) {
                if (e.getValue() > 0 && positions.getOrDefault(e.getKey(), -1L) < e.getValue()) {
                    return false;
                }
                found.add(e.getKey().topic());
            }
        }
        return found.containsAll(topics);
    }

    /** Why the loop stopped on its own, if it did. */
    public Throwable failure() {
        return failure.get();
    }

    @Override
    public void close() {
        closed.countDown();
        owner.closeOrWake();
    }
}
