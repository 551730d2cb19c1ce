package io.callstream.schemas.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach a schema registry.
 *
 * @param baseUrl        the registry's base URL, e.g. {@code http://localhost:8081} or
 *                       {@code https://psrc-xxxxx.europe-west3.gcp.confluent.cloud}; a trailing slash is dropped.
 *                       Never with credentials in it: those go in {@code auth}
 * @param requestTimeout how long one HTTP request may take
 * @param maxAttempts    attempts per call, the first included; 1 disables retries
 * @param initialBackoff wait before the first retry; doubles with every further retry
 * @param auth           the credentials sent with every request ({@link RegistryAuth#none()} for an open registry)
 * @param trust          the certificates trusted for an {@code https://} URL
 */
public record RegistryClientConfig(String baseUrl, Duration requestTimeout, int maxAttempts, Duration initialBackoff,
                                   RegistryAuth auth, RegistryTrust trust) {

    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(100);

    public RegistryClientConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(trust, "trust");
        baseUrl = baseUrl.strip();
        while (baseUrl.endsWith("/")) {
            baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
        }
        if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
            throw new IllegalArgumentException(
                    "Schema registry URL must start with http:// or https://, got '" + withoutUserInfo(baseUrl) + "'");
        }
        if (hasUserInfo(baseUrl)) {
            // Confluent's basic.auth.credentials.source=URL: a URL is printed everywhere (logs, errors, --help
            // examples, shell history), so the secret would be too.
            throw new IllegalArgumentException("The schema registry URL holds credentials ('user:secret@'): take"
                    + " them out of the URL and set SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO=user:secret instead"
                    + " (basic.auth.credentials.source=USER_INFO); the URL without them is '"
                    + withoutUserInfo(baseUrl) + "'");
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

    /** An open registry, trusted by the JVM's certificates when https. */
    public RegistryClientConfig(String baseUrl, Duration requestTimeout, int maxAttempts, Duration initialBackoff) {
        this(baseUrl, requestTimeout, maxAttempts, initialBackoff, RegistryAuth.none(), RegistryTrust.jvmDefault());
    }

    /** A 10 s request timeout and 5 attempts, backing off from 100 ms (about 1.5 s of waiting in all). */
    public static RegistryClientConfig of(String baseUrl) {
        return new RegistryClientConfig(baseUrl, DEFAULT_REQUEST_TIMEOUT, DEFAULT_MAX_ATTEMPTS, DEFAULT_INITIAL_BACKOFF);
    }

    public RegistryClientConfig withMaxAttempts(int attempts) {
        return new RegistryClientConfig(baseUrl, requestTimeout, attempts, initialBackoff, auth, trust);
    }

    public RegistryClientConfig withInitialBackoff(Duration backoff) {
        return new RegistryClientConfig(baseUrl, requestTimeout, maxAttempts, backoff, auth, trust);
    }

    public RegistryClientConfig withRequestTimeout(Duration timeout) {
        return new RegistryClientConfig(baseUrl, timeout, maxAttempts, initialBackoff, auth, trust);
    }

    public RegistryClientConfig withAuth(RegistryAuth credentials) {
        return new RegistryClientConfig(baseUrl, requestTimeout, maxAttempts, initialBackoff, credentials, trust);
    }

    public RegistryClientConfig withTrust(RegistryTrust certificates) {
        return new RegistryClientConfig(baseUrl, requestTimeout, maxAttempts, initialBackoff, auth, certificates);
    }

    private static boolean hasUserInfo(String url) {
        try {
            return new URI(url).getRawUserInfo() != null;
        } catch (URISyntaxException e) {
            // Not a URI at all: an '@' before the path is the only sign of credentials left to go by.
            return authority(url).contains("@");
        }
    }

    /** The URL with anything before an '@' in its authority cut out, for messages. */
    static String withoutUserInfo(String url) {
        String authority = authority(url);
        int at = authority.lastIndexOf('@');
        if (at < 0) {
            return url;
        }
        int start = url.indexOf(authority);
        return url.substring(0, start) + authority.substring(at + 1) + url.substring(start + authority.length());
    }

    private static String authority(String url) {
        int scheme = url.indexOf("://");
        int start = scheme < 0 ? 0 : scheme + 3;
        int end = start;
        while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        return url.substring(start, end);
    }
}
