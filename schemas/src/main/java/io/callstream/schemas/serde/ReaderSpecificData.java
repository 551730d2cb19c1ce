package io.callstream.schemas.serde;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * A {@link SpecificData} that resolves the classes of one generated record type, and of every record, enum and
 * fixed inside it, without Avro's by-name class loading.
 *
 * <p>Why: Avro 1.12 loads a generated class by name only when its package is listed in the system property
 * {@code org.apache.avro.SERIALIZABLE_PACKAGES}, and otherwise throws a {@code SecurityException} on the first
 * read. That guard is against data naming arbitrary classes. Here the names come from the reader schema compiled
 * into the class the caller asked for, never from the data or the writer schema, so the classes are resolved up
 * front, with that class's own class loader, and trusted. This keeps the deserializer working in any JVM
 * without a global system property (which would also have to be set before Avro's first use to take effect).
 */
final class ReaderSpecificData extends SpecificData {

    private final Map<String, Class<?>> classesByName;

    private ReaderSpecificData(ClassLoader loader, Map<String, Class<?>> classesByName) {
        super(loader);
        this.classesByName = Map.copyOf(classesByName);
    }

    /** The reader schema of a generated class: the one compiled into it. */
    static Schema readerSchema(Class<? extends SpecificRecord> type) {
        return SpecificData.getForClass(type).getSchema(type);
    }

    static SpecificData forType(Class<? extends SpecificRecord> type) {
        ClassLoader loader = type.getClassLoader();
        Map<String, Class<?>> classes = new HashMap<>();
        collect(readerSchema(type), loader, classes, new HashSet<>());
        ReaderSpecificData data = new ReaderSpecificData(loader, classes);
        // The generated class's own model knows its logical-type conversions (timestamp-millis as Instant...).
        SpecificData.getForClass(type).getConversions().forEach(data::addLogicalTypeConversion);
        return data;
    }

    @Override
    public Class<?> getClass(Schema schema) {
        switch (schema.getType()) {
            case RECORD, ENUM, FIXED -> {
                Class<?> known = classesByName.get(schema.getFullName());
                if (known != null) {
                    return known;
                }
            }
            default -> {
            }
        }
        return super.getClass(schema);
    }

    private static void collect(Schema schema, ClassLoader loader, Map<String, Class<?>> classes,
                                Set<String> seen) {
        switch (schema.getType()) {
            case RECORD, ENUM, FIXED -> {
                // Named schemas may refer to themselves; each is visited once.
                if (!seen.add(schema.getFullName())) {
                    return;
                }
                resolve(schema, loader).ifPresent(type -> classes.put(schema.getFullName(), type));
                if (schema.getType() == Schema.Type.RECORD) {
                    schema.getFields().forEach(field -> collect(field.schema(), loader, classes, seen));
                }
            }
            case ARRAY -> collect(schema.getElementType(), loader, classes, seen);
            case MAP -> collect(schema.getValueType(), loader, classes, seen);
            case UNION -> schema.getTypes().forEach(branch -> collect(branch, loader, classes, seen));
            default -> {
            }
        }
    }

    private static Optional<Class<?>> resolve(Schema schema, ClassLoader loader) {
        try {
            return Optional.of(Class.forName(SpecificData.getClassName(schema), false, loader));
        } catch (ClassNotFoundException e) {
            // Without a generated class Avro reads this part as a generic record, as it always does.
            return Optional.empty();
        }
    }
}
