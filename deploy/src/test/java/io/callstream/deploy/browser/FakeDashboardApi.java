package io.callstream.deploy.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for the dashboard server that speaks its API contract, for browser tests of the page: it serves the
 * page's static files from the classpath as the real server does ({@code /} and {@code /assets/<file>}), and
 * {@code /api/calls}, {@code /api/events} and {@code /api/calls/{id}/events} with SSE ids and Last-Event-ID resume,
 * answering 401 to a request without the token. A test publishes events and can drop every open stream, hold the
 * reconnections, or refuse the next ones, to see how the page copes.
 */
final class FakeDashboardApi implements AutoCloseable {

    /** Where the page's files are, inside the sink's jar. */
    static final String STATIC_ROOT = "io/callstream/dashboard/static/";
    /** Sent first on every stream, so that the browser reconnects quickly after a drop. */
    static final int RETRY_MS = 300;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CALL_EVENTS = Pattern.compile("/api/calls/([^/]+)/events");
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml", "png", "image/png");

    private final String token;
    private final HttpServer server;
    private final ExecutorService threads;
    private final Map<String, Map<String, Object>> calls = new LinkedHashMap<>();
    private final EventLog callEvents = new EventLog();
    private final Map<String, EventLog> perCall = new LinkedHashMap<>();
    private final List<String> lastEventIds = new CopyOnWriteArrayList<>();
    private final Object gate = new Object();
    private boolean holding;
    private int refusals;
    private volatile boolean closed;

    private FakeDashboardApi(String token) throws IOException {
        this.token = token;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // Every open stream holds a thread: the default single-threaded executor would serve one stream and no more.
        this.threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "fake-dashboard-api");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    static FakeDashboardApi start(String token) throws IOException {
        return new FakeDashboardApi(token);
    }

    /** The page as callstream prints it: with the token. */
    URI page() {
        return page(token);
    }

    /** The page with another token, or with none where it is null. */
    URI page(String anyToken) {
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        return URI.create(anyToken == null ? base : base + "?token=" + anyToken);
    }

    /** Adds or updates a call in {@code /api/calls} (newest first) and tells {@code /api/events}. */
    synchronized void putCall(Map<String, Object> call) {
        String callId = (String) call.get("callId");
        calls.remove(callId);
        calls.put(callId, call);
        callEvents.append("call", json(call));
    }

    /** Publishes one event of a call's stream and returns its SSE id. */
    long publish(String callId, String type, Map<String, Object> data) {
        return log(callId).append(type, json(data));
    }

    /** The stream requests that carried a Last-Event-ID, as "path id", in arrival order. */
    List<String> lastEventIds() {
        return List.copyOf(lastEventIds);
    }

    /** Ends every open stream, as a restarting proxy or a network blip would. */
    void dropStreams() {
        callEvents.drop();
        synchronized (this) {
            perCall.values().forEach(EventLog::drop);
        }
    }

    /** Stream requests from now on wait, unanswered, until {@link #release()}. */
    void hold() {
        synchronized (gate) {
            holding = true;
        }
    }

    void release() {
        synchronized (gate) {
            holding = false;
            gate.notifyAll();
        }
    }

    /** The next {@code count} stream requests get 503, which makes a browser's EventSource give up. */
    void refuseNextStreams(int count) {
        synchronized (gate) {
            refusals = count;
        }
    }

    private synchronized EventLog log(String callId) {
        return perCall.computeIfAbsent(callId, id -> new EventLog());
    }

    private synchronized String callsJson() {
        List<Map<String, Object>> newestFirst = new ArrayList<>(calls.values());
        Collections.reverse(newestFirst);
        return json(newestFirst);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!path.startsWith("/api/")) {
                serveStatic(exchange, path);
                return;
            }
            if (!authorized(exchange)) {
                send(exchange, 401, "application/json", "{\"error\":\"missing or wrong token\"}");
                return;
            }
            Matcher callEvents = CALL_EVENTS.matcher(path);
            if (path.equals("/api/calls")) {
                send(exchange, 200, "application/json", callsJson());
            } else if (path.equals("/api/events")) {
                stream(exchange, this.callEvents);
            } else if (callEvents.matches()) {
                stream(exchange, log(URLDecoder.decode(callEvents.group(1), StandardCharsets.UTF_8)));
            } else {
                send(exchange, 404, "application/json", "{\"error\":\"not found\"}");
            }
        }
    }

    private boolean authorized(HttpExchange exchange) {
        String bearer = exchange.getRequestHeaders().getFirst("Authorization");
        if (bearer != null && bearer.equals("Bearer " + token)) {
            return true;
        }
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return false;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("token=")
                    && URLDecoder.decode(pair.substring("token=".length()), StandardCharsets.UTF_8).equals(token)) {
                return true;
            }
        }
        return false;
    }

    private void serveStatic(HttpExchange exchange, String path) throws IOException {
        String name = path.equals("/") ? "index.html" : path.startsWith("/assets/") ? path.substring(8) : "";
        if (name.isEmpty() || name.contains("/") || name.contains("..")) {
            send(exchange, 404, "text/plain", "not found");
            return;
        }
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(STATIC_ROOT + name)) {
            if (in == null) {
                send(exchange, 404, "text/plain", "not found");
                return;
            }
            String type = CONTENT_TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1), "application/octet-stream");
            byte[] body = in.readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    /** An SSE stream: from the event after Last-Event-ID (or the first), then live until dropped or closed. */
    private void stream(HttpExchange exchange, EventLog log) throws IOException {
        String lastEventId = exchange.getRequestHeaders().getFirst("Last-Event-ID");
        if (lastEventId != null) {
            lastEventIds.add(exchange.getRequestURI().getPath() + " " + lastEventId);
        }
        synchronized (gate) {
            while (holding && !closed) {
                try {
                    gate.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (refusals > 0) {
                refusals--;
                send(exchange, 503, "application/json", "{\"error\":\"restarting\"}");
                return;
            }
        }
        long cursor = lastEventId == null ? 0 : Long.parseLong(lastEventId.trim());
        int generation = log.generation();
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        out.write(("retry: " + RETRY_MS + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        while (!closed) {
            List<Event> next = log.after(cursor, generation);
            if (next == null) {
                return; // dropped: closing the exchange ends the chunked body, and the browser reconnects
            }
            for (Event event : next) {
                out.write(event.sse().getBytes(StandardCharsets.UTF_8));
                cursor = event.id();
            }
            out.flush();
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() {
        closed = true;
        release();
        callEvents.drop();
        synchronized (this) {
            perCall.values().forEach(EventLog::drop);
        }
        server.stop(0);
        threads.shutdownNow();
    }

    record Event(long id, String type, String data) {
        String sse() {
            return "id: " + id + "\nevent: " + type + "\ndata: " + data + "\n\n";
        }
    }

    /** One stream's events, ids from 1; readers wait for more, or return null once the log is dropped. */
    private static final class EventLog {
        private final List<Event> events = new ArrayList<>();
        private int generation;

        synchronized long append(String type, String data) {
            long id = events.size() + 1L;
            events.add(new Event(id, type, data));
            notifyAll();
            return id;
        }

        synchronized int generation() {
            return generation;
        }

        synchronized void drop() {
            generation++;
            notifyAll();
        }

        /** The events after id {@code cursor}, waiting for one; null when dropped since {@code since}. */
        synchronized List<Event> after(long cursor, int since) {
            while (generation == since && events.size() <= cursor) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
            if (generation != since) {
                return null;
            }
            return List.copyOf(events.subList((int) cursor, events.size()));
        }
    }
}
