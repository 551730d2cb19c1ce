package io.callstream.sink.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver as a careful user would write one, on 127.0.0.1: it verifies the signature (401 if wrong),
 * plays scripted answers per idempotency key (503s, 400s, or a late answer), and keeps each key once.
 */
final class LocalReceiver implements AutoCloseable {

    /** A scripted answer: a status, or DELAY_THEN_OK (take the alert, answer 200 only after {@code delayMs}). */
    static final int DELAY_THEN_OK = -1;

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final WebhookSigner signer;
    private final long delayMs;
    private final Map<String, Deque<Integer>> scripts = new HashMap<>();
    private final Map<String, Integer> requestsPerKey = new HashMap<>();
    private final LinkedHashSet<String> accepted = new LinkedHashSet<>();
    private final List<byte[]> acceptedBodies = new ArrayList<>();
    private int badSignatures;

    LocalReceiver(String secret, long delayMs) throws IOException {
        this.signer = new WebhookSigner(secret);
        this.delayMs = delayMs;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/alerts", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/alerts");
    }

    /** The next answers for this key, in order; after them, 200. */
    synchronized LocalReceiver script(String key, Integer... answers) {
        scripts.computeIfAbsent(key, k -> new ArrayDeque<>()).addAll(List.of(answers));
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String key = exchange.getRequestHeaders().getFirst(WebhookSigner.IDEMPOTENCY_KEY_HEADER);
        int answer;
        synchronized (this) {
            requestsPerKey.merge(key, 1, Integer::sum);
            if (!signer.verify(exchange.getRequestHeaders().getFirst(WebhookSigner.TIMESTAMP_HEADER), body,
                    exchange.getRequestHeaders().getFirst(WebhookSigner.SIGNATURE_HEADER))) {
                badSignatures++;
                answer = 401;
            } else {
                Deque<Integer> script = scripts.get(key);
                answer = script == null || script.isEmpty() ? 200 : script.poll();
                if ((answer == 200 || answer == DELAY_THEN_OK) && accepted.add(key)) {
                    acceptedBodies.add(body);
                }
            }
        }
        if (answer == DELAY_THEN_OK) {
            try {
                Thread.sleep(delayMs); // the slow receiver the time-out test needs
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer = 200;
        }
        exchange.sendResponseHeaders(answer, -1);
        exchange.close();
    }

    /** Keys taken, each once, in the order first taken. */
    synchronized List<String> accepted() {
        return List.copyOf(accepted);
    }

    synchronized List<byte[]> acceptedBodies() {
        return List.copyOf(acceptedBodies);
    }

    synchronized int requests(String key) {
        return requestsPerKey.getOrDefault(key, 0);
    }

    synchronized int badSignatures() {
        return badSignatures;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
