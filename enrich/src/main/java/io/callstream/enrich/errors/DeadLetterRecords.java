package io.callstream.enrich.errors;

import java.util.Map;

import io.callstream.avro.DeadLetter;
import io.callstream.schemas.registry.RegistryClientConfig;
import io.callstream.schemas.registry.SchemaRegistryClient;
import io.callstream.schemas.serde.AvroSerde;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Turns a {@link DeadLetter} into the raw record Kafka Streams' error handlers hand back ({@code Response.resume}),
 * so that Streams writes it to the dead-letter topic in the same transaction as the task's other output. Configured
 * from the Streams properties both handlers receive.
 */
final class DeadLetterRecords {

    /** Registry the dead letters' schema is registered in. */
    static final String REGISTRY_URL_CONFIG = "callstream.schema.registry.url";
    /**
     * The registry's whole {@link RegistryClientConfig} (credentials, trust store), when it needs more than a URL;
     * wins over {@link #REGISTRY_URL_CONFIG}.
     */
    static final String REGISTRY_CLIENT_CONFIG = "callstream.schema.registry.client.config";
    /** Topic the dead letters go to. */
    static final String DEAD_LETTER_TOPIC_CONFIG = "callstream.dead.letter.topic";

    private final String topic;
    private final Serializer<DeadLetter> serializer;

    private DeadLetterRecords(String topic, Serializer<DeadLetter> serializer) {
        this.topic = topic;
        this.serializer = serializer;
    }

    static DeadLetterRecords configure(Map<String, ?> configs, Class<?> handler) {
        Object url = configs.get(REGISTRY_URL_CONFIG);
        Object topic = configs.get(DEAD_LETTER_TOPIC_CONFIG);
        if (url == null || topic == null) {
            throw new IllegalArgumentException(handler.getSimpleName() + " needs " + REGISTRY_URL_CONFIG
                    + " and " + DEAD_LETTER_TOPIC_CONFIG + " in the Streams configuration");
        }
        Object config = configs.get(REGISTRY_CLIENT_CONFIG);
        SchemaRegistryClient client = new SchemaRegistryClient(config instanceof RegistryClientConfig given
                ? given : RegistryClientConfig.of(url.toString()));
        return new DeadLetterRecords(topic.toString(), new AvroSerde<>(DeadLetter.class, client, false).serializer());
    }

    ProducerRecord<byte[], byte[]> toRecord(DeadLetter letter, byte[] key, long timestamp) {
        return new ProducerRecord<>(topic, null, timestamp, key, serializer.serialize(topic, letter));
    }
}
