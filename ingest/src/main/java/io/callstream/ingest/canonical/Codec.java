package io.callstream.ingest.canonical;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The canonical JSON form of one Avro schema node, both ways. Values on the Avro side are those of the generated
 * classes (String, Long, Instant for timestamp-millis, generated enums and records, List, Map, ByteBuffer).
 */
interface Codec {

    JsonNode encode(Object value);

    /**
     * @param fromDefault true while decoding a schema default, whose unions follow Avro's rule (the value of the
     *                    first branch, unwrapped) rather than the canonical {@code {"Branch": ...}} form
     */
    Object decode(JsonNode json, FieldPath path, boolean fromDefault) throws CanonicalJsonException;

    /** Whether an Avro value belongs to this schema node: picks the branch of a union when encoding. */
    boolean accepts(Object value);

    /** What the JSON should look like, for error messages ("a whole number (long)"). */
    String expected();
}
