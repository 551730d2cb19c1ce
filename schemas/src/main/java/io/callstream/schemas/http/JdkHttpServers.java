package io.callstream.schemas.http;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How the project runs the JDK's {@code com.sun.net.httpserver.HttpServer} (the in-process registry, ingest's
 * endpoint, the dashboard): through {@link LimitedHttpServer}, which applies the process-wide settings below before
 * the first server starts and gives its executors {@link #daemonThreads(String)}.
 */
public final class JdkHttpServers {

    private static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";
    /** Seconds an idle keep-alive connection (or a new one that sent nothing yet) stays open; JDK default 30. */
    static final String IDLE_INTERVAL_PROPERTY = "sun.net.httpserver.idleInterval";
    /** Connections one server keeps open, idle ones included; more are closed as soon as accepted. JDK: no limit. */
    static final String MAX_CONNECTIONS_PROPERTY = "jdk.httpserver.maxConnections";
    static final long DEFAULT_IDLE_SECONDS = 30;
    static final int DEFAULT_OPEN_CONNECTIONS = 1000;

    private JdkHttpServers() {
    }

    /**
     * The JDK's HttpServer sends a response's headers and body as two writes; with Nagle's algorithm on, the body
     * then waits for the client's delayed ACK, about 40 ms on Linux, on every answer. TCP_NODELAY can only be
     * asked for with this documented jdk.httpserver property, read once, when the first HttpServer of the JVM
     * starts: so it is set here unless the application chose a value, and it applies to every HttpServer of the
     * process (to their benefit). Tests set it on the command line too, as a stub server may start first.
     */
    public static void answerWithoutNagleDelay() {
        setUnlessChosen(NODELAY_PROPERTY, "true");
    }

    /**
     * The JDK server's settings that only exist per process: each is read once, when the first HttpServer of the
     * JVM is created, and then applies to all of them. An operator's {@code -D} value wins; otherwise: TCP_NODELAY
     * (see {@link #answerWithoutNagleDelay()}), idle keep-alive connections closed after 30 s (the JDK's default,
     * made explicit; its check runs every 10 s, so a connection is closed 30 to 40 s after its last request), and
     * at most 1000 open connections per server, so that connections which send nothing, and hold no thread, still
     * cannot exhaust the process's file descriptors. The per-server limits are {@link HttpServerLimits}.
     */
    public static void applyProcessSettings() {
        answerWithoutNagleDelay();
        setUnlessChosen(IDLE_INTERVAL_PROPERTY, Long.toString(DEFAULT_IDLE_SECONDS));
        setUnlessChosen(MAX_CONNECTIONS_PROPERTY, Integer.toString(DEFAULT_OPEN_CONNECTIONS));
    }

    private static void setUnlessChosen(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    /** Daemon threads named prefix + n, so a server someone forgot to close never keeps the JVM alive. */
    public static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
