package io.callstream.ingest.canonical;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;

/**
 * Builds the codec tree of a schema by walking it, so the canonical form follows the schema: a field added to an
 * {@code .avsc} file is read and written without a change here.
 *
 * <p>Generated classes are found with the class loader of the root class, not through Avro's by-name loading:
 * Avro 1.12 refuses packages not listed in {@code org.apache.avro.SERIALIZABLE_PACKAGES}, and the names here come
 * from the schema compiled into that class, never from the data. A named type without a generated class is read as
 * Avro's generic record, enum symbol or fixed.
 *
 * <p>A logical type without a canonical form here fails when the codec is built, not on the first event that
 * carries it: a schema change that needs a new form shows up in the first test that touches it.
 */
final class CodecFactory {

    private final ClassLoader loader;
    private final Map<String, Codec> named = new HashMap<>();

    CodecFactory(ClassLoader loader) {
        this.loader = loader;
    }

    Codec codec(Schema schema) {
        LogicalType logical = schema.getLogicalType();
        if (logical != null) {
            if ("timestamp-millis".equals(logical.getName()) && schema.getType() == Schema.Type.LONG) {
                return new TimestampMillisCodec();
            }
            throw new IllegalArgumentException("Canonical JSON has no form for the logical type '"
                    + logical.getName() + "' yet; add a codec for it in " + CodecFactory.class.getName());
        }
        return switch (schema.getType()) {
            case RECORD -> record(schema);
            case ENUM -> named.computeIfAbsent(schema.getFullName(), name -> enumCodec(schema));
            case FIXED -> named.computeIfAbsent(schema.getFullName(), name -> fixedCodec(schema));
            case UNION -> union(schema);
            case ARRAY -> new ContainerCodecs.ArrayCodec(codec(schema.getElementType()));
            case MAP -> new ContainerCodecs.MapCodec(codec(schema.getValueType()));
            case STRING -> new ScalarCodecs.StringCodec();
            case BYTES -> new ScalarCodecs.BytesCodec();
            case INT -> new ScalarCodecs.IntCodec();
            case LONG -> new ScalarCodecs.LongCodec();
            case FLOAT -> new ScalarCodecs.FloatingCodec(true);
            case DOUBLE -> new ScalarCodecs.FloatingCodec(false);
            case BOOLEAN -> new ScalarCodecs.BooleanCodec();
            case NULL -> new ScalarCodecs.NullCodec();
        };
    }

    private Codec record(Schema schema) {
        Codec known = named.get(schema.getFullName());
        if (known != null) {
            return known;
        }
        RecordCodec codec = new RecordCodec(schema, recordFactory(schema));
        named.put(schema.getFullName(), codec);
        List<RecordCodec.FieldCodec> fields = new ArrayList<>();
        for (Schema.Field field : schema.getFields()) {
            fields.add(new RecordCodec.FieldCodec(field.name(), field.pos(), codec(field.schema()),
                    field.hasDefaultValue() ? toJson(field.defaultVal()) : null));
        }
        codec.fields(fields);
        return codec;
    }

    private Codec union(Schema schema) {
        List<UnionCodec.Branch> branches = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Schema branch : schema.getTypes()) {
            boolean isNamed = branch.getType() == Schema.Type.RECORD || branch.getType() == Schema.Type.ENUM
                    || branch.getType() == Schema.Type.FIXED;
            String name = isNamed ? branch.getName() : branch.getType().getName();
            if (!names.add(name)) {
                throw new IllegalArgumentException("Two branches of a union share the simple name '" + name
                        + "', which canonical JSON uses as the type key: " + schema);
            }
            branches.add(new UnionCodec.Branch(name, codec(branch), branch.getType() == Schema.Type.NULL));
        }
        return new UnionCodec(branches);
    }

    private Supplier<IndexedRecord> recordFactory(Schema schema) {
        Class<?> type = generatedClass(schema);
        if (type == null || !IndexedRecord.class.isAssignableFrom(type)) {
            return () -> new GenericData.Record(schema);
        }
        Constructor<?> constructor = noArgConstructor(type);
        return () -> {
            try {
                return (IndexedRecord) constructor.newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot create a " + type.getName(), e);
            }
        };
    }

    private Codec enumCodec(Schema schema) {
        Class<?> type = generatedClass(schema);
        Function<String, Object> symbolToValue;
        if (type != null && type.isEnum()) {
            Map<String, Object> constants = new HashMap<>();
            for (Object constant : type.getEnumConstants()) {
                constants.put(((Enum<?>) constant).name(), constant);
            }
            symbolToValue = constants::get;
        } else {
            symbolToValue = symbol -> new GenericData.EnumSymbol(schema, symbol);
        }
        return new NamedCodecs.EnumCodec(schema, symbolToValue);
    }

    private Codec fixedCodec(Schema schema) {
        Class<?> type = generatedClass(schema);
        Function<byte[], Object> bytesToValue;
        if (type != null) {
            Constructor<?> constructor = noArgConstructor(type);
            Method setBytes;
            try {
                setBytes = type.getMethod("bytes", byte[].class);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(type.getName() + " is not a generated Avro fixed", e);
            }
            bytesToValue = bytes -> {
                try {
                    Object fixed = constructor.newInstance();
                    setBytes.invoke(fixed, (Object) bytes);
                    return fixed;
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("Cannot create a " + type.getName(), e);
                }
            };
        } else {
            bytesToValue = bytes -> new GenericData.Fixed(schema, bytes);
        }
        return new NamedCodecs.FixedCodec(schema, bytesToValue);
    }

    private Class<?> generatedClass(Schema schema) {
        try {
            return Class.forName(SpecificData.getClassName(schema), false, loader);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    private static Constructor<?> noArgConstructor(Class<?> type) {
        try {
            return type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type.getName() + " has no public no-argument constructor", e);
        }
    }

    /**
     * A schema default as JSON. Avro hands defaults over as plain Java values (with a marker for null and byte[]
     * for bytes); they become JSON again so that defaults pass through the very codecs a client's values do.
     */
    static JsonNode toJson(Object value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (value == null || value == JsonProperties.NULL_VALUE) {
            return nodes.nullNode();
        }
        if (value instanceof CharSequence text) {
            return nodes.textNode(text.toString());
        }
        if (value instanceof Boolean b) {
            return nodes.booleanNode(b);
        }
        if (value instanceof Integer i) {
            return nodes.numberNode(i);
        }
        if (value instanceof Long l) {
            return nodes.numberNode(l);
        }
        if (value instanceof Float f) {
            return nodes.numberNode(f);
        }
        if (value instanceof Double d) {
            return nodes.numberNode(d);
        }
        if (value instanceof byte[] bytes) {
            return nodes.textNode(Base64.getEncoder().encodeToString(bytes));
        }
        if (value instanceof Collection<?> items) {
            ArrayNode array = nodes.arrayNode();
            items.forEach(item -> array.add(toJson(item)));
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = nodes.objectNode();
            map.forEach((k, v) -> object.set(k.toString(), toJson(v)));
            return object;
        }
        throw new IllegalArgumentException("Unexpected default value of type " + value.getClass().getName());
    }
}
