package io.callstream.dashboard;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A server-sent events client for tests, reading the stream as the browser's EventSource does (fields, blank line
 * ends an event, comment lines start with ':'), on a thread of its own. {@link #close()} drops the connection.
 */
final class SseClient implements AutoCloseable {

    /** One thing read from the stream: an event, a comment ({@code event} null, {@code data} the comment) or a retry. */
    record Frame(String id, String event, String data, String comment, String retry) {
        boolean isEvent() {
            return data != null;
        }

        long idNumber() {
            return Long.parseLong(id);
        }

        JsonNode json() {
            try {
                return new ObjectMapper().readTree(data);
            } catch (IOException e) {
                throw new AssertionError("Not JSON: " + data, e);
            }
        }
    }

    private static final Frame END = new Frame(null, null, null, null, null);

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final Thread reader;

    private SseClient(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-client");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Opens the stream; {@code lastEventId} null for none. Fails unless the answer is 200 text/event-stream. */
    static SseClient open(HttpClient http, URI uri, String token, String lastEventId) throws Exception {
        HttpResponse<InputStream> response = http.send(request(uri, token, lastEventId),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            String body = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
            throw new AssertionError("Expected a stream, got " + response.statusCode() + ": " + body);
        }
        return new SseClient(response);
    }

    static HttpRequest request(URI uri, String token, String lastEventId) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        return b.build();
    }

    HttpResponse<InputStream> response() {
        return response;
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String event = null;
            StringBuilder data = null;
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data != null) {
                        frames.add(new Frame(id, event == null ? "message" : event, data.toString(), null, null));
                    }
                    id = null;
                    event = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    frames.add(new Frame(null, null, null, line.substring(1).strip(), null));
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1);
                    if (value.startsWith(" ")) {
                        value = value.substring(1);
                    }
                    switch (field) {
                        case "id" -> id = value;
                        case "event" -> event = value;
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        case "retry" -> frames.add(new Frame(null, null, null, null, value));
                        default -> throw new IllegalStateException("Unknown field: " + line);
                    }
                }
            }
        } catch (IOException e) {
            // closed by the test, or by the server
        } finally {
            frames.add(END);
        }
    }

    /** The next frame, or null if none came in time; fails if the stream ended. */
    Frame next(Duration wait) throws InterruptedException {
        Frame f = frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (f == END) {
            frames.add(END);
            throw new AssertionError("The stream ended");
        }
        return f;
    }

    /** The next {@code n} events, skipping comments and retry lines; fails if they do not all come in time. */
    List<Frame> events(int n, Duration wait) throws InterruptedException {
        List<Frame> events = new ArrayList<>();
        long deadline = System.nanoTime() + wait.toNanos();
        while (events.size() < n) {
            long left = deadline - System.nanoTime();
            Frame f = left <= 0 ? null : next(Duration.ofNanos(left));
            if (f == null) {
                throw new AssertionError("Only " + events.size() + " of " + n + " events came: " + events);
            }
            if (f.isEvent()) {
                events.add(f);
            }
        }
        return events;
    }

    /** Events that come within {@code wait}, none expected beyond comments. */
    List<Frame> eventsWithin(Duration wait) throws InterruptedException {
        List<Frame> events = new ArrayList<>();
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return events;
            }
            Frame f = frames.poll(left, TimeUnit.NANOSECONDS);
            if (f == END) {
                frames.add(END);
                return events;
            }
            if (f != null && f.isEvent()) {
                events.add(f);
            }
        }
    }

    /** Whether the server ended the stream within {@code wait}. */
    boolean endsWithin(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            Frame f = frames.poll(left, TimeUnit.NANOSECONDS);
            if (f == END) {
                frames.add(END);
                return true;
            }
        }
    }

    @Override
    public void close() throws IOException {
        response.body().close();
        try {
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
