package io.callstream.schemas.registry;

import java.time.Duration;
import java.util.Objects;

/**
 * How to reach a schema registry.
 *
 * @param baseUrl        the registry's base URL, e.g. {@code http://localhost:8081}; a trailing slash is dropped
 * @param requestTimeout how long one HTTP request may take
 * @param maxAttempts    attempts per call, the first included; 1 disables retries
 * @param initialBackoff wait before the first retry; doubles with every further retry
 */
public record RegistryClientConfig(String baseUrl, Duration requestTimeout, int maxAttempts, Duration initialBackoff) {

    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(100);

    public RegistryClientConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        baseUrl = baseUrl.strip();
        while (baseUrl.endsWith("/")) {
            baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
        }
        if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
            throw new IllegalArgumentException(
                    "Schema registry URL must start with http:// or https://, got '" + baseUrl + "'");
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive, got " + requestTimeout);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (initialBackoff.isNegative()) {
            throw new IllegalArgumentException("initialBackoff must not be negative, got " + initialBackoff);
        }
    }

    /** A 10 s request timeout and 5 attempts, backing off from 100 ms (about 1.5 s of waiting in all). */
    public static RegistryClientConfig of(String baseUrl) {
        return new RegistryClientConfig(baseUrl, DEFAULT_REQUEST_TIMEOUT, DEFAULT_MAX_ATTEMPTS, DEFAULT_INITIAL_BACKOFF);
    }

    public RegistryClientConfig withMaxAttempts(int attempts) {
        return new RegistryClientConfig(baseUrl, requestTimeout, attempts, initialBackoff);
    }

    public RegistryClientConfig withInitialBackoff(Duration backoff) {
        return new RegistryClientConfig(baseUrl, requestTimeout, maxAttempts, backoff);
    }

    public RegistryClientConfig withRequestTimeout(Duration timeout) {
        return new RegistryClientConfig(baseUrl, timeout, maxAttempts, initialBackoff);
    }
}
