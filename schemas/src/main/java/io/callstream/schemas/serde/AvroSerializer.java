package io.callstream.schemas.serde;

import io.callstream.schemas.registry.SchemaRegistryClient;
import io.callstream.schemas.registry.SchemaRegistryException;
import io.callstream.schemas.registry.Subjects;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes generated Avro records in Confluent's wire format. The record's schema goes under the topic's subject
 * ({@code <topic>-value} or {@code <topic>-key}) on first use per topic: registered when auto-register is on
 * (the default), else only looked up, so that a deployment which registers schemas up front fails fast on a
 * schema nobody registered. Null is written as null, so tombstones pass through.
 */
public final class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    private final SchemaRegistryClient client;
    private final boolean isKey;
    private final boolean autoRegister;
    private final Map<String, SchemaId> idsByTopic = new ConcurrentHashMap<>();
    private final Map<Class<?>, DatumWriter<T>> writers = new ConcurrentHashMap<>();

    private record SchemaId(Schema schema, int id) {
    }

    public AvroSerializer(SchemaRegistryClient client, boolean isKey) {
        this(client, isKey, true);
    }

    public AvroSerializer(SchemaRegistryClient client, boolean isKey, boolean autoRegister) {
        this.client = Objects.requireNonNull(client, "client");
        this.isKey = isKey;
        this.autoRegister = autoRegister;
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        int id = schemaId(topic, data.getSchema());
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes(WireFormat.header(id));
        try {
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            writer(data).write(data, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            // Typically a required field left null, or a value of the wrong type in a field.
            throw new SerializationException("Could not write " + data.getSchema().getFullName() + " for topic '"
                    + topic + "' in Avro: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private int schemaId(String topic, Schema schema) {
        SchemaId known = idsByTopic.get(topic);
        if (known != null && known.schema() == schema) {
            return known.id();
        }
        String subject = Subjects.subject(topic, isKey);
        try {
            int id = autoRegister ? client.register(subject, schema) : client.lookup(subject, schema).id();
            idsByTopic.put(topic, new SchemaId(schema, id));
            return id;
        } catch (SchemaRegistryException e) {
            String action = autoRegister ? "register " : "find (auto-register is off) ";
            throw new SerializationException("Could not " + action + schema.getFullName() + " under subject '"
                    + subject + "' for topic '" + topic + "': " + e.getMessage(), e);
        }
    }

    private DatumWriter<T> writer(T data) {
        // The generated class's own model carries its logical-type conversions.
        return writers.computeIfAbsent(data.getClass(),
                type -> new SpecificDatumWriter<>(data.getSchema(), SpecificData.getForClass(type)));
    }
}
