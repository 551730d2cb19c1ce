package io.callstream.deploy.demo;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Tells when a stage has consumed everything written to a topic so far: a run is done when each stage has caught
 * up with the one before it, which needs no count known in advance and no sleeping on a guess.
 */
final class CatchUp {

    private final Admin admin;

    CatchUp(Admin admin) {
        this.admin = admin;
    }

    /** End offsets of a topic as a read_committed reader sees them (transaction markers included). */
    Map<TopicPartition, Long> endOffsets(String topic) throws ExecutionException, InterruptedException {
        var partitions = admin.describeTopics(java.util.List.of(topic)).allTopicNames().get().get(topic).partitions();
        Map<TopicPartition, OffsetSpec> request = partitions.stream()
                .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
        var result = admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
        Map<TopicPartition, Long> ends = new HashMap<>();
        result.forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    /** Waits until a consumer group has committed at least the given offsets. */
    void awaitGroup(String groupId, Map<TopicPartition, Long> targets, Duration timeout) throws Exception {
        await("consumer group " + groupId, () -> {
            try {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
                return reached(targets, tp -> committed.get(tp) == null ? 0L : committed.get(tp).offset());
            } catch (InterruptedException | ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }, timeout);
    }

    /** Waits until positions reported by a stage reach the given offsets. */
    void awaitPositions(String what, Supplier<Map<TopicPartition, Long>> positions, Map<TopicPartition, Long> targets,
                        Duration timeout) throws Exception {
        await(what, () -> {
            Map<TopicPartition, Long> now = positions.get();
            return reached(targets, tp -> now.getOrDefault(tp, 0L));
        }, timeout);
    }

    private static boolean reached(Map<TopicPartition, Long> targets, java.util.function.ToLongFunction<TopicPartition> at) {
        return targets.entrySet().stream().allMatch(e -> at.applyAsLong(e.getKey()) >= e.getValue());
    }

    private static void await(String what, Supplier<Boolean> done, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.get()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " did not catch up within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(50); // polling the broker's view of progress; there is no callback for "caught up"
        }
    }
}
