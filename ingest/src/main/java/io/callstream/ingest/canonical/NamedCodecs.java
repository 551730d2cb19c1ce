package io.callstream.ingest.canonical;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Base64;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;

/** Codecs of Avro's named types other than records: enums (by symbol) and fixed (base64 of the exact size). */
final class NamedCodecs {

    private NamedCodecs() {
    }

    static final class EnumCodec implements Codec {
        private final Schema schema;
        private final Function<String, Object> symbolToValue;

        /** @param symbolToValue makes the generated enum constant (or a generic symbol) of a known symbol */
        EnumCodec(Schema schema, Function<String, Object> symbolToValue) {
            this.schema = schema;
            this.symbolToValue = symbolToValue;
        }

        @Override
        public JsonNode encode(Object value) {
            return JsonNodeFactory.instance.textNode(value.toString());
        }

        @Override
        public Object decode(JsonNode json, FieldPath path, boolean fromDefault) throws CanonicalJsonException {
            if (!json.isTextual()) {
                throw JsonKinds.mismatch(path, this, json, "send the symbol in double quotes");
            }
            String symbol = json.textValue();
            if (!schema.hasEnumSymbol(symbol)) {
                throw new CanonicalJsonException(path, "unknown " + schema.getName() + " \"" + symbol
                        + "\"; use one of " + String.join(", ", schema.getEnumSymbols())
                        + " (exactly as written, upper case).");
            }
            return symbolToValue.apply(symbol);
        }

        @Override
        public boolean accepts(Object value) {
            if (value instanceof GenericEnumSymbol<?> symbol) {
                return symbol.getSchema().getFullName().equals(schema.getFullName());
            }
            return value instanceof Enum<?> e && e.getDeclaringClass().getName().equals(schema.getFullName());
        }

        @Override
        public String expected() {
            return "one of " + String.join(", ", schema.getEnumSymbols()) + " (" + schema.getName() + ")";
        }
    }

    static final class FixedCodec implements Codec {
        private final Schema schema;
        private final Function<byte[], Object> bytesToValue;

        FixedCodec(Schema schema, Function<byte[], Object> bytesToValue) {
            this.schema = schema;
            this.bytesToValue = bytesToValue;
        }

        @Override
        public JsonNode encode(Object value) {
            return JsonNodeFactory.instance.textNode(Base64.getEncoder().encodeToString(((GenericFixed) value).bytes()));
        }

        @Override
        public Object decode(JsonNode json, FieldPath path, boolean fromDefault) throws CanonicalJsonException {
            byte[] bytes = ScalarCodecs.base64(json, path, this);
            if (bytes.length != schema.getFixedSize()) {
                throw new CanonicalJsonException(path, "holds " + bytes.length + " bytes; " + schema.getName()
                        + " is exactly " + schema.getFixedSize() + " bytes.");
            }
            return bytesToValue.apply(bytes);
        }

        @Override
        public boolean accepts(Object value) {
            return value instanceof GenericFixed fixed && fixed.getSchema().getFullName().equals(schema.getFullName());
        }

        @Override
        public String expected() {
            return "a base64 string of " + schema.getFixedSize() + " bytes (" + schema.getName() + ")";
        }
    }
}
