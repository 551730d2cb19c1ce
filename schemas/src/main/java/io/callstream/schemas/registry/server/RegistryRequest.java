package io.callstream.schemas.registry.server;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP request as the routing needs it: method, decoded path segments, query parameters, body. Segments are
 * split before decoding, so a subject holding an encoded '/' stays one segment.
 */
record RegistryRequest(String method, List<String> path, Map<String, String> query, byte[] body) {

    static RegistryRequest from(HttpExchange exchange) throws IOException {
        List<String> path = new ArrayList<>();
        for (String segment : exchange.getRequestURI().getRawPath().split("/")) {
            if (!segment.isEmpty()) {
                path.add(decodeSegment(segment));
            }
        }
        Map<String, String> query = new HashMap<>();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    query.put(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1)));
                } else if (!pair.isEmpty()) {
                    query.put(decode(pair), "");
                }
            }
        }
        return new RegistryRequest(exchange.getRequestMethod().toUpperCase(Locale.ROOT), List.copyOf(path),
                Map.copyOf(query), exchange.getRequestBody().readAllBytes());
    }

    String segment(int index) {
        return path.get(index);
    }

    boolean flag(String name) {
        return "true".equalsIgnoreCase(query.get(name));
    }

    /** In a path segment '+' is a plus sign; only in a query does it stand for a space. */
    private static String decodeSegment(String text) {
        return decode(text.replace("+", "%2B"));
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw RegistryError.badRequest("Malformed percent-encoding in '" + text + "'");
        }
    }
}
