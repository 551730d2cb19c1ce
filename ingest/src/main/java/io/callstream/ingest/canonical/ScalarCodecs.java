package io.callstream.ingest.canonical;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * Codecs of Avro's primitive types. Strict: a number never stands in for a string or the reverse, and a whole
 * number must fit its type, because a value silently coerced is a value a feed did not mean to send.
 */
final class ScalarCodecs {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ScalarCodecs() {
    }

    static final class NullCodec implements Codec {
        @Override
        public JsonNode encode(Object value) {
            return NODES.nullNode();
        }

        @Override
        public Object decode(JsonNode json, FieldPath path, boolean fromDefault) throws CanonicalJsonException {
            if (!json.isNull()) {
                throw JsonKinds.mismatch(path, this, json, "send null or leave the field out");
            }
            return null;
        }

        @Override
        public boolean accepts(Object value) {
            return value == null;
        }

        @Override
        public String expected() {
            return "null";
        }
    }

    static final class StringCodec implements Codec {
        @Override
        public JsonNode encode(Object value) {
            return NODES.textNode(value.toString());
        }

        @Override
        public Object decode(JsonNode json, FieldPath path, boolean fromDefault) throws CanonicalJsonException {
            if (!json.isTextual()) {
                throw JsonKinds.mismatch(path, this, json, "send it in double quotes");
            }
            return json.textValue();
        }

        @Override
        public boolean accepts(Object value) {
            return value instanceof CharSequence;
        }

        @Override
        public String expected() {
            return "a string";
        }
    }

    static final class BooleanCodec implements Codec {
        @Override
        public JsonNode encode(Object value) {
            return NODES.booleanNode((Boolean) value);
        }

        @Override
        public Object decode(JsonNode json, FieldPath path, boolean fromDefault) throws CanonicalJsonException {
            if (!json.isBoolean()) {
                throw JsonKinds.mismatch(path, this, json, "send true or false without quotes");
            }
            return json.booleanValue();
        }

        @Override
        public boolean accepts(Object value) {
            return value instanceof Boolean;
        }

        @Override
        public String expected() {
            return "true or false";
        }
    }

    static final class IntCodec implements Codec {
        @Override
        public JsonNode encode(Object value) {
            return NODES.numberNode((Integer) value);
        }

        @Override
        public Object decode(JsonNode json, FieldPath path, boolean fromDefault) throws CanonicalJsonException {
            if (!json.isIntegralNumber()) {
                throw JsonKinds.mismatch(path, this, json, "send a JSON number without quotes or a fraction");
            }
            if (!json.canConvertToInt()) {
                throw new CanonicalJsonException(path, json + " is out of range for an int (" + Integer.MIN_VALUE
                        + " to " + Integer.MAX_VALUE + ").");
            }
            return json.intValue();
        }

        @Override
        public boolean accepts(Object value) {
            return value instanceof Integer;
        }

        @Override
        public String expected() {
            return "a whole number (int)";
        }
    }

    static final class LongCodec implements Codec {
        @Override
        public JsonNode encode(Object value) {
            return NODES.numberNode((Long) value);
        }

        @Override
        public Object decode(JsonNode json, FieldPath path, boolean fromDefault) throws CanonicalJsonException {
            return wholeLong(json, path, this);
        }

        @Override
        public boolean accepts(Object value) {
            return value instanceof Long;
        }

        @Override
        public String expected() {
            return "a whole number (long)";
        }
    }

    static long wholeLong(JsonNode json, FieldPath path, Codec codec) throws CanonicalJsonException {
        if (!json.isIntegralNumber()) {
            throw JsonKinds.mismatch(path, codec, json, "send a JSON number without quotes or a fraction");
        }
        if (!json.canConvertToLong()) {
            throw new CanonicalJsonException(path, json + " is out of range for a long (" + Long.MIN_VALUE + " to "
                    + Long.MAX_VALUE + ").");
        }
        return json.longValue();
    }

    /**
     * float and double. JSON has no NaN or infinities, so those travel as the strings "NaN", "Infinity" and
     * "-Infinity", as Jackson and JavaScript's own conventions spell them.
     */
    static final class FloatingCodec implements Codec {
        private final boolean single;

        FloatingCodec(boolean single) {
            this.single = single;
        }

        @Override
        public JsonNode encode(Object value) {
            double d = ((Number) value).doubleValue();
            if (Double.isFinite(d)) {
                return single ? NODES.numberNode((Float) value) : NODES.numberNode(d);
            }
            return NODES.textNode(Double.toString(d));
        }

        @Override
        public Object decode(JsonNode json, FieldPath path, boolean fromDefault) throws CanonicalJsonException {
            double d;
            if (json.isNumber()) {
                d = json.doubleValue();
            } else if (json.isTextual() && ("NaN".equals(json.textValue()) || "Infinity".equals(json.textValue())
                    || "-Infinity".equals(json.textValue()))) {
                d = Double.parseDouble(json.textValue());
            } else {
                throw JsonKinds.mismatch(path, this, json, "send a JSON number without quotes");
            }
            return single ? (Object) (float) d : (Object) d;
        }

        @Override
        public boolean accepts(Object value) {
            return single ? value instanceof Float : value instanceof Double;
        }

        @Override
        public String expected() {
            return single ? "a number (float)" : "a number (double)";
        }
    }

    /** bytes as base64 (RFC 4648, with padding): JSON has no binary, and base64 is what every client can make. */
    static final class BytesCodec implements Codec {
        @Override
        public JsonNode encode(Object value) {
            ByteBuffer buffer = ((ByteBuffer) value).duplicate();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
        }

        @Override
        public Object decode(JsonNode json, FieldPath path, boolean fromDefault) throws CanonicalJsonException {
            return ByteBuffer.wrap(base64(json, path, this));
        }

        @Override
        public boolean accepts(Object value) {
            return value instanceof ByteBuffer;
        }

        @Override
        public String expected() {
            return "a base64 string (bytes)";
        }
    }

    static byte[] base64(JsonNode json, FieldPath path, Codec codec) throws CanonicalJsonException {
        if (!json.isTextual()) {
            throw JsonKinds.mismatch(path, codec, json, "send the bytes base64-encoded, in double quotes");
        }
        try {
            return Base64.getDecoder().decode(json.textValue());
        } catch (IllegalArgumentException e) {
            throw new CanonicalJsonException(path, "is not valid base64 (" + e.getMessage()
                    + "); send the bytes base64-encoded (RFC 4648, A-Z a-z 0-9 + /, with = padding).");
        }
    }
}
