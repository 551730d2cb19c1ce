package io.callstream.dashboard;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A request's query parameters, decoded ({@code application/x-www-form-urlencoded}, as browsers encode them). */
record QueryParams(Map<String, List<String>> values) {

    QueryParams {
        values = Map.copyOf(values);
    }

    static QueryParams parse(String rawQuery) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
        }
        values.replaceAll((name, list) -> List.copyOf(list));
        return new QueryParams(values);
    }

    /** The first value of the parameter, or null. */
    String first(String name) {
        List<String> list = values.get(name);
        return list == null || list.isEmpty() ? null : list.get(0);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // A malformed escape is kept as it came: it then matches nothing (no token, no number).
            return text;
        }
    }
}
