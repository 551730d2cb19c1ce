package io.callstream.sink.webhook;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * One receiver of alerts and how hard to try it: each request waits at most {@code timeout}; an alert is tried at
 * most {@code maxAttempts} times, waiting {@code backoffInitial}, then twice that, and so on up to
 * {@code backoffMax} between attempts (no jitter, so a schedule is reproducible and testable).
 */
public record WebhookEndpoint(String name, URI url, String secret, Duration timeout, int maxAttempts,
                              Duration backoffInitial, Duration backoffMax) {

    /** Attempts per alert in {@link #of}: with its backoff, about 2 min before an alert becomes a dead letter. */
    public static final int DEFAULT_MAX_ATTEMPTS = 8;

    public WebhookEndpoint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(backoffInitial, "backoffInitial");
        Objects.requireNonNull(backoffMax, "backoffMax");
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("Webhook " + name + " needs a shared secret");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("Webhook " + name + ": maxAttempts must be at least 1");
        }
        if (timeout.isNegative() || timeout.isZero() || backoffInitial.isNegative()
                || backoffMax.compareTo(backoffInitial) < 0) {
            throw new IllegalArgumentException("Webhook " + name + ": timeout must be positive and "
                    + "0 <= backoffInitial <= backoffMax");
        }
    }

    /** Production defaults: 10 s per request, 8 attempts, 1 s doubling to at most 1 min (about 2 min in all). */
    public static WebhookEndpoint of(String name, URI url, String secret) {
        return new WebhookEndpoint(name, url, secret, Duration.ofSeconds(10), DEFAULT_MAX_ATTEMPTS,
                Duration.ofSeconds(1), Duration.ofMinutes(1));
    }

    public WebhookEndpoint withMaxAttempts(int attempts) {
        return new WebhookEndpoint(name, url, secret, timeout, attempts, backoffInitial, backoffMax);
    }

    /** The wait after failed attempt number {@code attempt} (1-based): initial * 2^(attempt-1), capped. */
    public Duration backoffAfter(int attempt) {
        Duration wait = backoffInitial;
        for (int i = 1; i < attempt && wait.compareTo(backoffMax) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(backoffMax) > 0 ? backoffMax : wait;
    }
}
