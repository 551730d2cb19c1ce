package io.callstream.ingest.canonical;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * A record: a JSON object with exactly the schema's fields. Written with every field, nulls included, in schema
 * order. Read strictly: an unknown field is refused (a misspelled optional field would otherwise vanish without a
 * trace), a missing field takes the schema's default or, without one, is refused.
 */
final class RecordCodec implements Codec {

    /** One field; {@code defaultJson} is the schema's default as JSON, or null where the field has none. */
    record FieldCodec(String name, int pos, Codec codec, JsonNode defaultJson) {
    }

    private final Schema schema;
    private final Supplier<IndexedRecord> newRecord;
    private Map<String, FieldCodec> fields;
    private String required;

    RecordCodec(Schema schema, Supplier<IndexedRecord> newRecord) {
        this.schema = schema;
        this.newRecord = newRecord;
    }

    /** Set once, after this codec is known by name, so that a record may contain itself. */
    void fields(List<FieldCodec> codecs) {
        Map<String, FieldCodec> byName = new LinkedHashMap<>();
        codecs.forEach(f -> byName.put(f.name(), f));
        this.fields = byName;
        this.required = codecs.stream().filter(f -> f.defaultJson() == null).map(FieldCodec::name)
                .collect(Collectors.joining(", "));
    }

    @Override
    public JsonNode encode(Object value) {
        IndexedRecord record = (IndexedRecord) value;
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        for (FieldCodec field : fields.values()) {
            Object fieldValue = record.get(field.pos());
            if (fieldValue == null && !field.codec().accepts(null)) {
                throw new IllegalArgumentException(schema.getName() + "." + field.name()
                        + " is null but the schema requires " + field.codec().expected());
            }
            object.set(field.name(), field.codec().encode(fieldValue));
        }
        return object;
    }

    @Override
    public Object decode(JsonNode json, FieldPath path, boolean fromDefault) throws CanonicalJsonException {
        if (!json.isObject()) {
            throw JsonKinds.mismatch(path, this, json, "send {\"" + String.join("\": ..., \"", fields.keySet())
                    + "\": ...}");
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.containsKey(name)) {
                throw unknownField(path, name);
            }
        }
        IndexedRecord record = newRecord.get();
        for (FieldCodec field : fields.values()) {
            JsonNode value = json.get(field.name());
            FieldPath at = path.field(field.name());
            if (value != null) {
                record.put(field.pos(), field.codec().decode(value, at, fromDefault));
            } else if (field.defaultJson() != null) {
                record.put(field.pos(), field.codec().decode(field.defaultJson(), at, true));
            } else {
                throw new CanonicalJsonException(at, "missing; " + schema.getName() + " requires " + required
                        + ". Add " + field.name() + " as " + field.codec().expected() + ".");
            }
        }
        return record;
    }

    private CanonicalJsonException unknownField(FieldPath path, String name) {
        String hint = fields.keySet().stream().filter(known -> known.equalsIgnoreCase(name)).findFirst()
                .map(known -> " Did you mean \"" + known + "\"? Names are case-sensitive.")
                .orElse(" Remove it or correct its spelling.");
        return new CanonicalJsonException(path.field(name), "unknown field; " + schema.getName()
                + " has exactly the fields " + String.join(", ", fields.keySet()) + "." + hint);
    }

    @Override
    public boolean accepts(Object value) {
        return value instanceof IndexedRecord record
                && record.getSchema().getFullName().equals(schema.getFullName());
    }

    @Override
    public String expected() {
        return "an object (" + schema.getName() + ")";
    }
}
