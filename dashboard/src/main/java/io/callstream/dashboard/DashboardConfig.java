package io.callstream.dashboard;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;

import io.callstream.schemas.http.HttpServerLimits;

/**
 * How the dashboard server runs.
 *
 * @param host       the address to listen on; 127.0.0.1 by default, so exposing it is a decision
 * @param port       the port; 0 for a free one
 * @param token      the bearer token for the page and the API (not for {@code /health/*} and {@code /metrics})
 * @param maxCalls   how many calls {@link LiveCalls} keeps in memory (see there for what is forgotten first)
 * @param limits     what slow or many clients may take (see {@link HttpServerLimits}): the request timeout, the
 *                   connections served at once, and the workers answering pages and JSON, with their queue; event
 *                   streams have threads of their own and, once open, no timeout
 * @param maxStreams event streams open at once; more are answered 503. Each holds a thread while open
 * @param keepAlive  how often an idle event stream gets a comment line, so proxies keep it open and a gone client
 *                   is noticed
 */
public record DashboardConfig(String host, int port, String token, int maxCalls, HttpServerLimits limits,
                              int maxStreams,
                              Duration keepAlive) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    /** Pages and JSON come from memory in a moment: a few workers serve many watchers. */
    public static final int DEFAULT_WORKERS = 8;
    public static final int DEFAULT_MAX_STREAMS = 64;
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(15);

    public DashboardConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(keepAlive, "keepAlive");
        Objects.requireNonNull(limits, "limits");
        if (token.isBlank()) {
            throw new IllegalArgumentException("The dashboard token must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 to 65535, got " + port);
        }
        if (maxCalls < 1 || maxStreams < 1) {
            throw new IllegalArgumentException("maxCalls and maxStreams must be at least 1, got " + maxCalls + ", "
                    + maxStreams);
        }
        if (keepAlive.isNegative() || keepAlive.isZero()) {
            throw new IllegalArgumentException("keepAlive must be positive, got " + keepAlive);
        }
    }

    /**
     * 127.0.0.1 on a free port, {@link LiveCalls#DEFAULT_MAX_CALLS} calls, {@link HttpServerLimits#defaults()} with
     * 8 workers, 64 streams, 15 s keep-alive.
     */
    public static DashboardConfig defaults(String token) {
        return new DashboardConfig(DEFAULT_HOST, 0, token, LiveCalls.DEFAULT_MAX_CALLS,
                HttpServerLimits.defaults().withWorkers(DEFAULT_WORKERS),
                DEFAULT_MAX_STREAMS, DEFAULT_KEEP_ALIVE);
    }

    /** A token for one run when none is configured: 256 random bits, URL-safe (it travels in the page's URL). */
    public static String randomToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public DashboardConfig withHost(String value) {
        return new DashboardConfig(value, port, token, maxCalls, limits, maxStreams, keepAlive);
    }

    public DashboardConfig withPort(int value) {
        return new DashboardConfig(host, value, token, maxCalls, limits, maxStreams, keepAlive);
    }

    public DashboardConfig withMaxCalls(int value) {
        return new DashboardConfig(host, port, token, value, limits, maxStreams, keepAlive);
    }

    public DashboardConfig withMaxStreams(int value) {
        return new DashboardConfig(host, port, token, maxCalls, limits, value, keepAlive);
    }

    public DashboardConfig withLimits(HttpServerLimits value) {
        return new DashboardConfig(host, port, token, maxCalls, value, maxStreams, keepAlive);
    }

    public DashboardConfig withKeepAlive(Duration value) {
        return new DashboardConfig(host, port, token, maxCalls, limits, maxStreams, value);
    }

    /** The token is a secret: it stays out of logs and error messages. */
    @Override
    public String toString() {
        return "DashboardConfig[host=" + host + ", port=" + port + ", token=***, maxCalls=" + maxCalls + ", limits="
                + limits + ", maxStreams=" + maxStreams + ", keepAlive=" + keepAlive + "]";
    }
}
