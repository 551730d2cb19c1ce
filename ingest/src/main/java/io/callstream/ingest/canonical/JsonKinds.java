package io.callstream.ingest.canonical;

import com.fasterxml.jackson.databind.JsonNode;

/** How error messages name the JSON a client sent: its kind and a short excerpt. */
final class JsonKinds {

    private static final int EXCERPT = 40;

    private JsonKinds() {
    }

    static String describe(JsonNode json) {
        if (json == null || json.isNull()) {
            return "null";
        }
        if (json.isTextual()) {
            return "the string " + excerpt(json.toString());
        }
        if (json.isNumber()) {
            return "the number " + excerpt(json.toString());
        }
        if (json.isBoolean()) {
            return json.toString();
        }
        if (json.isArray()) {
            return "an array";
        }
        if (json.isObject()) {
            return "an object";
        }
        return excerpt(json.toString());
    }

    static CanonicalJsonException mismatch(FieldPath path, Codec codec, JsonNode got, String todo) {
        return new CanonicalJsonException(path, "expected " + codec.expected() + ", got " + describe(got) + "; "
                + todo + ".");
    }

    private static String excerpt(String text) {
        return text.length() <= EXCERPT ? text : text.substring(0, EXCERPT) + "...";
    }
}
