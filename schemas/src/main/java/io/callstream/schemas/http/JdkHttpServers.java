package io.callstream.schemas.http;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How the project runs the JDK's {@code com.sun.net.httpserver.HttpServer} (the in-process registry, ingest's
 * endpoint, the dashboard): call {@link #answerWithoutNagleDelay()} before creating one, and give its executors
 * {@link #daemonThreads(String)}.
 */
public final class JdkHttpServers {

    private static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

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
        if (System.getProperty(NODELAY_PROPERTY) == null) {
            System.setProperty(NODELAY_PROPERTY, "true");
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
