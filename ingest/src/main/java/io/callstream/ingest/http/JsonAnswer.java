package io.callstream.ingest.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP answer with a JSON body, and how it is sent. Every answer of the endpoint is JSON, errors included. */
record JsonAnswer(int status, ObjectNode body, Map<String, String> headers) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static JsonAnswer of(int status, ObjectNode body) {
        return new JsonAnswer(status, body, Map.of());
    }

    /** {@code {"error": message}}: what went wrong and what to do. */
    static JsonAnswer error(int status, String message) {
        return of(status, JSON.createObjectNode().put("error", message));
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    JsonAnswer withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new JsonAnswer(status, body, Map.copyOf(more));
    }

    void send(HttpExchange exchange) throws IOException {
        send(exchange, 0);
    }

    /**
     * Sends the answer, then reads and throws away up to {@code discardUpTo} bytes of a request body left unread
     * before the connection closes. A client still sending a body the server has refused before reading it all (a
     * 401, or a 413) would otherwise be reset by the close (the JDK itself drops only 64 KiB of what is left), and a
     * reset can destroy the answer in its receive buffer before it reads it: the answer is flushed first, so a client
     * that reads while it sends has it at once, and one that reads only after sending has it when it is done. The
     * request timeout still bounds the reading.
     */
    void send(HttpExchange exchange, long discardUpTo) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(status, bytes.length);
        // Closing the answer is what lets the JDK close the connection, so the discarding comes between.
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
            if (discardUpTo > 0) {
                out.flush();
                LimitedBody.discard(exchange.getRequestBody(), discardUpTo);
            }
        }
    }
}
