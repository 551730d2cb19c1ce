package io.callstream.enrich.errors;

import java.util.List;
import java.util.Map;

import io.callstream.avro.DeadLetter;
import io.callstream.schemas.errors.DeadLetters;
import io.callstream.schemas.registry.RegistryClientConfig;
import io.callstream.schemas.registry.SchemaRegistryClient;
import io.callstream.schemas.serde.AvroSerde;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record on an input topic that cannot be read is never silently dropped and never stops the pipeline: it goes
 * to the dead-letter topic as a {@link DeadLetter} carrying the reason and the original bytes, and processing
 * resumes. Kafka Streams writes the dead letter in the same transaction as the task's other output.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    /** Registry the dead letters' schema is registered in. */
    public static final String REGISTRY_URL_CONFIG = "callstream.schema.registry.url";
    /** Topic the dead letters go to. */
    public static final String DEAD_LETTER_TOPIC_CONFIG = "callstream.dead.letter.topic";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    private String deadLetterTopic;
    private Serializer<DeadLetter> serializer;

    @Override
    public void configure(Map<String, ?> configs) {
        Object url = configs.get(REGISTRY_URL_CONFIG);
        Object topic = configs.get(DEAD_LETTER_TOPIC_CONFIG);
        if (url == null || topic == null) {
            throw new IllegalArgumentException("DeadLetterDeserializationHandler needs " + REGISTRY_URL_CONFIG
                    + " and " + DEAD_LETTER_TOPIC_CONFIG + " in the Streams configuration");
        }
        this.deadLetterTopic = topic.toString();
        SchemaRegistryClient client = new SchemaRegistryClient(RegistryClientConfig.of(url.toString()));
        this.serializer = new AvroSerde<>(DeadLetter.class, client, false).serializer();
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        DeadLetter letter = DeadLetters.unreadableRecord("enrich", exception, record.topic(), record.partition(),
                record.offset(), record.key(), record.value(), record.timestamp());
        log.warn("Dead letter from {}-{}@{} (call {}): {}", record.topic(), record.partition(), record.offset(),
                letter.getCallId(), exception.getMessage());
        byte[] value = serializer.serialize(deadLetterTopic, letter);
        return Response.resume(List.of(new ProducerRecord<>(deadLetterTopic, null, record.timestamp(), record.key(), value)));
    }
}
