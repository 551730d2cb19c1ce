package io.callstream.ingest.http;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of the HTTP endpoint; plain atomics until the project adopts a metrics library. */
public final class IngestHttpMetrics {

    /** The counters at one moment. */
    public record Snapshot(long requests, long eventsProduced, long duplicatesSkipped, long linesRefused,
                           long deadLetters, long unauthorized, long tooLarge, long kafkaFailures,
                           long busy) {
    }

    final AtomicLong requests = new AtomicLong();
    final AtomicLong eventsProduced = new AtomicLong();
    final AtomicLong duplicatesSkipped = new AtomicLong();
    final AtomicLong linesRefused = new AtomicLong();
    final AtomicLong deadLetters = new AtomicLong();
    final AtomicLong unauthorized = new AtomicLong();
    final AtomicLong tooLarge = new AtomicLong();
    final AtomicLong kafkaFailures = new AtomicLong();
    /** Requests answered 503 because every worker was busy and the queue full. */
    final AtomicLong busy = new AtomicLong();

    public Snapshot snapshot() {
        return new Snapshot(requests.get(), eventsProduced.get(), duplicatesSkipped.get(), linesRefused.get(),
                deadLetters.get(), unauthorized.get(), tooLarge.get(), kafkaFailures.get(),
                busy.get());
    }
}
