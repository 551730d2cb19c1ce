package io.callstream.deploy.torture;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.callstream.avro.Alert;
import io.callstream.avro.CallEvent;
import io.callstream.avro.DeadLetter;
import io.callstream.avro.EnrichedTurn;
import io.callstream.avro.QaExchange;
import io.callstream.avro.SpeakerTurn;
import io.callstream.schemas.registry.RegistryClientConfig;
import io.callstream.schemas.registry.SchemaRegistryClient;
import io.callstream.schemas.serde.AvroSerde;
import io.callstream.schemas.topics.TopicNames;
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

/**
 * Everything the pipeline's topics hold once it is quiet, as a read_committed consumer sees it (the way every
 * downstream reader does): aborted transactions of killed instances are not there, committed ones are.
 */
final class Outputs {

    final List<CallEvent> events = new ArrayList<>();
    final List<SpeakerTurn> turns = new ArrayList<>();
    final List<EnrichedTurn> enriched = new ArrayList<>();
    final List<QaExchange> exchanges = new ArrayList<>();
    final List<Alert> alerts = new ArrayList<>();
    final List<DeadLetter> deadLetters = new ArrayList<>();
    /** The records of the topics the sink reads, for a clean write of the same records. */
    final List<SpecificRecord> sinkRecords = new ArrayList<>();
    /** Per partition of the topics the sink reads, the offset after its last record: where the sink must be. */
    final Map<TopicPartition, Long> sinkEnds = new HashMap<>();

    private Outputs() {
    }

    static Outputs read(String bootstrap, String registryUrl) throws Exception {
        TopicNames names = TopicNames.defaults();
        SchemaRegistryClient registry = new SchemaRegistryClient(RegistryClientConfig.of(registryUrl));
        Outputs out = new Outputs();
        out.events.addAll(read(bootstrap, registry, names.callEvents(), CallEvent.class, out, true));
        out.turns.addAll(read(bootstrap, registry, names.callTurns(), SpeakerTurn.class, out, false));
        out.enriched.addAll(read(bootstrap, registry, names.enrichedTurns(), EnrichedTurn.class, out, true));
        out.exchanges.addAll(read(bootstrap, registry, names.qa(), QaExchange.class, out, true));
        out.alerts.addAll(read(bootstrap, registry, names.alerts(), Alert.class, out, true));
        out.deadLetters.addAll(read(bootstrap, registry, names.deadLetters(), DeadLetter.class, out, false));
        return out;
    }

    private static <T extends SpecificRecord> List<T> read(String bootstrap, SchemaRegistryClient registry,
                                                           String topic, Class<T> type, Outputs out, boolean sinkReads)
            throws Exception {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(4 * 1024 * 1024));
        List<T> values = new ArrayList<>();
        try (KafkaConsumer<String, T> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new AvroSerde<>(type, registry, false).deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = highWatermarks(bootstrap, partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Cannot read " + topic + " to its end within 2 min");
                }
                for (ConsumerRecord<String, T> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                    if (sinkReads) {
                        out.sinkRecords.add(r.value());
                        out.sinkEnds.merge(new TopicPartition(r.topic(), r.partition()), r.offset() + 1, Math::max);
                    }
                }
            }
        }
        return values;
    }

    /** Everything written, transaction markers included (a read_committed consumer's own end stops short of them). */
    private static Map<TopicPartition, Long> highWatermarks(String bootstrap, List<TopicPartition> partitions)
            throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())),
                            new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED))
                    .all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
            return ends;
        }
    }
}
