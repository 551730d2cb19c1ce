package io.callstream.ingest.http;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** What a request body holds, from its {@code Content-Type}: one event, or a batch of events one per line. */
enum BodyKind {
    ONE_EVENT,
    BATCH;

    /** The usual names of newline-delimited JSON; clients and libraries use all of them. */
    private static final Set<String> BATCH_TYPES = Set.of("application/x-ndjson", "application/ndjson",
            "application/jsonl", "application/x-jsonlines", "application/jsonlines");

    /** The kind, or empty for a type this endpoint does not take (or a charset other than UTF-8). */
    static Optional<BodyKind> of(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        String[] parts = contentType.split(";");
        String type = parts[0].strip().toLowerCase(Locale.ROOT);
        for (int i = 1; i < parts.length; i++) {
            String[] param = parts[i].split("=", 2);
            if (param.length == 2 && param[0].strip().equalsIgnoreCase("charset")
                    && !param[1].strip().replace("\"", "").equalsIgnoreCase(StandardCharsets.UTF_8.name())) {
                return Optional.empty();
            }
        }
        if (type.equals("application/json")) {
            return Optional.of(ONE_EVENT);
        }
        return BATCH_TYPES.contains(type) ? Optional.of(BATCH) : Optional.empty();
    }
}
