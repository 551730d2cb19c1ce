package io.callstream.schemas.consume;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import io.callstream.avro.CallEvent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads one call's events back from the call-events topic, as enrich read them: records keyed by the call id, in
 * offset order, committed ones only, from the beginning of the topic to its end when the capture starts (a call
 * still live is captured as far as it had gone; what comes later is not waited for).
 *
 * <p>Every partition is read, not only the one the call's key hashes to: that depends on the partitioner of
 * whoever produced (librdkafka's default differs from the Java client's), and a capture must not miss events
 * because of it. Values are decoded only for the call's own records, so other calls cost a key comparison.
 */
public final class CallCapture {

    /** How long the broker may send nothing while the end is not reached before the capture gives up. */
    private static final Duration STALL = Duration.ofSeconds(30);

    /**
     * What was read.
     *
     * @param events         the call's events, in the order enrich reads them
     * @param recordsRead    records of all calls read up to the end offsets
     * @param partitions     partitions of the topic
     * @param callPartitions partitions the call's events were found in (one, when every producer keyed by call)
     * @param problems       records of the call that could not be kept (not a CallEvent, a tombstone), each by its
     *                       partition and offset
     */
    public record Captured(List<CallEvent> events, long recordsRead, int partitions, Set<Integer> callPartitions,
                           List<String> problems) {
        public Captured {
            events = List.copyOf(events);
            callPartitions = Set.copyOf(callPartitions);
            problems = List.copyOf(problems);
        }
    }

    private CallCapture() {
    }

    /**
     * @param clientProperties where the cluster is (bootstrap servers, security)
     * @param values           how call-events values are decoded (the topic's Avro serde)
     */
    public static Captured read(Map<String, String> clientProperties, String topic, Deserializer<CallEvent> values,
                                String callId) {
        Properties p = new Properties();
        p.putAll(clientProperties);
        // An aborted transaction's records never reached enrich; they must not reach the capture either.
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "callstream-capture");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalArgumentException("Topic " + topic + " does not exist on this cluster.");
            }
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition()))
                    .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
            // Assigned, not subscribed: a capture joins no group and commits nothing.
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // Under read_committed these are the last stable offsets: everything committed when the capture starts.
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);

            List<CallEvent> events = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            Set<Integer> callPartitions = new HashSet<>();
            long read = 0;
            long lastProgress = System.nanoTime();
            Set<TopicPartition> done = new HashSet<>();
            while (done.size() < partitions.size()) {
                for (TopicPartition tp : partitions) {
                    if (!done.contains(tp) && consumer.position(tp) >= ends.get(tp)) {
                        done.add(tp);
                        consumer.pause(List.of(tp)); // nothing past the end is wanted from it
                    }
                }
                if (done.size() == partitions.size()) {
                    break;
                }
                boolean progressed = false;
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= ends.get(tp)) {
                        continue;
                    }
                    progressed = true;
                    read++;
                    if (callId.equals(record.key())) {
                        callPartitions.add(record.partition());
                        keep(record, values, callId, events, problems);
                    }
                }
                if (progressed) {
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > STALL.toNanos()) {
                    throw new IllegalStateException("The broker sent nothing for " + STALL.toSeconds() + " s before "
                            + topic + " was read to its end (" + read + " records read).");
                }
            }
            return new Captured(events, read, partitions.size(), callPartitions, problems);
        }
    }

    private static void keep(ConsumerRecord<String, byte[]> record, Deserializer<CallEvent> values, String callId,
                             List<CallEvent> events, List<String> problems) {
        String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        if (record.value() == null) {
            problems.add(where + ": a tombstone (no value), not an event");
            return;
        }
        try {
            CallEvent event = values.deserialize(record.topic(), record.headers(), record.value());
            if (!callId.equals(event.getCallId())) {
                // Enrich goes by the key; a replay keys by the event's callId, so such a record would move calls.
                problems.add(where + ": keyed " + callId + " but its event names call " + event.getCallId());
                return;
            }
            events.add(event);
        } catch (SerializationException e) {
            problems.add(where + ": not a CallEvent (" + e.getMessage() + ")");
        }
    }
}
