package io.callstream.ingest.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.callstream.avro.CallEvent;
import io.callstream.schemas.limits.EventText;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends calls' events to {@code call-events} in order, keyed by callId, with each record's timestamp set to
 * the event's {@code observedAt} (the original one on a replay, never the replay's clock), paced by that clock.
 *
 * <p>Every replayed event passes here, whatever read it, so this is where {@link EventText}'s rule is sure to be
 * applied: an event that breaks it is not sent, and the rest of its call goes on. Readers that know an event's line
 * refuse it earlier, with that line in the reason; this catches whatever they did not.
 */
public final class CallEventPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(CallEventPublisher.class);

    private final Producer<String, CallEvent> producer;
    private final String topic;

    public CallEventPublisher(Producer<String, CallEvent> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    /** Publishes one call; see {@link #publish(List, Pace, Consumer)}. */
    public List<RefusedEvent> publishCall(List<CallEvent> events, Pace pace, Consumer<CallEvent> onSent)
            throws InterruptedException {
        return publish(ReplaySchedule.of(List.of(events)), pace, onSent);
    }

    /**
     * Publishes scheduled events, waiting between them as the pace asks, and returns once the broker has
     * acknowledged every one. {@code onSent} hears of each event as it is handed to the producer (for progress).
     *
     * @return the events not sent because their text breaks {@link EventText}'s rule, in order, with the reason
     */
    public List<RefusedEvent> publish(List<ReplaySchedule.Entry> schedule, Pace pace, Consumer<CallEvent> onSent)
            throws InterruptedException {
        return publish(schedule, new Pacer(pace), onSent);
    }

    /**
     * As {@link #publish(List, Pace, Consumer)}, on a clock whose pace may be changed while the events go out
     * ({@link Pacer#change}).
     */
    public List<RefusedEvent> publish(List<ReplaySchedule.Entry> schedule, Pacer pacer, Consumer<CallEvent> onSent)
            throws InterruptedException {
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<RefusedEvent> refused = new ArrayList<>();
        pacer.start();
        for (ReplaySchedule.Entry entry : schedule) {
            if (failure.get() != null) {
                break; // a call's later events must not land after one of its earlier ones was lost
            }
            CallEvent event = entry.event();
            Optional<String> problem = EventText.problem(event);
            if (problem.isPresent()) {
                LOG.warn("Not sent, an event of call {}: {}", event.getCallId(), problem.get());
                refused.add(new RefusedEvent(event, problem.get()));
                continue;
            }
            pacer.awaitDue(entry.elapsedMs());
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
        return List.copyOf(refused);
    }
}
