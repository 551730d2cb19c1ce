package io.callstream.ingest.http;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import io.callstream.schemas.http.BearerAuth;
import io.callstream.schemas.http.HttpServerLimits;

/**
 * How the HTTP endpoint runs.
 *
 * @param host                 the address to listen on; 127.0.0.1 by default, so exposing it is a decision
 * @param port                 the port; 0 for a free one
 * @param maxRequestBytes      the largest request body taken; larger ones are answered 413
 * @param auth                 the bearer token, or {@link BearerAuth#disabled()}
 * @param limits               what slow or many clients may take: request timeout, connections, and workers,
 *                             the requests handled at once (each waits for Kafka's acknowledgement), with their
 *                             queue; see {@link HttpServerLimits}
 * @param recentEventsCapacity how many recently produced event identities are remembered to skip retries
 * @param ackTimeout           how long a request waits for Kafka before answering 503; a safety net above the
 *                             producer's own delivery timeout
 * @param clock                the clock that stamps {@code observedAt} on events sent without one
 */
public record IngestHttpConfig(String host, int port, long maxRequestBytes, BearerAuth auth,
                               HttpServerLimits limits,
                               int recentEventsCapacity, Duration ackTimeout, Clock clock) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    /**
     * A limit on a request, which is a batch of lines: it bounds what one request makes the server hold. What one
     * event may say is the event text rule's (32 KiB of line text), checked line by line, so a batch may be as large
     * as this and a single line over that rule is refused alone (422), not with the batch.
     */
    public static final long DEFAULT_MAX_REQUEST_BYTES = 1024 * 1024;
    public static final int DEFAULT_RECENT_EVENTS = 100_000;
    public static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofSeconds(40);

    /** Room for a byte array and the line splitter's bookkeeping. */
    private static final long LARGEST_REQUEST = Integer.MAX_VALUE - 16;

    public IngestHttpConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(ackTimeout, "ackTimeout");
        Objects.requireNonNull(clock, "clock");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 to 65535, got " + port);
        }
        if (maxRequestBytes < 1 || maxRequestBytes > LARGEST_REQUEST) {
            throw new IllegalArgumentException("maxRequestBytes must be 1 to " + LARGEST_REQUEST + ", got "
                    + maxRequestBytes);
        }
        if (recentEventsCapacity < 1) {
            throw new IllegalArgumentException("recentEventsCapacity must be at least 1, got " + recentEventsCapacity);
        }
        if (ackTimeout.isNegative() || ackTimeout.isZero()) {
            throw new IllegalArgumentException("ackTimeout must be positive, got " + ackTimeout);
        }
    }

    /** 127.0.0.1 on a free port, 1 MiB requests, {@link HttpServerLimits#defaults()} (16 workers), the system clock. */
    public static IngestHttpConfig defaults(BearerAuth auth) {
        return new IngestHttpConfig(DEFAULT_HOST, 0, DEFAULT_MAX_REQUEST_BYTES, auth, HttpServerLimits.defaults(),
                DEFAULT_RECENT_EVENTS, DEFAULT_ACK_TIMEOUT, Clock.systemUTC());
    }

    public IngestHttpConfig withHost(String value) {
        return new IngestHttpConfig(value, port, maxRequestBytes, auth, limits, recentEventsCapacity, ackTimeout,
                clock);
    }

    public IngestHttpConfig withPort(int value) {
        return new IngestHttpConfig(host, value, maxRequestBytes, auth, limits, recentEventsCapacity, ackTimeout,
                clock);
    }

    public IngestHttpConfig withMaxRequestBytes(long value) {
        return new IngestHttpConfig(host, port, value, auth, limits, recentEventsCapacity, ackTimeout, clock);
    }

    public IngestHttpConfig withRecentEventsCapacity(int value) {
        return new IngestHttpConfig(host, port, maxRequestBytes, auth, limits, value, ackTimeout, clock);
    }

    public IngestHttpConfig withLimits(HttpServerLimits value) {
        return new IngestHttpConfig(host, port, maxRequestBytes, auth, value, recentEventsCapacity, ackTimeout, clock);
    }

    public IngestHttpConfig withClock(Clock value) {
        return new IngestHttpConfig(host, port, maxRequestBytes, auth, limits, recentEventsCapacity, ackTimeout,
                value);
    }
}
