package io.callstream.deploy.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import io.callstream.deploy.stack.StackEndpoints;
import io.callstream.schemas.registry.RegistryClientConfig;
import io.callstream.schemas.registry.SchemaRegistryClient;
import io.callstream.schemas.serde.AvroSerde;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** What a topic holds, read from the beginning to its end the way any outside consumer would. */
public final class TopicContents {

    private TopicContents() {
    }

    /** Every committed record's value, in partition order. */
    public static <T extends SpecificRecord> List<T> readAll(StackEndpoints stack, String topic, Class<T> type) {
        return readRecords(stack, topic, type).stream().map(ConsumerRecord::value).toList();
    }

    /** Every committed record, with its partition and offset, in partition order. */
    public static <T extends SpecificRecord> List<ConsumerRecord<String, T>> readRecords(StackEndpoints stack,
                                                                                         String topic, Class<T> type) {
        SchemaRegistryClient registry = new SchemaRegistryClient(RegistryClientConfig.of(stack.schemaRegistryUrl()));
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, T>> records = new ArrayList<>();
        try (KafkaConsumer<String, T> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new AvroSerde<>(type, registry, false).deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = highWatermarks(stack, partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Cannot read " + topic + " to its end within 2 min");
                }
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        }
        return records;
    }

    /**
     * Everything written, transaction markers included. A read_committed consumer's own end offsets are the last
     * stable offsets, which stop short of a transaction whose commit marker has not landed on this partition yet,
     * even after the writer's offsets (committed in the same transaction) already show it done.
     */
    private static Map<TopicPartition, Long> highWatermarks(StackEndpoints stack, List<TopicPartition> partitions) {
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers()))) {
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())),
                            new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED))
                    .all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
            return ends;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the end offsets of " + partitions, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot read the end offsets of " + partitions + ": "
                    + e.getCause().getMessage(), e.getCause());
        }
    }
}
