package io.callstream.ingest.publish;

import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** How ingest produces: every record acknowledged by all in-sync replicas, in order, without batching delay. */
public final class ProducerSettings {

    private ProducerSettings() {
    }

    /**
     * {@code acks=all} and {@code enable.idempotence=true}: a record the broker acknowledged survives a broker's
     * loss, and the producer's own retries neither duplicate nor reorder it. {@code linger.ms=0}: a live line must
     * reach enrich now, not after a batching delay. {@code max.block.ms} and {@code delivery.timeout.ms} are
     * bounded (10 s, 30 s) because callers such as the HTTP endpoint answer only once Kafka has acknowledged,
     * and a client must hear of an unreachable cluster within its own patience, not after Kafka's two minutes.
     */
    public static Properties reliableLowLatency(String bootstrapServers) {
        return reliableLowLatency(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** The same, on top of the user's client properties (security, client id, ...), which cannot weaken it. */
    public static Properties reliableLowLatency(Map<String, String> clientProperties) {
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        return p;
    }

    /** A producer of records keyed by callId with these settings: the one way callstream writes call records. */
    public static <V> KafkaProducer<String, V> keyedByCall(Map<String, String> clientProperties, Serializer<V> values) {
        return new KafkaProducer<>(reliableLowLatency(clientProperties), new StringSerializer(), values);
    }
}
