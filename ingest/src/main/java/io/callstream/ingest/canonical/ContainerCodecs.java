package io.callstream.ingest.canonical;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Arrays as JSON arrays, maps as JSON objects. */
final class ContainerCodecs {

    private ContainerCodecs() {
    }

    static final class ArrayCodec implements Codec {
        private final Codec items;

        ArrayCodec(Codec items) {
            this.items = items;
        }

        @Override
        public JsonNode encode(Object value) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            for (Object item : (Collection<?>) value) {
                array.add(items.encode(item));
            }
            return array;
        }

        @Override
        public Object decode(JsonNode json, FieldPath path, boolean fromDefault) throws CanonicalJsonException {
            if (!json.isArray()) {
                throw JsonKinds.mismatch(path, this, json, "send a JSON array, [] for none");
            }
            List<Object> values = new ArrayList<>(json.size());
            for (int i = 0; i < json.size(); i++) {
                values.add(items.decode(json.get(i), path.index(i), fromDefault));
            }
            return values;
        }

        @Override
        public boolean accepts(Object value) {
            return value instanceof Collection<?>;
        }

        @Override
        public String expected() {
            return "an array of " + items.expected();
        }
    }

    static final class MapCodec implements Codec {
        private final Codec values;

        MapCodec(Codec values) {
            this.values = values;
        }

        @Override
        public JsonNode encode(Object value) {
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                object.set(entry.getKey().toString(), values.encode(entry.getValue()));
            }
            return object;
        }

        @Override
        public Object decode(JsonNode json, FieldPath path, boolean fromDefault) throws CanonicalJsonException {
            if (!json.isObject()) {
                throw JsonKinds.mismatch(path, this, json, "send a JSON object, {} for none");
            }
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : json.properties()) {
                map.put(entry.getKey(), values.decode(entry.getValue(), path.field(entry.getKey()), fromDefault));
            }
            return map;
        }

        @Override
        public boolean accepts(Object value) {
            return value instanceof Map<?, ?>;
        }

        @Override
        public String expected() {
            return "an object whose values are " + values.expected();
        }
    }
}
