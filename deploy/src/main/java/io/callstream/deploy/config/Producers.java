package io.callstream.deploy.config;

import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The one way callstream produces records keyed by callId: durable, in order, without batching delay. */
public final class Producers {

    private Producers() {
    }

    public static <V> KafkaProducer<String, V> keyedByCall(Map<String, String> clientProperties, Serializer<V> values) {
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        // Retries must not reorder or duplicate a call's events.
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // A live line must reach enrich now, not after a batching delay.
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        return new KafkaProducer<>(p, new StringSerializer(), values);
    }
}
