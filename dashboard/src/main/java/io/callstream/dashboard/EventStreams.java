package io.callstream.dashboard;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;

import com.sun.net.httpserver.HttpExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-sent event streams: a call's events ({@code GET /api/calls/{callId}/events}) and the calls list's
 * ({@code GET /api/events}).
 *
 * <p>Each stream starts with {@code retry: 1000}, then every event after the client's last one: the
 * {@code Last-Event-ID} header (which the browser's {@code EventSource} sends when it reconnects) or else the
 * {@code lastEventId} query parameter; without either, from the first event. Then events as they happen, and a
 * comment line when none came for {@code keepAlive}. The logs are compacted ({@link EventLog}), so what a client
 * gets on resuming is the latest state of everything that changed since its last event: nothing missed, no event
 * twice.
 *
 * <p>A stream holds a thread while it is open, so streams run on an executor of their own, at most
 * {@code maxStreams} at once, and never take the threads that answer pages and JSON.
 */
final class EventStreams {

    private static final Logger log = LoggerFactory.getLogger(EventStreams.class);
    private static final byte[] RETRY = "retry: 1000\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);

    /** Where a stream's events come from: a call's log, or the global one. Empty when the call is gone. */
    @FunctionalInterface
    private interface Source {
        Optional<List<LiveEvent>> await(long after, Duration wait) throws InterruptedException;
    }

    private final LiveCalls calls;
    private final ExecutorService executor;
    private final Semaphore slots;
    private final Duration keepAlive;
    private final Set<HttpExchange> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    EventStreams(LiveCalls calls, ExecutorService executor, int maxStreams, Duration keepAlive) {
        this.calls = calls;
        this.executor = executor;
        this.slots = new Semaphore(maxStreams);
        this.keepAlive = keepAlive;
    }

    /** {@code GET /api/calls/{callId}/events}. */
    void call(HttpExchange exchange, Route.Request request) throws IOException {
        String callId = request.path("callId");
        if (!calls.contains(callId)) {
            HttpAnswers.error(exchange, 404, "No call " + callId + " (unknown, or forgotten to make room).");
            return;
        }
        start(exchange, request, (after, wait) -> calls.awaitEvents(callId, after, wait));
    }

    /** {@code GET /api/events}. */
    void global(HttpExchange exchange, Route.Request request) throws IOException {
        start(exchange, request, (after, wait) -> Optional.of(calls.awaitCallEvents(after, wait)));
    }

    private void start(HttpExchange exchange, Route.Request request, Source source) throws IOException {
        String header = exchange.getRequestHeaders().getFirst("Last-Event-ID");
        String lastEventId = header != null && !header.isBlank() ? header.strip() : request.query().first("lastEventId");
        long after;
        try {
            after = lastEventId == null || lastEventId.isEmpty() ? Long.MIN_VALUE : Long.parseLong(lastEventId);
        } catch (NumberFormatException e) {
            HttpAnswers.error(exchange, 400, "The last event id must be a whole number, as the stream sent it.");
            return;
        }
        if (closed) {
            HttpAnswers.error(exchange, 503, "The dashboard is shutting down.");
            return;
        }
        if (!slots.tryAcquire()) {
            HttpAnswers.error(exchange, 503, "Too many event streams are open; try again later.");
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    stream(exchange, source, after);
                } finally {
                    slots.release();
                }
            });
        } catch (RejectedExecutionException e) {
            slots.release();
            HttpAnswers.error(exchange, 503, "The dashboard is shutting down.");
        }
    }

    private void stream(HttpExchange exchange, Source source, long after) {
        open.add(exchange);
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            // Proxies such as nginx would otherwise hold events back to fill a buffer.
            exchange.getResponseHeaders().set("X-Accel-Buffering", "no");
            HttpAnswers.common(exchange.getResponseHeaders());
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write(RETRY);
            out.flush();
            long last = after;
            while (!closed) {
                Optional<List<LiveEvent>> events = source.await(last, keepAlive);
                if (events.isEmpty()) {
                    return; // the call was forgotten: its stream ends; a reconnect gets 404
                }
                if (events.get().isEmpty()) {
                    out.write(KEEP_ALIVE);
                }
                for (LiveEvent e : events.get()) {
                    out.write(frame(e));
                    last = e.id();
                }
                out.flush();
            }
        } catch (IOException e) {
            log.debug("An event stream ended: {}", e.getMessage()); // the client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing
        } finally {
            open.remove(exchange);
        }
    }

    /** One event; its data is one line, since JSON written compactly escapes every line break inside strings. */
    static byte[] frame(LiveEvent e) {
        return ("id: " + e.id() + "\nevent: " + e.type() + "\ndata: " + e.data() + "\n\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Ends every stream now: waiting ones are interrupted by the executor's shutdown, writing ones by this. */
    void close() {
        closed = true;
        executor.shutdownNow();
        for (HttpExchange exchange : open) {
            exchange.close();
        }
    }

    int openStreams() {
        return open.size();
    }
}
