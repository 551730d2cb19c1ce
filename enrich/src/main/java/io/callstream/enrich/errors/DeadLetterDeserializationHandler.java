package io.callstream.enrich.errors;

import java.util.List;
import java.util.Map;

import io.callstream.avro.DeadLetter;
import io.callstream.schemas.errors.DeadLetters;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
    public static final String REGISTRY_URL_CONFIG = DeadLetterRecords.REGISTRY_URL_CONFIG;
    /** The registry's client config object, when it needs credentials or a trust store; wins over the URL. */
    public static final String REGISTRY_CLIENT_CONFIG = DeadLetterRecords.REGISTRY_CLIENT_CONFIG;
    /** Topic the dead letters go to. */
    public static final String DEAD_LETTER_TOPIC_CONFIG = DeadLetterRecords.DEAD_LETTER_TOPIC_CONFIG;

    private static final Logger log = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    private DeadLetterRecords deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        this.deadLetters = DeadLetterRecords.configure(configs, getClass());
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        DeadLetter letter = DeadLetters.unreadableRecord("enrich", exception, record.topic(), record.partition(),
                record.offset(), record.key(), record.value(), record.timestamp());
        log.warn("Dead letter from {}-{}@{} (call {}): {}", record.topic(), record.partition(), record.offset(),
                letter.getCallId(), exception.getMessage());
        return Response.resume(List.of(deadLetters.toRecord(letter, record.key(), record.timestamp())));
    }
}
