package io.callstream.schemas.registry.server;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A schema registry in this process, serving the Confluent Schema Registry REST API over HTTP on 127.0.0.1, so
 * that the demo, the embedded stack and the tests run the very client and serdes production uses, and outside
 * tools (Confluent's JavaScript client, curl) can talk to it too. State lives in memory and ends with
 * {@link #close()}.
 */
public final class InProcessSchemaRegistry implements AutoCloseable {

    private static final String HOST = "127.0.0.1";
    private static final int HTTP_THREADS = 8;
    private static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

    private final HttpServer server;
    private final ExecutorService executor;

    private InProcessSchemaRegistry(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts a registry on a free port. */
    public static InProcessSchemaRegistry start() {
        return start(0);
    }

    /** Starts a registry on {@code port} of 127.0.0.1 (0 for a free one). */
    public static InProcessSchemaRegistry start(int port) {
        answerWithoutNagleDelay();
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(HOST), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the in-process schema registry on " + HOST + ":" + port
                    + " (" + e.getMessage() + "); is the port taken? Pass 0 for a free port.", e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(HTTP_THREADS,
                daemonThreads("schema-registry-" + server.getAddress().getPort() + "-"));
        server.setExecutor(executor);
        server.createContext("/", new RegistryHttpHandler(new RegistryStore()));
        server.start();
        return new InProcessSchemaRegistry(server, executor);
    }

    /** The base URL, e.g. {@code http://127.0.0.1:43121}, to hand to a client. */
    public String url() {
        return "http://" + HOST + ":" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /**
     * The JDK's HttpServer sends a response's headers and body as two writes; with Nagle's algorithm on, the body
     * then waits for the client's delayed ACK, about 40 ms on Linux, on every answer. TCP_NODELAY can only be
     * asked for with this documented jdk.httpserver property, read once, when the first HttpServer of the JVM
     * starts: so it is set here unless the application chose a value, and it applies to every HttpServer of the
     * process (to their benefit). Tests set it on the command line too, as a stub server may start first.
     */
    private static void answerWithoutNagleDelay() {
        if (System.getProperty(NODELAY_PROPERTY) == null) {
            System.setProperty(NODELAY_PROPERTY, "true");
        }
    }

    /** Daemon threads, so a registry someone forgot to close never keeps the JVM alive. */
    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
