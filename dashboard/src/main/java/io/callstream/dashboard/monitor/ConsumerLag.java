package io.callstream.dashboard.monitor;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far consumers are behind, as the gauge {@code callstream.consumer.lag} tagged {@code group}: records
 * written to their topics and not yet consumed, summed over partitions. Read with an {@link Admin} when scraped,
 * at most once per {@code maxAge} and each request bounded by {@code timeout}; a lag that cannot be read (the
 * broker down, a consumer not yet assigned) is NaN rather than a stale number. The caller owns the {@code Admin}.
 */
public final class ConsumerLag implements MeterBinder {

    /** What is behind what. */
    public sealed interface Source {
        /** The {@code group} tag. */
        String name();
    }

    /**
     * A consumer group's committed offsets on the given topics (a Kafka Streams application's group is its
     * application id). A partition it never committed counts from the partition's start, where such a group
     * begins reading (Kafka Streams resets to earliest).
     */
    public record CommittedOffsets(String groupId, List<String> topics) implements Source {
        public CommittedOffsets {
            Objects.requireNonNull(groupId, "groupId");
            topics = List.copyOf(topics);
        }

        @Override
        public String name() {
            return groupId;
        }
    }

    /**
     * Positions a consumer reports itself (next offset per assigned partition), for consumers whose offsets
     * are not committed to Kafka: the store sink keeps its own in the database.
     */
    public record Positions(String name, Supplier<Map<TopicPartition, Long>> positions) implements Source {
        public Positions {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(positions, "positions");
        }
    }

    private static final Logger log = LoggerFactory.getLogger(ConsumerLag.class);

    private final Admin admin;
    private final List<Source> sources;
    private final Duration timeout;
    private final Recent<Map<String, Long>> lags;

    /** Read at most every 5 s, each request given 2 s. */
    public ConsumerLag(Admin admin, List<Source> sources) {
        this(admin, sources, Duration.ofSeconds(2), Duration.ofSeconds(5), InstantSource.system());
    }

    public ConsumerLag(Admin admin, List<Source> sources, Duration timeout, Duration maxAge, InstantSource clock) {
        this.admin = admin;
        this.sources = List.copyOf(sources);
        this.timeout = timeout;
        this.lags = new Recent<>(this::readAll, maxAge, clock);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Source source : sources) {
            Gauge.builder("callstream.consumer.lag", () -> {
                        Long lag = lags.get().get(source.name());
                        return lag == null ? Double.NaN : lag;
                    })
                    .description("Records written to a consumer's topics and not yet consumed, over all partitions")
                    .tag("group", source.name())
                    .register(registry);
        }
    }

    /** Each source's lag by name, as of at most {@code maxAge} ago; a source whose lag cannot be read is absent. */
    public Map<String, Long> lags() {
        return lags.get();
    }

    private Map<String, Long> readAll() {
        Map<String, Long> all = new HashMap<>();
        for (Source source : sources) {
            try {
                Map<TopicPartition, Long> at = positions(source);
                if (!at.isEmpty()) {
                    Map<TopicPartition, Long> ends = offsets(at.keySet(), OffsetSpec.latest());
                    all.put(source.name(), at.entrySet().stream()
                            .mapToLong(e -> Math.max(0, ends.get(e.getKey()) - e.getValue())).sum());
                }
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                log.debug("Cannot read the lag of {}: {}", source.name(), e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return Map.copyOf(all);
    }

    private Map<TopicPartition, Long> positions(Source source)
            throws ExecutionException, InterruptedException, TimeoutException {
        if (source instanceof Positions p) {
            return Map.copyOf(p.positions().get());
        }
        CommittedOffsets group = (CommittedOffsets) source;
        var described = admin.describeTopics(group.topics(), new DescribeTopicsOptions().timeoutMs(timeoutMs()))
                .allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        List<TopicPartition> partitions = described.values().stream()
                .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                .toList();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId(),
                        new ListConsumerGroupOffsetsOptions().timeoutMs(timeoutMs()))
                .partitionsToOffsetAndMetadata().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        List<TopicPartition> uncommitted = partitions.stream().filter(tp -> committed.get(tp) == null).toList();
        Map<TopicPartition, Long> at = new HashMap<>(uncommitted.isEmpty() ? Map.of()
                : offsets(uncommitted, OffsetSpec.earliest()));
        partitions.stream().filter(tp -> committed.get(tp) != null)
                .forEach(tp -> at.put(tp, committed.get(tp).offset()));
        return at;
    }

    /**
     * The high watermark (or start) of each partition: everything written, transaction markers included, which a
     * read_committed consumer passes once the last transaction is decided.
     */
    private Map<TopicPartition, Long> offsets(Collection<TopicPartition> partitions, OffsetSpec spec)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = partitions.stream()
                .collect(Collectors.toMap(Function.identity(), tp -> spec));
        ListOffsetsOptions options = new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED);
        options.timeoutMs(timeoutMs());
        return admin.listOffsets(request, options).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private int timeoutMs() {
        return Math.toIntExact(timeout.toMillis());
    }
}
