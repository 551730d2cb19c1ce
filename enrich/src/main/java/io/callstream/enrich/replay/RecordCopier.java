package io.callstream.enrich.replay;

import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.Utf8;

/**
 * Deep copies of enrich's Avro records, equal to what {@code SpecificData.deepCopy} gives, at a fraction of its cost:
 * the engine copies a record into and out of every store and at every output (as serdes do on the live path), and
 * Avro's generic copy, which resolves every union and logical type by schema, took a tenth of a backtest.
 *
 * <p>Here a value is copied by what it is, not by its schema: a record field by field through its generated
 * {@code get(int)}/{@code put(int, Object)}; a list, map or buffer afresh, its elements copied; a {@link Utf8} anew;
 * strings, numbers, booleans and enums, which cannot change, as they are. An {@link Instant} is the one logical type
 * enrich's schemas use (timestamp-millis), and Avro's copy passes it through its millisecond form: so does this
 * one, which truncates a finer instant as a round trip would. A value of any other kind is refused, so a schema
 * that grows one is noticed by the tests, not copied wrongly.
 *
 * <p>Holds nothing of its own; what it knows of each record class is shared by all copiers (thread-safe).
 */
final class RecordCopier {

    /**
     * By record class, how to make an empty one and how many fields it has. Facts about a class, found once per class
     * in the JVM, whatever the number of engines: its constructor is called through a {@link Supplier} made for it (a
     * class of its own), where a reflective {@code newInstance} per record (a dozen records a line, the calls'
     * speakers among them) cost more than copying their fields.
     */
    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            return new Shape(constructorOf(type), SpecificData.get().getSchema(type).getFields().size());
        }
    };

    private record Shape(Supplier<SpecificRecord> empty, int fields) {
    }

    /** A deep copy of {@code record}. */
    @SuppressWarnings("unchecked")
    <T> T copy(T record) {
        if (record instanceof SpecificRecord specific) {
            return (T) copyRecord(specific);
        }
        throw new IllegalArgumentException("the engine copies Avro records, not " + record.getClass());
    }

    private SpecificRecord copyRecord(SpecificRecord record) {
        Shape shape = SHAPES.get(record.getClass());
        SpecificRecord copy = shape.empty().get();
        for (int i = 0, fields = shape.fields(); i < fields; i++) {
            copy.put(i, copyValue(record.get(i)));
        }
        return copy;
    }

    private Object copyValue(Object value) {
        if (value == null || value instanceof String || value instanceof Integer || value instanceof Long
                || value instanceof Boolean || value instanceof Double || value instanceof Float
                || value instanceof Enum<?>) {
            return value;
        }
        if (value instanceof SpecificRecord record) {
            return copyRecord(record);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object element : list) {
                copy.add(copyValue(element));
            }
            return copy;
        }
        if (value instanceof Map<?, ?> map) {
            // Sized and filled as Avro's copy does, so that it iterates in the same order.
            Map<Object, Object> copy = new HashMap<>(map.size());
            map.forEach((key, element) -> copy.put(copyValue(key), copyValue(element)));
            return copy;
        }
        if (value instanceof Instant instant) {
            return instant.getNano() % 1_000_000 == 0 ? instant : Instant.ofEpochMilli(instant.toEpochMilli());
        }
        if (value instanceof Utf8 utf8) {
            return new Utf8(utf8);
        }
        if (value instanceof ByteBuffer buffer) {
            ByteBuffer copy = ByteBuffer.allocate(buffer.remaining());
            copy.put(buffer.duplicate()).flip();
            return copy;
        }
        throw new IllegalArgumentException("no copy is defined here for a " + value.getClass().getName()
                + " in an Avro record: add it to RecordCopier, with its test");
    }

    @SuppressWarnings("unchecked")
    private static Supplier<SpecificRecord> constructorOf(Class<?> type) {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MethodHandle constructor = lookup.findConstructor(type, MethodType.methodType(void.class));
            return (Supplier<SpecificRecord>) LambdaMetafactory.metafactory(lookup, "get",
                    MethodType.methodType(Supplier.class), MethodType.methodType(Object.class), constructor,
                    MethodType.methodType(type)).getTarget().invokeExact();
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalStateException(type.getName() + " has no public constructor without arguments", e);
        } catch (Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot make a " + type.getName() + ": " + e, e);
        }
    }
}
