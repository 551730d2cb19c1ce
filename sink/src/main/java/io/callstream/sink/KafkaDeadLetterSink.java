package io.callstream.sink;

import java.util.concurrent.atomic.AtomicReference;

import io.callstream.avro.DeadLetter;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Dead letters onto the dead-letter topic, keyed by callId like everything else. */
public final class KafkaDeadLetterSink implements DeadLetterSink {

    private final Producer<String, DeadLetter> producer;
    private final String topic;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    public KafkaDeadLetterSink(Producer<String, DeadLetter> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    @Override
    public void send(DeadLetter letter) {
        producer.send(new ProducerRecord<>(topic, null, letter.getObservedAt().toEpochMilli(), letter.getCallId(), letter),
                (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
    }

    @Override
    public void flush() {
        producer.flush();
        // Cleared, so that the caller's next attempt (which sends its letters again) can succeed.
        Exception e = failure.getAndSet(null);
        if (e != null) {
            throw new NotDurable("A dead letter could not be written to " + topic + ": " + e.getMessage(), e);
        }
    }
}
