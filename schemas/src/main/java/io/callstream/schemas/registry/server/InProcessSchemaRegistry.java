package io.callstream.schemas.registry.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

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

    private InProcessSchemaRegistry(LimitedHttpServer server) {
        this.server = server;
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
        LimitedHttpServer server;
        try {
            server = LimitedHttpServer.create(new InetSocketAddress(InetAddress.getByName(HOST), port), limits,
                    "schema-registry");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the in-process schema registry on " + HOST + ":" + port
                    + " (" + e.getMessage() + "); is the port taken? Pass 0 for a free port.", e);
        }
        server.handle("/", new RegistryHttpHandler(new RegistryStore(), server.workers()));
        server.start();
        return new InProcessSchemaRegistry(server);
    }

    /** The base URL, e.g. {@code http://127.0.0.1:43121}, to hand to a client. */
    public String url() {
        return "http://" + HOST + ":" + port();
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
    }

}
