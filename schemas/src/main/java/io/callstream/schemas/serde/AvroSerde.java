package io.callstream.schemas.serde;

import io.callstream.schemas.registry.SchemaRegistryClient;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serializer and deserializer of one generated Avro class in Confluent's wire format, for Kafka Streams and
 * plain clients. Built with a client instance rather than configured by class name, so one registry client
 * (and its caches) serves every topic of a process.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final AvroSerializer<T> serializer;
    private final AvroDeserializer<T> deserializer;

    /** Auto-registers the class's schema on first use per topic. */
    public AvroSerde(Class<T> type, SchemaRegistryClient client, boolean isKey) {
        this(type, client, isKey, true);
    }

    /** With {@code autoRegister} false, the schema must already be registered under the topic's subject. */
    public AvroSerde(Class<T> type, SchemaRegistryClient client, boolean isKey, boolean autoRegister) {
        this.serializer = new AvroSerializer<>(client, isKey, autoRegister);
        this.deserializer = new AvroDeserializer<>(type, client);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
