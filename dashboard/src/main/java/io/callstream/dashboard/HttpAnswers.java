package io.callstream.dashboard;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;

/** How the dashboard's answers are sent: JSON (errors included), text and files, with the headers every answer has. */
final class HttpAnswers {

    static final String JSON_TYPE = "application/json; charset=utf-8";

    private HttpAnswers() {
    }

    static void json(HttpExchange exchange, int status, JsonNode body) throws IOException {
        // Answers hold call data and come with a token: no cache keeps them.
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        bytes(exchange, status, JSON_TYPE, LiveJson.JSON.writeValueAsBytes(body));
    }

    /** {@code {"error": message}}: what went wrong, in words. */
    static void error(HttpExchange exchange, int status, String message) throws IOException {
        ObjectNode body = LiveJson.JSON.createObjectNode().put("error", message);
        json(exchange, status, body);
    }

    static void text(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        bytes(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    static void bytes(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", contentType);
        common(headers);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /**
     * Headers on every answer: no content-type guessing (a transcript's text must never be read as HTML), and no
     * Referer (the page's URL carries the token).
     */
    static void common(Headers headers) {
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
    }
}
