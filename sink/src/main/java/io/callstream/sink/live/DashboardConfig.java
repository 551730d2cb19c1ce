package io.callstream.sink.live;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;

/**
 * How the dashboard server runs.
 *
 * @param host       the address to listen on; 127.0.0.1 by default, so exposing it is a decision
 * @param port       the port; 0 for a free one
 * @param token      the bearer token for the page and the API (not for {@code /health/*} and {@code /metrics})
 * @param maxCalls   how many calls {@link LiveCalls} keeps in memory (see there for what is forgotten first)
 * @param threads    threads answering requests (pages, assets, JSON); event streams have threads of their own
 * @param maxStreams event streams open at once; more are answered 503. Each holds a thread while open
 * @param keepAlive  how often an idle event stream gets a comment line, so proxies keep it open and a gone client
 *                   is noticed
 */
public record DashboardConfig(String host, int port, String token, int maxCalls, int threads, int maxStreams,
                              Duration keepAlive) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_THREADS = 8;
    public static final int DEFAULT_MAX_STREAMS = 64;
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(15);

    public DashboardConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(keepAlive, "keepAlive");
        if (token.isBlank()) {
            throw new IllegalArgumentException("The dashboard token must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 to 65535, got " + port);
        }
        if (maxCalls < 1 || threads < 1 || maxStreams < 1) {
            throw new IllegalArgumentException("maxCalls, threads and maxStreams must be at least 1, got " + maxCalls
                    + ", " + threads + ", " + maxStreams);
        }
        if (keepAlive.isNegative() || keepAlive.isZero()) {
            throw new IllegalArgumentException("keepAlive must be positive, got " + keepAlive);
        }
    }

    /** 127.0.0.1 on a free port, {@link LiveCalls#DEFAULT_MAX_CALLS} calls, 8 threads, 64 streams, 15 s keep-alive. */
    public static DashboardConfig defaults(String token) {
        return new DashboardConfig(DEFAULT_HOST, 0, token, LiveCalls.DEFAULT_MAX_CALLS, DEFAULT_THREADS,
                DEFAULT_MAX_STREAMS, DEFAULT_KEEP_ALIVE);
    }

    /** A token for one run when none is configured: 256 random bits, URL-safe (it travels in the page's URL). */
    public static String randomToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public DashboardConfig withHost(String value) {
        return new DashboardConfig(value, port, token, maxCalls, threads, maxStreams, keepAlive);
    }

    public DashboardConfig withPort(int value) {
        return new DashboardConfig(host, value, token, maxCalls, threads, maxStreams, keepAlive);
    }

    public DashboardConfig withMaxCalls(int value) {
        return new DashboardConfig(host, port, token, value, threads, maxStreams, keepAlive);
    }

    public DashboardConfig withMaxStreams(int value) {
        return new DashboardConfig(host, port, token, maxCalls, threads, value, keepAlive);
    }

    public DashboardConfig withKeepAlive(Duration value) {
        return new DashboardConfig(host, port, token, maxCalls, threads, maxStreams, value);
    }

    /** The token is a secret: it stays out of logs and error messages. */
    @Override
    public String toString() {
        return "DashboardConfig[host=" + host + ", port=" + port + ", token=***, maxCalls=" + maxCalls + ", threads="
                + threads + ", maxStreams=" + maxStreams + ", keepAlive=" + keepAlive + "]";
    }
}
