package io.callstream.schemas.serde;

import io.callstream.schemas.registry.ErrorCodes;
import io.callstream.schemas.registry.SchemaRegistryClient;
import io.callstream.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent's wire format into a generated Avro class. The writer's schema comes from the registry by the
 * id in the record, and Avro resolves it to the class's own schema: a consumer built with a newer compatible
 * schema reads records written with an older one (new fields take their defaults), and the other way round.
 * Null is read as null (tombstones). Every failure is a {@link SerializationException} that says which record
 * of which topic, and why.
 */
public final class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private final Class<T> type;
    private final SchemaRegistryClient client;
    private final Schema readerSchema;
    private final SpecificData readerData;
    // One reader per writer schema id. A topic sees a handful of schema versions over its life, so no bound.
    private final Map<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();

    public AvroDeserializer(Class<T> type, SchemaRegistryClient client) {
        this.type = Objects.requireNonNull(type, "type");
        this.client = Objects.requireNonNull(client, "client");
        this.readerSchema = ReaderSpecificData.readerSchema(type);
        this.readerData = ReaderSpecificData.forType(type);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length > 0 && data[0] != WireFormat.MAGIC_BYTE) {
            throw new SerializationException(String.format("Record from topic '%s' starts with byte 0x%02x, not"
                    + " the magic byte 0: not Confluent wire format (magic byte 0, 4-byte schema id, Avro binary)."
                    + " Was it written by another serializer, e.g. as plain JSON or plain Avro?", topic, data[0]));
        }
        if (data.length < WireFormat.HEADER_LENGTH) {
            throw new SerializationException("Record from topic '" + topic + "' is too short for "
                    + type.getSimpleName() + ": " + data.length + " byte(s), where Confluent's wire format needs at"
                    + " least 5 (magic byte 0 and a 4-byte schema id) before the Avro data.");
        }
        int schemaId = WireFormat.schemaId(data);
        DatumReader<T> reader = readers.computeIfAbsent(schemaId, id -> newReader(topic, id));
        try {
            BinaryDecoder decoder = DecoderFactory.get()
                    .binaryDecoder(data, WireFormat.HEADER_LENGTH, data.length - WireFormat.HEADER_LENGTH, null);
            T value = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new IOException("bytes are left over after the record");
            }
            return value;
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Could not decode a " + type.getSimpleName() + " from topic '" + topic
                    + "' written with schema id " + schemaId + ": the Avro data does not match that schema ("
                    + e + "). The record is corrupt or was framed with the wrong schema id.", e);
        }
    }

    private DatumReader<T> newReader(String topic, int schemaId) {
        Schema writerSchema = writerSchema(topic, schemaId);
        SchemaCompatibility.SchemaPairCompatibility compatibility =
                SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writerSchema);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            String problems = compatibility.getResult().getIncompatibilities().stream()
                    .map(i -> i.getType() + " at " + i.getLocation() + ": " + i.getMessage())
                    .collect(Collectors.joining("; "));
            throw new SerializationException("Records of topic '" + topic + "' written with schema id " + schemaId
                    + " (" + writerSchema.getFullName() + ") cannot be read as " + type.getName() + ": " + problems);
        }
        return new SpecificDatumReader<>(writerSchema, readerSchema, readerData);
    }

    private Schema writerSchema(String topic, int schemaId) {
        try {
            return client.schemaById(schemaId);
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == ErrorCodes.SCHEMA_NOT_FOUND) {
                throw new SerializationException("Unknown schema id " + schemaId + " in a record from topic '"
                        + topic + "': the schema registry at " + client.config().baseUrl() + " has no such schema."
                        + " Producer and consumer must use the same registry. (" + e.getMessage() + ")", e);
            }
            throw new SerializationException("Could not fetch the writer schema id " + schemaId + " of a record from"
                    + " topic '" + topic + "': " + e.getMessage(), e);
        }
    }
}
