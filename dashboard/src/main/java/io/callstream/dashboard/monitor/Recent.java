package io.callstream.dashboard.monitor;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.function.Supplier;

/**
 * A value computed at most once per {@code maxAge}, on the caller's thread. Scrapes and health probes come from
 * outside, as often as the caller likes; each asks the broker something, and a busy scraper or a probe every
 * second must not become load on the cluster. The computation reports its own failures in the value.
 */
final class Recent<T> {

    private final Supplier<T> compute;
    private final Duration maxAge;
    private final InstantSource clock;
    private T value;
    private Instant computedAt;

    Recent(Supplier<T> compute, Duration maxAge, InstantSource clock) {
        this.compute = compute;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** The last value while it is younger than {@code maxAge}, else a new one; callers wait for each other. */
    synchronized T get() {
        Instant now = clock.instant();
        if (computedAt == null || !now.isBefore(computedAt.plus(maxAge))) {
            value = compute.get();
            computedAt = clock.instant();
        }
        return value;
    }
}
