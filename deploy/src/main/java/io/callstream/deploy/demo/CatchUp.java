package io.callstream.deploy.demo;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Tells when a stage has consumed everything written to a topic so far: a run is done when each stage has caught
 * up with the one before it, which needs no count known in advance and no sleeping on a guess. A stage that fails
 * meanwhile ends the wait at once with its own error.
 */
final class CatchUp {

    private final Admin admin;
    private final Supplier<Throwable> failure;

    /** @param failure the first error of any stage of the run, or null while all are well */
    CatchUp(Admin admin, Supplier<Throwable> failure) {
        this.admin = admin;
        this.failure = failure;
    }

    /**
     * The high watermark of each partition: everything written, transaction markers included. A read_committed
     * reader reaches it only once the last transaction's marker has landed, unlike the last stable offset, which
     * may be read before a commit that is already under way.
     */
    Map<TopicPartition, Long> endOffsets(String topic) throws ExecutionException, InterruptedException {
        var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions();
        Map<TopicPartition, OffsetSpec> request = partitions.stream()
                .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
        var result = admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all().get();
        Map<TopicPartition, Long> ends = new HashMap<>();
        result.forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    /** Waits until a consumer group has committed at least the given offsets. */
    void awaitGroup(String groupId, Map<TopicPartition, Long> targets, Duration timeout) throws InterruptedException {
        await("consumer group " + groupId, () -> {
            try {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
                return reached(targets, tp -> committed.get(tp) == null ? 0L : committed.get(tp).offset());
            } catch (ExecutionException e) {
                throw new IllegalStateException("Cannot read the offsets of " + groupId + ": " + e.getCause().getMessage(), e);
            }
        }, timeout);
    }

    /** Waits until positions reported by a stage reach the given offsets. */
    void awaitPositions(String what, Supplier<Map<TopicPartition, Long>> positions, Map<TopicPartition, Long> targets,
                        Duration timeout) throws InterruptedException {
        await(what, () -> {
            Map<TopicPartition, Long> now = positions.get();
            return reached(targets, tp -> now.getOrDefault(tp, 0L));
        }, timeout);
    }

    /** Waits until a stage says it is done. */
    void awaitCondition(String what, BooleanSupplier done, Duration timeout)
            throws InterruptedException {
        await(what, done::getAsBoolean, timeout);
    }

    private static boolean reached(Map<TopicPartition, Long> targets, ToLongFunction<TopicPartition> at) {
        return targets.entrySet().stream().allMatch(e -> at.applyAsLong(e.getKey()) >= e.getValue());
    }

    private interface Check {
        boolean done() throws InterruptedException;
    }

    private void await(String what, Check check, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!check.done()) {
            Throwable failed = failure.get();
            if (failed != null) {
                throw new IllegalStateException("The pipeline failed while waiting for " + what + ": "
                        + failed.getMessage(), failed);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " did not catch up within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(50); // polling the broker's view of progress; there is no callback for "caught up"
        }
    }
}
