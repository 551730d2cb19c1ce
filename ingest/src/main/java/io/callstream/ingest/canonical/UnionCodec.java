package io.callstream.ingest.canonical;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A union. With one branch besides null (an optional field) it is written as that branch's plain value or null,
 * as people write optional fields. Otherwise it is written as Avro's JSON encoding writes unions, an object with
 * one key naming the branch ({@code {"TranscriptLine": {...}}}), but by the simple name: the key tells a reader
 * the event type, and the namespace is the same for every branch a client can send.
 */
final class UnionCodec implements Codec {

    /** One branch: its name in JSON, its codec. */
    record Branch(String name, Codec codec, boolean isNull) {
    }

    private final List<Branch> branches;
    private final Map<String, Branch> byName;
    private final boolean hasNull;
    private final Codec unwrapped;

    UnionCodec(List<Branch> branches) {
        this.branches = List.copyOf(branches);
        this.byName = branches.stream().filter(b -> !b.isNull())
                .collect(Collectors.toUnmodifiableMap(Branch::name, b -> b));
        this.hasNull = branches.stream().anyMatch(Branch::isNull);
        List<Branch> values = branches.stream().filter(b -> !b.isNull()).toList();
        this.unwrapped = values.size() == 1 ? values.get(0).codec() : null;
    }

    @Override
    public JsonNode encode(Object value) {
        if (value == null) {
            if (!hasNull) {
                throw new IllegalArgumentException("null in a union without a null branch (" + expected() + ")");
            }
            return JsonNodeFactory.instance.nullNode();
        }
        Branch branch = branchOf(value).orElseThrow(() -> new IllegalArgumentException("a "
                + value.getClass().getName() + " fits no branch of the union (" + expected() + ")"));
        if (unwrapped != null) {
            return branch.codec().encode(value);
        }
        ObjectNode wrapper = JsonNodeFactory.instance.objectNode();
        wrapper.set(branch.name(), branch.codec().encode(value));
        return wrapper;
    }

    private Optional<Branch> branchOf(Object value) {
        return branches.stream().filter(b -> !b.isNull() && b.codec().accepts(value)).findFirst();
    }

    @Override
    public Object decode(JsonNode json, FieldPath path, boolean fromDefault) throws CanonicalJsonException {
        if (fromDefault) {
            // Avro: a union's default is a value of its first branch, written plainly.
            return branches.get(0).codec().decode(json, path, true);
        }
        if (json.isNull() && hasNull) {
            return null;
        }
        if (unwrapped != null) {
            return unwrapped.decode(json, path, false);
        }
        if (!json.isObject() || json.size() != 1) {
            throw JsonKinds.mismatch(path, this, json, "e.g. {\"" + branches.stream().filter(b -> !b.isNull())
                    .findFirst().map(Branch::name).orElse("") + "\": {...}}");
        }
        String name = json.fieldNames().next();
        Branch branch = byName.get(name);
        if (branch == null) {
            throw new CanonicalJsonException(path, "unknown type \"" + name + "\"; use one of " + names() + ".");
        }
        return branch.codec().decode(json.get(name), path.field(name), false);
    }

    @Override
    public boolean accepts(Object value) {
        return value == null ? hasNull : branchOf(value).isPresent();
    }

    @Override
    public String expected() {
        if (unwrapped != null) {
            return unwrapped.expected() + (hasNull ? " or null" : "");
        }
        return "an object with one key naming the type, one of " + names() + (hasNull ? ", or null" : "");
    }

    private String names() {
        return branches.stream().filter(b -> !b.isNull()).map(Branch::name).collect(Collectors.joining(", "));
    }
}
