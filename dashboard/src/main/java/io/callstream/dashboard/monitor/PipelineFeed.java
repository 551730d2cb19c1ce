package io.callstream.dashboard.monitor;

import java.util.List;
import java.util.Map;

import io.callstream.schemas.consume.TopicFollower;
import io.callstream.schemas.topics.CallTopics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what {@link PipelineMetrics} measures, on its own thread: call-events, call-turns-enriched, call-alerts
 * and call-dlq, committed records only (enrich writes in transactions; an aborted record never happened). One
 * consumer for all four, so a line and the turn it leads to are timed by the same reader.
 *
 * <p>A monitor is a bystander, not a member of any group ({@link TopicFollower}). The partitions and start positions
 * are fixed in the constructor, on the caller's thread, so whatever is written after the constructor returns is read
 * live even if the thread starts later. Records below the partitions' ends at that moment (read from
 * {@link TopicFollower.Start#BEGINNING}) are counted untimed.
 */
public final class PipelineFeed implements Runnable, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PipelineFeed.class);

    private final TopicFollower follower;
    private final Map<String, Deserializer<? extends SpecificRecord>> readers;
    private final PipelineMetrics metrics;

    /**
     * @param start {@link TopicFollower.Start#BEGINNING}: the whole history, the counters total the topics (for a run
     *              on fresh topics, such as the demo); {@link TopicFollower.Start#END}: what is written from now on,
     *              the counters count since this process started, as Prometheus expects
     */
    public PipelineFeed(Map<String, String> clientProperties, CallTopics topics, PipelineMetrics metrics,
                        TopicFollower.Start start) {
        this.readers = CallTopics.valueReaders(topics.callEvents(), topics.enrichedTurns(), topics.alerts(),
                topics.deadLetters());
        this.metrics = metrics;
        this.follower = new TopicFollower(clientProperties, "monitor", List.copyOf(readers.keySet()), start,
                this::count);
        List<String> missing = follower.findPartitions();
        if (!missing.isEmpty()) {
            follower.close();
            throw new IllegalStateException("Topic " + String.join(", ", missing)
                    + " does not exist: create the pipeline's topics first");
        }
    }

    @Override
    public void run() {
        follower.run();
    }

    private void count(ConsumerRecord<String, byte[]> record) {
        SpecificRecord value = read(record);
        if (value == null) {
            return;
        }
        Long backlogEnd = follower.startingEnd(new TopicPartition(record.topic(), record.partition()));
        if (backlogEnd != null && record.offset() < backlogEnd) {
            metrics.acceptUntimed(value);
        } else {
            metrics.accept(value);
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
        return follower.failure();
    }

    @Override
    public void close() {
        follower.close();
    }
}
