package io.callstream.dashboard.monitor;

import java.util.List;
import java.util.Map;

import io.callstream.schemas.consume.TopicFanOut;
import io.callstream.schemas.consume.TopicFollower;
import io.callstream.schemas.topics.CallTopics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what {@link PipelineMetrics} measures: call-events, call-turns-enriched, call-alerts and call-dlq, committed
 * records only (enrich writes in transactions; an aborted record never happened), as one reader of a
 * {@link TopicFanOut}, so that a line and the turn it leads to are timed by the same reader, and the dashboard's feed
 * beside it reads each record once for both.
 *
 * <p>A monitor is a bystander, not a member of any group. The partitions and start positions are fixed when the
 * fan-out's partitions are found ({@link TopicFanOut#findPartitions}), on its owner's thread, so whatever is written
 * after that is read even if the thread starts later. Records below the partitions' ends at that moment are the
 * backlog: counted untimed from {@link TopicFollower.Start#BEGINNING}, left out from {@link TopicFollower.Start#END}.
 * Records after them are counted, and timed once the feed has read past the backlog of each of the monitor's topics:
 * until then a line would be read long before its turn, which waits behind the enriched topic's backlog.
 */
public final class PipelineFeed {

    private static final Logger log = LoggerFactory.getLogger(PipelineFeed.class);

    private final TopicFanOut feed;
    private final PipelineMetrics metrics;
    private final TopicFollower.Start start;
    private final List<String> topics;
    /** Read and written on the feed's thread only. */
    private boolean live;

    /**
     * Joins {@code feed}, which its owner runs and closes.
     *
     * @param start {@link TopicFollower.Start#BEGINNING}: the whole history, the counters total the topics (for a run
     *              on fresh topics, such as the demo); {@link TopicFollower.Start#END}: what is written from now on,
     *              the counters count since this process started, as Prometheus expects
     */
    public PipelineFeed(TopicFanOut feed, CallTopics topics, PipelineMetrics metrics, TopicFollower.Start start) {
        this.feed = feed;
        this.metrics = metrics;
        this.start = start;
        this.topics = List.copyOf(topics(topics).keySet());
        feed.join(topics(topics), new TopicFanOut.Reader() {
            @Override
            public void accept(ConsumerRecord<String, byte[]> record, SpecificRecord value) {
                count(record, value);
            }

            @Override
            public void unreadable(ConsumerRecord<String, byte[]> record, RuntimeException refusal) {
                // Not the monitor's to refuse: enrich dead-letters what it cannot read, and callstream.dead.letters
                // counts it. Skipping keeps the meters moving, and the readers beside this one on the feed; the
                // warning says a count may be short (a registry that cannot be reached fails the same way).
                log.warn("The monitor skips an unreadable record at {}-{}@{}: {}", record.topic(), record.partition(),
                        record.offset(), refusal.getMessage());
            }
        });
    }

    private static Map<String, Deserializer<? extends SpecificRecord>> topics(CallTopics topics) {
        return CallTopics.valueReaders(topics.callEvents(), topics.enrichedTurns(), topics.alerts(),
                topics.deadLetters());
    }

    /**
     * Throws, naming them, where any of the monitor's topics is among {@code missing} (as
     * {@link TopicFanOut#findPartitions} returns them): a monitor of topics not there yet would count nothing.
     */
    public static void requireTopics(CallTopics topics, List<String> missing) {
        List<String> absent = topics(topics).keySet().stream().filter(missing::contains).toList();
        if (!absent.isEmpty()) {
            throw new IllegalStateException("Topic " + String.join(", ", absent)
                    + " does not exist: create the pipeline's topics first");
        }
    }

    private void count(ConsumerRecord<String, byte[]> record, SpecificRecord value) {
        if (value == null) {
            return;
        }
        Long backlogEnd = feed.startingEnd(new TopicPartition(record.topic(), record.partition()));
        if (backlogEnd != null && record.offset() < backlogEnd) {
            if (start == TopicFollower.Start.BEGINNING) {
                metrics.acceptUntimed(value);
            }
        } else if (live()) {
            metrics.accept(value);
        } else {
            // Written after the feed started but read while it catches up: a line read now and its turn read after
            // the enriched topic's backlog would time the catching up, not the pipeline.
            metrics.acceptUntimed(value);
        }
    }

    /** Whether the feed has read past the backlog of each of the monitor's topics; once so, so for good. */
    private boolean live() {
        if (!live) {
            live = feed.caughtUp(topics);
        }
        return live;
    }
}
