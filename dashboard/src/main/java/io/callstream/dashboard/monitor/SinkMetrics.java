package io.callstream.dashboard.monitor;

import io.callstream.avro.DeadLetter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The store sink's own meters, for its {@code /metrics}: {@code callstream.sink.dead.letters} counts what it sent to
 * the dead-letter topic (unreadable records, tombstones, records the store refused), tagged with the topic each came
 * from and the reason's category. A name of its own rather than {@code callstream.dead.letters}, which whoever reads
 * call-dlq (serve, the demo) counts for every stage: summed across processes, the two would count the sink's twice.
 */
public final class SinkMetrics {

    private final MeterRegistry registry;
    private final TagValues topics = new TagValues(20);
    private final TagValues reasons = new TagValues(100);

    public SinkMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** One dead letter the sink committed past (see {@code StoreSink.Listener#deadLettered}). */
    public void deadLettered(DeadLetter letter) {
        String topic = letter.getSourceTopic() == null ? "unknown" : letter.getSourceTopic();
        Counter.builder("callstream.sink.dead.letters")
                .description("Records the store sink sent to the dead-letter topic instead of the store")
                .tag("topic", topics.admit(topic))
                .tag("reason", reasons.admit(DeadLetterReason.category(letter)))
                .register(registry).increment();
    }
}
