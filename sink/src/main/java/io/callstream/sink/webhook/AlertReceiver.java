package io.callstream.sink.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.callstream.schemas.http.RequestGate;

/**
 * The receiving end of callstream's alert webhooks, written as a consumer must write one: it verifies the signature
 * over the exact bytes before reading them (401), refuses a timestamp outside the tolerance, so that a captured
 * request cannot be replayed once that has passed (401), and acts on each alert once, answering a repeat 200 without
 * acting again, since delivery is at least once. The alert is known by its {@code alertId}, inside the signed body:
 * the Idempotency-Key header is not signed, so a replay within the tolerance under a new key would otherwise be a new
 * alert; a key that is not the body's alertId is refused (400). Ids are remembered in memory (the newest
 * {@value #REMEMBERED}); a consumer whose action must survive its own restart keeps them with the action, in one
 * transaction. Acting is serialised, which is what makes "once" hold; an action that throws is answered 500, and the
 * sender retries. An example to start from, not a hardened server: four threads and no request timeout, so a public
 * one belongs behind a proxy that has them.
 */
public final class AlertReceiver implements AutoCloseable {

    /** What it did with one request. */
    public enum Outcome { ACCEPTED, DUPLICATE, BAD_SIGNATURE, STALE, NO_KEY, NOT_JSON, KEY_MISMATCH, TOO_LARGE, FAILED }

    /** An alert accepted for the first time: its key and its JSON, as sent. */
    public record Received(String idempotencyKey, JsonNode alert) {
    }

    static final int REMEMBERED = 100_000;
    /** How long a close waits for the requests in hand. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(1);
    private static final int MAX_BODY = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebhookSigner signer;
    private final Duration tolerance;
    private final InstantSource clock;
    private final Consumer<Received> onAlert;
    private final Consumer<String> log;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final RequestGate gate = new RequestGate();
    private final Duration closeWait;
    private final String path;
    private final Map<String, Boolean> seen = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };
    private final Map<Outcome, Long> counts = new LinkedHashMap<>();

    private AlertReceiver(HttpServer server, String path, String secret, Duration tolerance, Duration closeWait,
                          InstantSource clock, Consumer<Received> onAlert, Consumer<String> log) {
        this.server = server;
        this.closeWait = closeWait;
        this.path = path;
        this.signer = new WebhookSigner(secret);
        this.tolerance = tolerance;
        this.clock = clock;
        this.onAlert = onAlert;
        this.log = log;
        for (Outcome o : Outcome.values()) {
            counts.put(o, 0L);
        }
    }

    /**
     * Listens on {@code host:port} (0: a free one) at {@code path}.
     *
     * @param onAlert hears each alert the first time its key arrives, on the request's thread, before the answer
     * @param log     hears a line for every request refused or repeated
     */
    public static AlertReceiver start(String host, int port, String path, String secret, Duration tolerance,
                                      InstantSource clock, Consumer<Received> onAlert, Consumer<String> log) {
        return start(host, port, path, secret, tolerance, CLOSE_WAIT, clock, onAlert, log);
    }

    /** As above, a close waiting up to {@code closeWait} for the requests in hand. */
    static AlertReceiver start(String host, int port, String path, String secret, Duration tolerance,
                               Duration closeWait, InstantSource clock, Consumer<Received> onAlert,
                               Consumer<String> log) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
            AlertReceiver receiver = new AlertReceiver(server, path, secret, tolerance, closeWait, clock, onAlert,
                    log);
            server.createContext(path, receiver.gate.guard(receiver::handle, exchange -> {
                exchange.getResponseHeaders().set("Connection", "close");
                answer(exchange, 503, "shutting down; send the alert again in a moment");
            }));
            server.setExecutor(receiver.threads);
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI url() {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getHostString() + ":" + address.getPort() + path);
    }

    /** Whether a close has begun: new requests are answered 503. */
    boolean closing() {
        return gate.closing();
    }

    /** How many requests ended each way so far. */
    public synchronized Map<Outcome, Long> counts() {
        return Map.copyOf(counts);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().add("Allow", "POST");
                answer(exchange, 405, "POST alerts here");
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY + 1);
            }
            Outcome outcome = decide(exchange, body);
            switch (outcome) {
                case ACCEPTED, DUPLICATE -> answer(exchange, 200, outcome == Outcome.ACCEPTED ? "accepted" : "already had it");
                case BAD_SIGNATURE -> answer(exchange, 401, "the signature does not match the body and the shared secret");
                case STALE -> answer(exchange, 401, "the timestamp is outside " + tolerance.toSeconds() + " s of now");
                case NO_KEY -> answer(exchange, 400, "no " + WebhookSigner.IDEMPOTENCY_KEY_HEADER + " header");
                case NOT_JSON -> answer(exchange, 400, "the body is not a JSON object with an alertId");
                case KEY_MISMATCH -> answer(exchange, 400, "the " + WebhookSigner.IDEMPOTENCY_KEY_HEADER
                        + " is not the alertId the body was signed with");
                case FAILED -> answer(exchange, 500, "acting on the alert failed; send it again");
                case TOO_LARGE -> answer(exchange, 413, "over " + MAX_BODY + " bytes");
            }
        }
    }

    private Outcome decide(HttpExchange exchange, byte[] body) {
        if (body.length > MAX_BODY) {
            return count(Outcome.TOO_LARGE, "refused a body over " + MAX_BODY + " bytes");
        }
        String timestamp = exchange.getRequestHeaders().getFirst(WebhookSigner.TIMESTAMP_HEADER);
        // The signature first: nothing of an unverified request is read, not even its key.
        if (!signer.verify(timestamp, body, exchange.getRequestHeaders().getFirst(WebhookSigner.SIGNATURE_HEADER))) {
            return count(Outcome.BAD_SIGNATURE, "refused a request whose signature does not match (401)");
        }
        long sent = Long.parseLong(timestamp.trim());
        if (Math.abs(clock.instant().getEpochSecond() - sent) > tolerance.toSeconds()) {
            return count(Outcome.STALE, "refused a request signed at " + sent + ", outside the tolerance (401)");
        }
        String key = exchange.getRequestHeaders().getFirst(WebhookSigner.IDEMPOTENCY_KEY_HEADER);
        if (key == null || key.isBlank()) {
            return count(Outcome.NO_KEY, "refused a request without an Idempotency-Key (400)");
        }
        JsonNode alert;
        try {
            alert = JSON.readTree(new String(body, StandardCharsets.UTF_8));
        } catch (IOException e) {
            alert = null;
        }
        if (alert == null || !alert.isObject() || !alert.path("alertId").isTextual()) {
            return count(Outcome.NOT_JSON, "refused a body that is not a JSON object with an alertId (400)");
        }
        String alertId = alert.get("alertId").asText();
        if (!alertId.equals(key)) {
            return count(Outcome.KEY_MISMATCH, "refused key " + key + " for alert " + alertId + " (400)");
        }
        // One request per alert acts: a redelivery racing the first waits here, then is a duplicate.
        synchronized (seen) {
            if (seen.containsKey(alertId)) {
                return count(Outcome.DUPLICATE, "already had " + alertId + ": answered 200, not acted on again");
            }
            try {
                onAlert.accept(new Received(alertId, alert));
            } catch (RuntimeException e) {
                return count(Outcome.FAILED, "acting on " + alertId + " failed (500, to be sent again): " + e);
            }
            seen.put(alertId, Boolean.TRUE);
        }
        return count(Outcome.ACCEPTED, null);
    }

    private Outcome count(Outcome outcome, String line) {
        synchronized (this) {
            counts.merge(outcome, 1L, Long::sum);
        }
        if (line != null) {
            log.accept(line);
        }
        return outcome;
    }

    private static void answer(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /**
     * Answers new requests 503, waits for those in hand (a second at most: then their connections are cut and their
     * senders retry; an action still running finishes on its thread, up to 5 s more), then stops: at once where none
     * is in hand. Idempotent.
     */
    @Override
    public void close() {
        try {
            gate.closeAndAwaitIdle(closeWait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.stop(0);
        threads.shutdown();
        try {
            if (!threads.awaitTermination(5, TimeUnit.SECONDS)) {
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            threads.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
