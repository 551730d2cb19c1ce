package io.callstream.dashboard;

import java.util.Map;

/**
 * What a health check answers: 200 when up, 503 when down, with details in words for people (why it is down,
 * what it is waiting for).
 */
public record Health(boolean up, Map<String, String> details) {

    /** Up, nothing to add. */
    public static final Health UP = new Health(true, Map.of());

    public Health {
        details = Map.copyOf(details);
    }

    public static Health up(Map<String, String> details) {
        return new Health(true, details);
    }

    public static Health down(Map<String, String> details) {
        return new Health(false, details);
    }
}
