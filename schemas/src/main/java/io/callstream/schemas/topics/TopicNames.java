package io.callstream.schemas.topics;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/** The names of the pipeline's topics: configuration, with the design's names as defaults. */
public record TopicNames(String callEvents, String callTurns, String enrichedTurns, String qa, String alerts,
                         String deadLetters) {

    public TopicNames {
        List<String> names = List.of(
                Objects.requireNonNull(callEvents, "callEvents"),
                Objects.requireNonNull(callTurns, "callTurns"),
                Objects.requireNonNull(enrichedTurns, "enrichedTurns"),
                Objects.requireNonNull(qa, "qa"),
                Objects.requireNonNull(alerts, "alerts"),
                Objects.requireNonNull(deadLetters, "deadLetters"));
        if (names.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("topic names must not be blank: " + names);
        }
        // Two roles on one topic would mix record types under one subject.
        if (new LinkedHashSet<>(names).size() != names.size()) {
            throw new IllegalArgumentException("topic names must be distinct: " + names);
        }
    }

    public static TopicNames defaults() {
        return new TopicNames("call-events", "call-turns", "call-turns-enriched", "call-qa", "call-alerts",
                "call-dlq");
    }

    /** Every topic, input first, in pipeline order. */
    public List<String> all() {
        return List.of(callEvents, callTurns, enrichedTurns, qa, alerts, deadLetters);
    }
}
