package io.callstream.ingest.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;

import com.sun.net.httpserver.HttpHandler;
import io.callstream.schemas.http.HttpServerLimits;
import io.callstream.schemas.http.LimitedHttpServer;
import io.callstream.schemas.http.RequestGate;

/**
 * The HTTP endpoint for live feeds, on the JDK's HTTP server.
 *
 * <ul>
 *   <li>{@code POST /v1/events}: one call event in canonical JSON ({@code Content-Type: application/json}) or a
 *       batch, one per line ({@code application/x-ndjson}). {@code Authorization: Bearer <token>} unless auth is
 *       disabled, else 401 with {@code WWW-Authenticate: Bearer}. Bodies over the limit: 413, decided from
 *       {@code Content-Length} before reading, or while reading a chunked body.</li>
 *   <li>Every answer comes after Kafka acknowledged every record the request produced ({@code acks=all},
 *       idempotent producer): 200 when every event was accepted; 400 when some lines were refused — the good lines
 *       are kept and produced all the same, the answer lists each refused line with the reason, and each refused
 *       line is also a dead letter (stage {@code ingest}, source {@code http <address> line N}, the raw line as
 *       payload); 503 when Kafka did not acknowledge something, listed under {@code unacknowledged}: resend.
 *       Bodies: {@code {"message"|"error", "accepted", "duplicates", "refused", "errors": [{"line", "reason"}]}}.</li>
 *   <li>Events are keyed by callId, stamped with {@code observedAt} as the record timestamp; an event without
 *       {@code observedAt} gets the time the request arrived (see {@link BatchParser}).</li>
 *   <li>Resending is safe. This server remembers the identities (callId, lineId, revision for a line) of the
 *       events it produced recently and does not produce them again: a retried request is answered with them
 *       counted as {@code duplicates}. That memory is per instance and bounded, so the guarantee that nothing is
 *       doubled downstream is enrich's: it drops exact duplicates by the same identity.</li>
 *   <li>{@code GET /health}: 200 {@code {"status":"UP"}}, or 503 while sends to Kafka fail.</li>
 * </ul>
 *
 * <p>The server does not own the producer: close the server first (it finishes requests in flight), then the
 * producer. Clients are held to {@link HttpServerLimits}: a request (headers and body) must arrive within the
 * request timeout or its connection is closed, so slow clients cannot hold the threads; a received request then
 * waits for one of the workers (the requests waiting for Kafka at once), and is answered 503 when their queue is
 * full. {@code /health} takes no worker: it answers while every worker waits for Kafka.
 */
public final class IngestHttpServer implements AutoCloseable {

    /** Beyond the acknowledgement timeout, how long {@link #close()} lets a request in flight finish. */
    private static final Duration CLOSE_MARGIN = Duration.ofSeconds(5);

    private final LimitedHttpServer server;
    private final RequestGate gate;
    private final IngestHttpMetrics metrics;
    private final IngestHttpConfig config;

    private IngestHttpServer(LimitedHttpServer server, RequestGate gate, IngestHttpMetrics metrics,
                             IngestHttpConfig config) {
        this.server = server;
        this.gate = gate;
        this.metrics = metrics;
        this.config = config;
    }

    public static IngestHttpServer start(IngestHttpConfig config, IngestProducer producer) {
        LimitedHttpServer server;
        try {
            server = LimitedHttpServer.create(new InetSocketAddress(InetAddress.getByName(config.host()),
                    config.port()), config.limits(), "ingest-http");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on " + config.host() + ":" + config.port() + " ("
                    + e.getMessage() + "); is the port taken? Pass port 0 for a free one.", e);
        }
        IngestHttpMetrics metrics = new IngestHttpMetrics();
        BatchIngest ingest = new BatchIngest(producer, new RecentEvents(config.recentEventsCapacity()), metrics,
                config.ackTimeout());
        RequestGate gate = new RequestGate();
        HttpHandler closing = exchange -> JsonAnswer.error(503, "The server is shutting down; resend the request in a"
                + " moment or to another instance.").withHeader("Connection", "close").send(exchange);
        server.handle(EventsHandler.PATH, gate.guard(new EventsHandler(config, ingest, metrics, server.workers()),
                closing));
        // The root context answers every other path (the health check included) with JSON, 404 where unknown.
        server.handle("/", gate.guard(new HealthHandler(producer), closing));
        server.start();
        return new IngestHttpServer(server, gate, metrics, config);
    }

    public int port() {
        return server.port();
    }

    /** The base URL, e.g. {@code http://127.0.0.1:8080}. */
    public URI baseUri() {
        String host = config.host();
        String h = host.contains(":") ? "[" + host + "]" : host;
        return URI.create("http://" + h + ":" + port());
    }

    /** Where events are posted. */
    public URI eventsUri() {
        return baseUri().resolve(EventsHandler.PATH);
    }

    public IngestHttpMetrics.Snapshot metrics() {
        return metrics.snapshot();
    }

    /**
     * Answers new requests 503, lets those in flight finish (they may be waiting for Kafka, up to the
     * acknowledgement timeout), then stops listening and stops the threads.
     */
    @Override
    public void close() {
        try {
            gate.closeAndAwaitIdle(config.ackTimeout().plus(CLOSE_MARGIN));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.close();
        }
    }

}
