package io.callstream.ingest.http;

import io.callstream.avro.CallEvent;
import io.callstream.avro.DeadLetter;
import io.callstream.ingest.publish.ProducerSettings;
import io.callstream.schemas.limits.EventText;
import io.callstream.schemas.topics.Topic;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Produces call events and dead letters and hands back each send's acknowledgement as a future. Events are keyed
 * by callId (a call stays in order on one partition) with the record timestamp set to {@code observedAt}; dead
 * letters are keyed by the call where it could be read. Remembers whether the last send failed, for the health
 * answer. Owns its producers: {@link #close()} closes them.
 */
public final class IngestProducer implements AutoCloseable {

    private final Producer<String, CallEvent> events;
    private final Producer<String, DeadLetter> deadLetters;
    private final String eventsTopic;
    private final String deadLettersTopic;
    private final AtomicReference<String> lastFailure = new AtomicReference<>();

    public IngestProducer(Producer<String, CallEvent> events, String eventsTopic,
                          Producer<String, DeadLetter> deadLetters, String deadLettersTopic) {
        this.events = Objects.requireNonNull(events, "events");
        this.eventsTopic = Objects.requireNonNull(eventsTopic, "eventsTopic");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.deadLettersTopic = Objects.requireNonNull(deadLettersTopic, "deadLettersTopic");
    }

    /** Producers with {@link ProducerSettings#reliableLowLatency}, writing to the given topics with their serdes. */
    public static IngestProducer create(Map<String, String> clientProperties, Topic<String, CallEvent> eventsTopic,
                                        Topic<String, DeadLetter> deadLettersTopic) {
        return new IngestProducer(producer(clientProperties, eventsTopic), eventsTopic.name(),
                producer(clientProperties, deadLettersTopic), deadLettersTopic.name());
    }

    private static <V> Producer<String, V> producer(Map<String, String> clientProperties, Topic<String, V> topic) {
        Serializer<String> keys = topic.keySerde().serializer();
        Serializer<V> values = topic.valueSerde().serializer();
        return new KafkaProducer<>(ProducerSettings.reliableLowLatency(clientProperties), keys, values);
    }

    /**
     * Sends an event, or, when its text breaks {@link EventText}'s rule, does not and hands back a future failed
     * with {@link RefusedTextException}: every source that sends through here gets the rule, even one that forgot to
     * check earlier, where it could have named the line.
     */
    public CompletableFuture<Void> send(CallEvent event) {
        Optional<String> problem = EventText.problem(event);
        if (problem.isPresent()) {
            return CompletableFuture.failedFuture(new RefusedTextException(problem.get()));
        }
        return send(events, new ProducerRecord<>(eventsTopic, null, event.getObservedAt().toEpochMilli(),
                event.getCallId(), event));
    }

    public CompletableFuture<Void> send(DeadLetter letter) {
        return send(deadLetters, new ProducerRecord<>(deadLettersTopic, null,
                letter.getObservedAt().toEpochMilli(), letter.getCallId(), letter));
    }

    private <V> CompletableFuture<Void> send(Producer<String, V> producer, ProducerRecord<String, V> record) {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, failure) -> {
                if (failure == null) {
                    lastFailure.set(null);
                    ack.complete(null);
                } else {
                    lastFailure.set(failure.toString());
                    ack.completeExceptionally(failure);
                }
            });
        } catch (RuntimeException e) {
            // send() throws rather than calls back when the value cannot be serialized (registry unreachable)
            // or the producer is closed.
            lastFailure.set(e.toString());
            ack.completeExceptionally(e);
        }
        return ack;
    }

    /** The last send's failure, or null when the last send succeeded (or none was made yet). */
    public String lastFailure() {
        return lastFailure.get();
    }

    public String eventsTopic() {
        return eventsTopic;
    }

    public String deadLettersTopic() {
        return deadLettersTopic;
    }

    /** Waits until every send so far is acknowledged or failed (its future completed). */
    public void flush() {
        events.flush();
        deadLetters.flush();
    }

    @Override
    public void close() {
        try {
            events.close(Duration.ofSeconds(10));
        } finally {
            deadLetters.close(Duration.ofSeconds(10));
        }
    }
}
