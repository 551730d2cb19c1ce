package io.callstream.schemas.registry.server;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.callstream.schemas.http.JdkHttpServers;

/**
 * A schema registry in this process, serving the Confluent Schema Registry REST API over HTTP on 127.0.0.1, so
 * that the demo, the embedded stack and the tests run the very client and serdes production uses, and outside
 * tools (Confluent's JavaScript client, curl) can talk to it too. State lives in memory and ends with
 * {@link #close()}.
 */
public final class InProcessSchemaRegistry implements AutoCloseable {

    private static final String HOST = "127.0.0.1";
    private static final int HTTP_THREADS = 8;

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
        JdkHttpServers.answerWithoutNagleDelay();
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(HOST), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the in-process schema registry on " + HOST + ":" + port
                    + " (" + e.getMessage() + "); is the port taken? Pass 0 for a free port.", e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(HTTP_THREADS,
                JdkHttpServers.daemonThreads("schema-registry-" + server.getAddress().getPort() + "-"));
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

}
