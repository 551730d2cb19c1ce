package io.callstream.schemas.http;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import javax.net.ssl.SSLContext;

/**
 * A JDK {@link HttpServer} that slow or many clients cannot take over, as every HTTP server of the project runs
 * (the in-process registry, ingest's endpoint, the dashboard): each connection being served gets its own thread,
 * up to {@link HttpServerLimits#maxConnections()}; a request must arrive within
 * {@link HttpServerLimits#requestTimeout()}; and handlers do their work through {@link #workers()}, a bounded pool
 * that answers 503 when its queue is full. Idle keep-alive connections and the count of open ones are the JDK's
 * own, process-wide settings ({@link JdkHttpServers#applyProcessSettings()}).
 */
public final class LimitedHttpServer implements AutoCloseable {

    private final HttpServer server;
    private final ConnectionThreads threads;
    private final Workers workers;
    private final HttpServerLimits limits;

    private LimitedHttpServer(HttpServer server, ConnectionThreads threads, HttpServerLimits limits) {
        this.server = server;
        this.threads = threads;
        this.limits = limits;
        this.workers = new Workers(limits.workers(), limits.queue());
    }

    /**
     * Binds {@code address} (not yet serving: add the handlers, then {@link #start()}).
     *
     * @param name names the threads, with the port: {@code name-PORT-N}
     */
    public static LimitedHttpServer create(InetSocketAddress address, HttpServerLimits limits, String name)
            throws IOException {
        JdkHttpServers.applyProcessSettings();
        return limit(HttpServer.create(address, 0), limits, name);
    }

    /**
     * As {@link #create}, serving HTTPS with {@code tls}'s key and certificate, held to the same limits (the JDK
     * does the TLS handshake as it reads the request, on the connection's thread).
     */
    public static LimitedHttpServer createHttps(InetSocketAddress address, HttpServerLimits limits, String name,
                                                SSLContext tls) throws IOException {
        JdkHttpServers.applyProcessSettings();
        HttpsServer server = HttpsServer.create(address, 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        return limit(server, limits, name);
    }

    private static LimitedHttpServer limit(HttpServer server, HttpServerLimits limits, String name) {
        ConnectionThreads threads = new ConnectionThreads(limits, name + "-" + server.getAddress().getPort() + "-");
        server.setExecutor(threads);
        return new LimitedHttpServer(server, threads, limits);
    }

    /** Serves {@code path} and below with {@code handler}, with the request timeout. */
    public HttpContext handle(String path, HttpHandler handler) {
        HttpContext context = server.createContext(path, handler);
        context.getFilters().add(threads.arrivalFilter());
        return context;
    }

    public void start() {
        server.start();
    }

    /** The pool handlers do their work in, once they have read the request. */
    public Workers workers() {
        return workers;
    }

    public HttpServerLimits limits() {
        return limits;
    }

    /** Whether it serves HTTPS ({@link #createHttps}). */
    public boolean isHttps() {
        return server instanceof HttpsServer;
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops listening, closes the connections and stops the threads; exchanges in flight are cut short. */
    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
