package io.callstream.ingest.canonical;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.callstream.avro.CallEvent;
import java.util.Objects;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * A generated Avro record as one JSON object, and back: the project's canonical JSON, which the HTTP endpoint and
 * {@code .jsonl} files carry.
 *
 * <ul>
 *   <li>Exactly the fields of the Avro schema, by name; every field is written, nulls included.</li>
 *   <li>An optional field ({@code ["null", T]}) is its plain value or {@code null}; any other union is an object
 *       with one key naming the branch by its simple name: {@code "payload": {"TranscriptLine": {...}}}.</li>
 *   <li>Enums are their symbols, arrays arrays, maps objects, bytes and fixed base64 strings.</li>
 *   <li>{@code timestamp-millis} is written as an ISO-8601 UTC instant with milliseconds
 *       ({@code "2017-02-22T22:31:05.123Z"}) and read from such a string or from epoch milliseconds.</li>
 *   <li>Reading is strict: an unknown field, a missing field without a default, a value of the wrong type, an
 *       unknown enum symbol, a duplicate key or trailing text each fail with a {@link CanonicalJsonException} that
 *       names the field, says what is wrong and what to send instead. A missing field with a default takes it
 *       ({@code revision} 0, {@code status} FINAL, {@code flags} [], ...).</li>
 * </ul>
 *
 * <p>The form is derived from the schema at construction, so it follows schema changes. Immutable and safe to
 * share between threads; build one per record type and keep it.
 */
public final class CanonicalJson<T extends SpecificRecord> {

    private final Class<T> type;
    private final Codec codec;
    private final ObjectMapper mapper;

    private CanonicalJson(Class<T> type) {
        this.type = Objects.requireNonNull(type, "type");
        this.codec = new CodecFactory(type.getClassLoader()).codec(SpecificData.get().getSchema(type));
        this.mapper = JsonMapper.builder()
                // A key sent twice is ambiguous: which value did the client mean?
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // "{...} {...}" on one line is two events glued together, not one.
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    public static <T extends SpecificRecord> CanonicalJson<T> of(Class<T> type) {
        return new CanonicalJson<>(type);
    }

    /** The form of {@link CallEvent}, what ingest reads. */
    public static CanonicalJson<CallEvent> callEvents() {
        return of(CallEvent.class);
    }

    /** The record as one line of JSON (no line break inside: JSON escapes those in strings). */
    public String write(T record) {
        try {
            return mapper.writeValueAsString(toTree(record));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a JSON tree as text", e);
        }
    }

    /**
     * The record as a JSON tree.
     *
     * @throws IllegalArgumentException when the record does not satisfy its own schema (a required field null)
     */
    public JsonNode toTree(T record) {
        return codec.encode(Objects.requireNonNull(record, "record"));
    }

    /** Parses and decodes one JSON text. */
    public T read(String json) throws CanonicalJsonException {
        return fromTree(parse(json));
    }

    /**
     * Parses JSON text into a tree, strictly (no duplicate keys, nothing after the value), without decoding it:
     * for callers that complete the tree first, as the HTTP endpoint does with a missing {@code observedAt}.
     */
    public JsonNode parse(String json) throws CanonicalJsonException {
        try {
            JsonNode tree = mapper.readTree(json);
            if (tree == null || tree.isMissingNode()) {
                throw new CanonicalJsonException(FieldPath.ROOT, "no JSON value; send one " + type.getSimpleName()
                        + " as a JSON object.");
            }
            return tree;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
            throw new CanonicalJsonException(FieldPath.ROOT, "not valid JSON (" + e.getOriginalMessage() + where
                    + "); send one " + type.getSimpleName() + " as a JSON object.");
        }
    }

    /** Decodes a parsed tree. */
    public T fromTree(JsonNode tree) throws CanonicalJsonException {
        return type.cast(codec.decode(Objects.requireNonNull(tree, "tree"), FieldPath.ROOT, false));
    }
}
