package io.callstream.ingest.canonical;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * {@code timestamp-millis}: written as an ISO-8601 UTC instant with exactly three fraction digits
 * ({@code 2017-02-22T22:31:05.000Z}), so a person can read it and every line has the same shape; read from such a
 * string (any offset is converted to UTC) or from epoch milliseconds, which is what most feeds have at hand.
 * Sub-millisecond digits are refused rather than cut, because the schema cannot hold them and a silently changed
 * time would break a client's own deduplication.
 */
final class TimestampMillisCodec implements Codec {

    private static final DateTimeFormatter WRITE = new DateTimeFormatterBuilder().appendInstant(3)
            .toFormatter(Locale.ROOT);

    @Override
    public JsonNode encode(Object value) {
        Instant instant = value instanceof Instant i ? i : Instant.ofEpochMilli((Long) value);
        return JsonNodeFactory.instance.textNode(WRITE.format(instant));
    }

    @Override
    public Object decode(JsonNode json, FieldPath path, boolean fromDefault) throws CanonicalJsonException {
        if (json.isIntegralNumber()) {
            return Instant.ofEpochMilli(ScalarCodecs.wholeLong(json, path, this));
        }
        if (!json.isTextual()) {
            throw JsonKinds.mismatch(path, this, json, "send e.g. \"2017-02-22T22:31:05.123Z\" or 1487802665123");
        }
        Instant instant;
        try {
            instant = DateTimeFormatter.ISO_INSTANT.parse(json.textValue(), Instant::from);
        } catch (DateTimeParseException e) {
            throw JsonKinds.mismatch(path, this, json, "send e.g. \"2017-02-22T22:31:05.123Z\" or 1487802665123");
        }
        if (instant.getNano() % 1_000_000 != 0) {
            throw new CanonicalJsonException(path, json.textValue() + " is more precise than a millisecond, which"
                    + " is all the schema holds; send at most three fraction digits.");
        }
        return instant;
    }

    @Override
    public boolean accepts(Object value) {
        return value instanceof Instant;
    }

    @Override
    public String expected() {
        return "an ISO-8601 UTC time or epoch milliseconds (timestamp-millis)";
    }
}
