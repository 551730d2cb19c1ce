package io.callstream.dashboard;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.sun.net.httpserver.HttpExchange;

/**
 * A {@code GET} route: a path template such as {@code /api/calls/{callId}/turns}, whose {@code {name}} segments each
 * match one path segment, decoded (so a call id may hold any character, {@code /} included, when the page encodes it
 * with {@code encodeURIComponent}).
 *
 * @param open whether it answers without the token ({@code /health/*}, {@code /metrics}, the page's static files)
 */
record Route(String template, boolean open, Handler handler) {

    /** Answers a request that matched the route. */
    @FunctionalInterface
    interface Handler {
        void handle(HttpExchange exchange, Request request) throws IOException;
    }

    /** @param path the template's named segments, decoded */
    record Request(Map<String, String> path, QueryParams query) {
        String path(String name) {
            return Objects.requireNonNull(path.get(name), name);
        }
    }

    Route {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(handler, "handler");
    }

    /** The named segments if the raw path matches, else null. */
    Map<String, String> match(String rawPath) {
        List<String> want = segments(template);
        List<String> got = segments(rawPath);
        if (want.size() != got.size()) {
            return null;
        }
        Map<String, String> named = new HashMap<>();
        for (int i = 0; i < want.size(); i++) {
            String w = want.get(i);
            if (w.startsWith("{") && w.endsWith("}")) {
                String value = decode(got.get(i));
                if (value == null || value.isEmpty()) {
                    return null;
                }
                named.put(w.substring(1, w.length() - 1), value);
            } else if (!w.equals(got.get(i))) {
                return null;
            }
        }
        return named;
    }

    /** Splits at '/', before decoding, so that an encoded '/' stays inside its segment. */
    private static List<String> segments(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.isEmpty() ? List.of() : List.of(p.split("/", -1));
    }

    private static String decode(String segment) {
        try {
            // Path segments are percent-encoded; '+' is a plus there, not a space as in a query.
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
