package io.callstream.deploy.demo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Counts the committed records on the dead-letter topic. Counting records rather than subtracting offsets
 * matters: transactional writers leave markers that take offsets but are not records.
 */
final class DeadLetterCount {

    private DeadLetterCount() {
    }

    /** @param ends the topic's high watermarks ({@link CatchUp#endOffsets}), reached once every marker has landed */
    static long count(String bootstrapServers, Map<TopicPartition, Long> ends) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<TopicPartition> partitions = List.copyOf(ends.keySet());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long count = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Cannot read the dead-letter topic to its end within 30 s");
                }
                count += consumer.poll(Duration.ofMillis(100)).count();
            }
            return count;
        }
    }
}
