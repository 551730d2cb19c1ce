package io.callstream.schemas.http;

import java.time.Duration;
import java.util.Objects;

/**
 * What one HTTP server of the project spends on its clients, so that slow or many clients cannot take it over
 * (see {@link LimitedHttpServer}).
 *
 * @param requestTimeout how long a request may take to arrive, from its first byte to its last (headers and
 *                       body); the connection of a slower one is closed. Answers are not bounded by it: event
 *                       streams stay open for hours
 * @param maxConnections connections receiving a request or being answered at once, each holding a thread; a
 *                       request beyond them has its connection closed at once (before its headers are read, the
 *                       server has nothing to answer). Idle keep-alive connections hold no thread and do not count
 * @param workers        requests doing their work at once (once received: waiting for Kafka, reading the store)
 * @param queue          received requests waiting for a worker; beyond them, requests are answered 503
 */
public record HttpServerLimits(Duration requestTimeout, int maxConnections, int workers, int queue) {

    /** Long enough for a client on a poor mobile link to send a 1 MiB batch; short enough to shed a slow attack. */
    public static final long DEFAULT_REQUEST_TIMEOUT_SECONDS = 20;
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(DEFAULT_REQUEST_TIMEOUT_SECONDS);
    public static final int DEFAULT_MAX_CONNECTIONS = 256;
    public static final int DEFAULT_WORKERS = 16;
    public static final int DEFAULT_QUEUE = 64;

    public HttpServerLimits {
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (requestTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("requestTimeout must be at least 1 ms, got " + requestTimeout);
        }
        if (maxConnections < 1 || workers < 1 || queue < 0) {
            throw new IllegalArgumentException("maxConnections and workers must be at least 1 and queue at least 0,"
                    + " got " + maxConnections + ", " + workers + ", " + queue);
        }
    }

    /** 20 s request timeout, 256 connections, 16 workers, 64 queued. */
    public static HttpServerLimits defaults() {
        return new HttpServerLimits(DEFAULT_REQUEST_TIMEOUT, DEFAULT_MAX_CONNECTIONS, DEFAULT_WORKERS, DEFAULT_QUEUE);
    }

    public HttpServerLimits withRequestTimeout(Duration value) {
        return new HttpServerLimits(value, maxConnections, workers, queue);
    }

    public HttpServerLimits withMaxConnections(int value) {
        return new HttpServerLimits(requestTimeout, value, workers, queue);
    }

    public HttpServerLimits withWorkers(int value) {
        return new HttpServerLimits(requestTimeout, maxConnections, value, queue);
    }

    public HttpServerLimits withQueue(int value) {
        return new HttpServerLimits(requestTimeout, maxConnections, workers, value);
    }
}
