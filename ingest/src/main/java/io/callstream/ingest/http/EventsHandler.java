package io.callstream.ingest.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.callstream.ingest.canonical.LineResult;
import io.callstream.schemas.http.BearerAuth;
import io.callstream.schemas.http.Workers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/events}: checks, in this order, the path and method, the token (before a byte of the body is
 * read), the content type and the size; reads the body; then, with one of the workers, parses, produces and
 * answers once Kafka has acknowledged (503 when every worker is busy and the queue is full).
 */
final class EventsHandler implements HttpHandler {

    static final String PATH = "/v1/events";
    private static final Logger LOG = LoggerFactory.getLogger(EventsHandler.class);
    private static final String CHALLENGE = "Bearer realm=\"callstream\"";
    /** A batch a few times over the limit, sent by mistake, is read to its end; a larger stream is cut. */
    private static final long LEAST_DISCARD = 16L * 1024 * 1024;

    private final BearerAuth auth;
    private final long maxRequestBytes;
    /** How much of a body left unread is read and dropped after the answer, at most. */
    private final long discardUpTo;
    private final BatchParser parser;
    private final BatchIngest ingest;
    private final IngestHttpMetrics metrics;
    private final Clock clock;
    private final Workers workers;

    EventsHandler(IngestHttpConfig config, BatchIngest ingest, IngestHttpMetrics metrics, Workers workers) {
        this.auth = config.auth();
        this.maxRequestBytes = config.maxRequestBytes();
        this.discardUpTo = Math.max(LEAST_DISCARD, 4 * config.maxRequestBytes());
        this.parser = new BatchParser(config.maxRequestBytes());
        this.ingest = ingest;
        this.metrics = metrics;
        this.clock = config.clock();
        this.workers = workers;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonAnswer answer;
            try {
                answer = answer(exchange);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answer = JsonAnswer.error(503, "The server is shutting down; resend the request.");
            } catch (RuntimeException e) {
                LOG.error("Ingest failed on {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                answer = JsonAnswer.error(500, "Internal error: " + e + ". Resend the request; if this persists,"
                        + " report it with the server's log.");
            }
            // A body left unread (refused before or while it was read: 401, 413, 415, ...) is read on past the answer,
            // so that its sender hears why (see JsonAnswer); a body read to its end ends the discarding at once.
            answer.send(exchange, LimitedBody.discardable(
                    exchange.getRequestHeaders().getFirst("Content-Length"), discardUpTo));
        }
    }

    private JsonAnswer answer(HttpExchange exchange) throws IOException, InterruptedException {
        Instant receivedAt = clock.instant();
        metrics.requests.incrementAndGet();
        if (!PATH.equals(exchange.getRequestURI().getPath())) {
            return JsonAnswer.error(404, "No such resource; events go to POST " + PATH + ".");
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            return JsonAnswer.error(405, "Only POST is allowed on " + PATH + ".").withHeader("Allow", "POST");
        }
        BearerAuth.Verdict verdict = auth.check(exchange.getRequestHeaders().getFirst("Authorization"));
        if (verdict != BearerAuth.Verdict.ALLOWED) {
            metrics.unauthorized.incrementAndGet();
            return verdict == BearerAuth.Verdict.MISSING
                    ? JsonAnswer.error(401, "Authentication required: send the header 'Authorization: Bearer"
                    + " <token>' with the ingest token.").withHeader("WWW-Authenticate", CHALLENGE)
                    : JsonAnswer.error(401, "The bearer token is not valid; send the ingest token this server was"
                    + " started with.").withHeader("WWW-Authenticate", CHALLENGE + ", error=\"invalid_token\"");
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        Optional<BodyKind> kind = BodyKind.of(contentType);
        if (kind.isEmpty()) {
            return JsonAnswer.error(415, "Content-Type " + (contentType == null ? "missing" : "'" + contentType + "'")
                    + " is not taken; send one event as application/json or a batch, one event per line, as"
                    + " application/x-ndjson, in UTF-8.");
        }
        byte[] body;
        try {
            body = LimitedBody.read(exchange.getRequestBody(),
                    exchange.getRequestHeaders().getFirst("Content-Length"), maxRequestBytes);
        } catch (RequestTooLargeException e) {
            metrics.tooLarge.incrementAndGet();
            // The connection is closed after the answer (and the rest of the body dropped, see handle): that is how
            // the client learns to stop sending.
            return JsonAnswer.error(413, e.getMessage()).withHeader("Connection", "close");
        }
        // Only now, with the body in hand, does the request take a worker: a slow sender holds none.
        if (!workers.enter()) {
            metrics.busy.incrementAndGet();
            return JsonAnswer.error(503, "The server is busy with other requests; resend in a moment.")
                    .withHeader("Retry-After", "1");
        }
        try {
            List<LineResult> lines = parser.parse(body, kind.get(), receivedAt);
            if (lines.isEmpty()) {
                return JsonAnswer.error(400, "The request holds no event; send one canonical JSON call event, or"
                        + " several, one per line.");
            }
            BatchReport report = ingest.ingest(lines, source(exchange), receivedAt);
            return JsonAnswer.of(report.status(), json(report));
        } finally {
            workers.exit();
        }
    }

    private static String source(HttpExchange exchange) {
        InetSocketAddress remote = exchange.getRemoteAddress();
        return "http " + (remote == null || remote.getAddress() == null ? "unknown"
                : remote.getAddress().getHostAddress());
    }

    private static ObjectNode json(BatchReport report) {
        ObjectNode body = JsonAnswer.object();
        if (report.status() == 200) {
            body.put("message", report.message());
        } else {
            body.put("error", report.message());
        }
        body.put("accepted", report.accepted());
        body.put("duplicates", report.duplicates());
        body.put("refused", report.refused().size());
        lineErrors(body.putArray("errors"), report.refused());
        if (!report.unacknowledged().isEmpty()) {
            lineErrors(body.putArray("unacknowledged"), report.unacknowledged());
        }
        return body;
    }

    private static void lineErrors(ArrayNode array, List<BatchReport.LineError> errors) {
        errors.forEach(e -> array.addObject().put("line", e.line()).put("reason", e.reason()));
    }
}
