package io.callstream.enrich.errors;

import java.util.List;
import java.util.Map;

import io.callstream.avro.DeadLetter;
import io.callstream.schemas.errors.DeadLetters;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record whose processing throws (a line that breaks the assembler's preconditions, or a bug) must not stop the
 * pipeline nor vanish: it goes to the dead-letter topic with the processor's name, the exception and the source
 * record's original bytes, and the stream thread resumes with the next record. Errors are data at the framework
 * level, so no processor needs its own try/catch; Kafka Streams writes the dead letter in the task's transaction.
 *
 * <p>What the failing record had already forwarded stays forwarded, and its state update is not written (processors
 * write their store last), so the call continues from the state before the failed record.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

    private DeadLetterRecords deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        this.deadLetters = DeadLetterRecords.configure(configs, getClass());
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        String reason = "Processing failed in " + context.processorNodeId() + ": " + exception.getMessage();
        DeadLetter letter = DeadLetters.refusedRecord("enrich", reason, exception, context.topic(),
                context.partition(), context.offset(), context.sourceRawKey(), context.sourceRawValue(),
                context.timestamp());
        log.warn("Dead letter from {}-{}@{} (call {}): {}", context.topic(), context.partition(), context.offset(),
                letter.getCallId(), reason, exception);
        return Response.resume(List.of(deadLetters.toRecord(letter, context.sourceRawKey(), context.timestamp())));
    }
}
