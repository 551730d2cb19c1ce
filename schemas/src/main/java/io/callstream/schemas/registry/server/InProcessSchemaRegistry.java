package io.callstream.schemas.registry.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import javax.net.ssl.SSLContext;

import io.callstream.schemas.http.HttpServerLimits;
import io.callstream.schemas.http.LimitedHttpServer;

/**
 * A schema registry in this process, serving the Confluent Schema Registry REST API over HTTP on 127.0.0.1, so
 * that the demo, the embedded stack and the tests run the very client and serdes production uses, and outside
 * tools (Confluent's JavaScript client, curl) can talk to it too. State lives in memory and ends with
 * {@link #close()}. Slow or many clients are held to {@link HttpServerLimits} like every server of the project.
 */
public final class InProcessSchemaRegistry implements AutoCloseable {

    private static final String HOST = "127.0.0.1";
    /** Its answers come from memory in microseconds: a few workers serve every client of a stack. */
    private static final int WORKERS = 8;

    private final LimitedHttpServer server;
    private final RegistryAccess access;

    private InProcessSchemaRegistry(LimitedHttpServer server, RegistryAccess access) {
        this.server = server;
        this.access = access;
    }

    /** Starts a registry on a free port. */
    public static InProcessSchemaRegistry start() {
        return start(0);
    }

    /** Starts a registry on {@code port} of 127.0.0.1 (0 for a free one). */
    public static InProcessSchemaRegistry start(int port) {
        return start(port, HttpServerLimits.defaults().withWorkers(WORKERS));
    }

    /** Starts a registry on {@code port} of 127.0.0.1 (0 for a free one), holding clients to {@code limits}. */
    public static InProcessSchemaRegistry start(int port, HttpServerLimits limits) {
        return start(port, limits, RegistryAccess.open(), null);
    }

    /** Starts a registry on a free port that answers only requests with {@code access}'s credentials. */
    public static InProcessSchemaRegistry startSecured(RegistryAccess access) {
        return startSecured(0, access);
    }

    /** Starts a registry on {@code port} (0 for a free one) that answers only requests with {@code access}'s credentials. */
    public static InProcessSchemaRegistry startSecured(int port, RegistryAccess access) {
        return start(port, HttpServerLimits.defaults().withWorkers(WORKERS), access, null);
    }

    /**
     * Starts a registry on {@code port} of 127.0.0.1 (0 for a free one).
     *
     * <p>Secured ({@link RegistryAccess#secured()}), it refuses every request without valid credentials, reads
     * included, with 401, Confluent's {@code {"error_code":401,"message":"Unauthorized"}} and a
     * {@code WWW-Authenticate} challenge. Reads are protected too because that is what the registries it stands in
     * for do (Confluent Cloud, Confluent Schema Registry with basic auth, Karapace with users): a client that sent
     * credentials only when writing, or a deserializer built without them, must fail here as it would there, not
     * pass a test and fail in production.
     *
     * @param tls null for HTTP; otherwise it serves HTTPS with this context's key and certificate
     */
    public static InProcessSchemaRegistry start(int port, HttpServerLimits limits, RegistryAccess access,
                                                SSLContext tls) {
        LimitedHttpServer server;
        try {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(HOST), port);
            server = tls == null ? LimitedHttpServer.create(address, limits, "schema-registry")
                    : LimitedHttpServer.createHttps(address, limits, "schema-registry", tls);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the in-process schema registry on " + HOST + ":" + port
                    + " (" + e.getMessage() + "); is the port taken? Pass 0 for a free port.", e);
        }
        server.handle("/", new RegistryHttpHandler(new RegistryStore(), server.workers(), access));
        server.start();
        return new InProcessSchemaRegistry(server, access);
    }

    /** The base URL, e.g. {@code http://127.0.0.1:43121} (https when started with TLS), to hand to a client. */
    public String url() {
        return (server.isHttps() ? "https://" : "http://") + HOST + ":" + port();
    }

    /** Whether requests need credentials. */
    public boolean secured() {
        return access.secured();
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
    }

}
