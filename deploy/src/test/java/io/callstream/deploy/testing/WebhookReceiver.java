package io.callstream.deploy.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.callstream.sink.webhook.WebhookSigner;

/**
 * A webhook receiver on 127.0.0.1, as a subscriber would write one: it refuses a bad signature with 401, answers
 * each alert's first {@code failuresPerKey} attempts with 503, then takes it, and keeps what it took by Idempotency-Key
 * in arrival order.
 */
public final class WebhookReceiver implements AutoCloseable {

    private final HttpServer server;
    private final WebhookSigner signer;
    private final int failuresPerKey;
    private final Map<String, Integer> attempts = new HashMap<>();
    private final Map<String, Integer> deliveries = new LinkedHashMap<>();
    private int requests;
    private int badSignatures;

    public WebhookReceiver(String secret, int failuresPerKey) throws IOException {
        this.signer = new WebhookSigner(secret);
        this.failuresPerKey = failuresPerKey;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/alerts", this::handle);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/alerts");
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        int status;
        synchronized (this) {
            requests++;
            String key = exchange.getRequestHeaders().getFirst(WebhookSigner.IDEMPOTENCY_KEY_HEADER);
            if (!signer.verify(exchange.getRequestHeaders().getFirst(WebhookSigner.TIMESTAMP_HEADER), body,
                    exchange.getRequestHeaders().getFirst(WebhookSigner.SIGNATURE_HEADER))) {
                badSignatures++;
                status = 401;
            } else if (attempts.merge(key, 1, Integer::sum) <= failuresPerKey) {
                status = 503;
            } else {
                deliveries.merge(key, 1, Integer::sum);
                status = 200;
            }
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    /** Alert id to how many times it was taken, in the order first taken. */
    public synchronized Map<String, Integer> deliveries() {
        return new LinkedHashMap<>(deliveries);
    }

    /** The alert ids taken, each once (a receiver deduplicating by Idempotency-Key keeps the first), in order. */
    public synchronized List<String> accepted() {
        return new ArrayList<>(deliveries.keySet());
    }

    public synchronized int requests() {
        return requests;
    }

    public synchronized int badSignatures() {
        return badSignatures;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
