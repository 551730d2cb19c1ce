package io.callstream.ingest.publish;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.callstream.avro.CallEvent;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends calls' events to {@code call-events} in order, keyed by callId, with each record's timestamp set to
 * the event's {@code observedAt} (the original one on a replay, never the replay's clock), paced by that clock.
 */
public final class CallEventPublisher {

    private final Producer<String, CallEvent> producer;
    private final String topic;

    public CallEventPublisher(Producer<String, CallEvent> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    /** Publishes one call; see {@link #publish(List, Pace, Consumer)}. */
    public void publishCall(List<CallEvent> events, Pace pace, Consumer<CallEvent> onSent) throws InterruptedException {
        publish(ReplaySchedule.of(List.of(events)), pace, onSent);
    }

    /**
     * Publishes scheduled events, waiting between them as the pace asks, and returns once the broker has
     * acknowledged every one. {@code onSent} hears of each event as it is handed to the producer (for progress).
     */
    public void publish(List<ReplaySchedule.Entry> schedule, Pace pace, Consumer<CallEvent> onSent)
            throws InterruptedException {
        AtomicReference<Exception> failure = new AtomicReference<>();
        long startNanos = System.nanoTime();
        for (ReplaySchedule.Entry entry : schedule) {
            if (failure.get() != null) {
                break; // a call's later events must not land after one of its earlier ones was lost
            }
            CallEvent event = entry.event();
            long dueMs = pace.dueAfterMs(entry.elapsedMs());
            long waitMs = dueMs - (System.nanoTime() - startNanos) / 1_000_000;
            if (waitMs > 0) {
                Thread.sleep(waitMs); // pacing a replay is waiting by definition; output does not depend on it
            }
            producer.send(new ProducerRecord<>(topic, null, event.getObservedAt().toEpochMilli(), event.getCallId(), event),
                    (metadata, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        }
                    });
            onSent.accept(event);
        }
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("The broker did not take all of the call's events: "
                    + failure.get().getMessage(), failure.get());
        }
    }
}
