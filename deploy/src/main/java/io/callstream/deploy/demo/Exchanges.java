package io.callstream.deploy.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import io.callstream.avro.QaExchange;
import io.callstream.avro.Status;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** The question-answer exchanges a run produced: the last FINAL version of each, in call order. */
final class Exchanges {

    private Exchanges() {
    }

    /** @param ends the topic's high watermarks, reached by a read_committed reader once every marker has landed */
    static List<QaExchange> finals(String bootstrapServers, Map<TopicPartition, Long> ends,
                                   Deserializer<QaExchange> values) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Map<String, QaExchange> latest = new TreeMap<>();
        List<TopicPartition> partitions = new ArrayList<>(ends.keySet());
        try (KafkaConsumer<String, QaExchange> consumer = new KafkaConsumer<>(p, new StringDeserializer(), values)) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Cannot read the exchanges to the end of their topic within 30 s");
                }
                consumer.poll(Duration.ofMillis(100)).forEach(r -> {
                    QaExchange x = r.value();
                    QaExchange seen = latest.get(x.getExchangeId());
                    if (x.getStatus() == Status.FINAL && (seen == null || seen.getVersion() < x.getVersion())) {
                        latest.put(x.getExchangeId(), x);
                    }
                });
            }
        }
        return List.copyOf(latest.values());
    }
}
