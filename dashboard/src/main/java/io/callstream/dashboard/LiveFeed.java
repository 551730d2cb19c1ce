package io.callstream.dashboard;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.callstream.schemas.consume.TopicFanOut;
import io.callstream.schemas.topics.CallTopics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the pipeline's output (call-events, call-turns-enriched, call-qa, call-alerts) from the beginning into
 * {@link LiveCalls}, then follows it live.
 *
 * <p>No consumer group: every dashboard holds the whole picture in memory and rebuilds it from the topics when it
 * starts, so it follows them as a bystander, one reader of a {@link TopicFanOut} (every partition, committed records
 * only, partitions that appear later picked up) that the monitor and the demo's printers may share. A record that
 * cannot be read is logged and counted, and the feed goes on: a dashboard shows what it can (the store sink is where
 * such records become dead letters).
 */
public final class LiveFeed {

    private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);

    private final TopicFanOut feed;
    private final LiveCalls calls;
    private final Consumer<SpecificRecord> listener;
    private final AtomicLong unreadable = new AtomicLong();

    /**
     * Joins {@code feed}, which its owner runs and closes.
     *
     * @param listener hears every record folded in, on the feed's thread (metrics); {@code r -> {}} for none
     */
    public LiveFeed(TopicFanOut feed, CallTopics topics, LiveCalls calls, Consumer<SpecificRecord> listener) {
        this.feed = feed;
        this.calls = calls;
        this.listener = listener;
        feed.join(CallTopics.valueReaders(topics.callEvents(), topics.enrichedTurns(), topics.qa(), topics.alerts()),
                new TopicFanOut.Reader() {
                    @Override
                    public void accept(ConsumerRecord<String, byte[]> record, SpecificRecord value) {
                        fold(record, value);
                    }

                    @Override
                    public void unreadable(ConsumerRecord<String, byte[]> record, RuntimeException refusal) {
                        skip(record, refusal.getMessage());
                    }
                });
    }

    private void fold(ConsumerRecord<String, byte[]> record, SpecificRecord value) {
        if (value == null) {
            skip(record, "no value (a tombstone)");
            return;
        }
        calls.apply(value);
        listener.accept(value);
    }

    private void skip(ConsumerRecord<String, byte[]> record, String reason) {
        unreadable.incrementAndGet();
        log.warn("Skipping unreadable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                reason);
    }

    /**
     * The next offset to read per partition of the feed's {@link TopicFanOut} (its topics and those of the readers
     * beside it): every record before it was handed on, those of this feed's topics into {@link LiveCalls}.
     */
    public Map<TopicPartition, Long> positions() {
        return feed.positions();
    }

    /**
     * Whether the feed has read, on every partition of every topic of its {@link TopicFanOut} (its own and those of
     * the readers beside it), at least up to where the partition ended when it was first seen: what was there before
     * the dashboard started is all shown.
     */
    public boolean caughtUp() {
        return feed.caughtUp();
    }

    /** Records skipped because they could not be read. */
    public long unreadable() {
        return unreadable.get();
    }

    /** Why the feed stopped on its own, if it did: any reader's failure stops the fan-out it shares. */
    public Throwable failure() {
        return feed.failure();
    }

    /** Readiness for {@link DashboardHooks}: up once caught up, down while catching up or after a failure. */
    public Health readiness() {
        Throwable f = failure();
        if (f != null) {
            return Health.down(Map.of("feed", "stopped: " + f.getMessage()));
        }
        if (!caughtUp()) {
            return Health.down(Map.of("feed", feed.everyTopicFound() ? "catching up"
                    : "waiting for the pipeline's topics"));
        }
        return Health.up(Map.of("feed", "caught up", "unreadable", String.valueOf(unreadable())));
    }
}
