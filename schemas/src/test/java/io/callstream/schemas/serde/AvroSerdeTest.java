package io.callstream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callstream.avro.Alert;
import io.callstream.avro.CallEnded;
import io.callstream.avro.CallEvent;
import io.callstream.avro.CallStarted;
import io.callstream.avro.DeadLetter;
import io.callstream.avro.EnrichedTurn;
import io.callstream.avro.QaExchange;
import io.callstream.avro.SpeakerIdentified;
import io.callstream.avro.SpeakerTurn;
import io.callstream.avro.TranscriptLine;
import io.callstream.schemas.registry.RegistryClientConfig;
import io.callstream.schemas.registry.SchemaRegistryClient;
import io.callstream.schemas.registry.SchemaRegistryException;
import io.callstream.schemas.registry.Subjects;
import io.callstream.schemas.registry.server.InProcessSchemaRegistry;
import io.callstream.schemas.testing.Samples;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** The Avro serde in Confluent's wire format, against the in-process registry over real HTTP. */
class AvroSerdeTest {

    private static InProcessSchemaRegistry registry;
    private static SchemaRegistryClient client;

    @BeforeAll
    static void startRegistry() {
        registry = InProcessSchemaRegistry.start();
        client = new SchemaRegistryClient(RegistryClientConfig.of(registry.url()));
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    private static String topic(TestInfo test) {
        return test.getTestMethod().orElseThrow().getName();
    }

    private static <T extends SpecificRecord> T roundTrip(Class<T> type, String topic, T value) {
        AvroSerde<T> serde = new AvroSerde<>(type, client, false);
        byte[] bytes = serde.serializer().serialize(topic, value);
        // A separate client, so the writer schema really comes over HTTP and not from the writer's cache.
        SchemaRegistryClient readerClient = new SchemaRegistryClient(RegistryClientConfig.of(registry.url()));
        return new AvroDeserializer<>(type, readerClient).deserialize(topic, bytes);
    }

    @Test
    void roundTripsEveryBranchOfTheCallEventPayload(TestInfo test) {
        List<CallEvent> events = Samples.callEvents();
        assertThat(events).extracting(event -> (Object) event.getPayload().getClass()).containsExactly(
                CallStarted.class, TranscriptLine.class, SpeakerIdentified.class, CallEnded.class);

        for (CallEvent event : events) {
            CallEvent read = roundTrip(CallEvent.class, topic(test), event);
            assertThat(read).isEqualTo(event);
            assertThat(read.getPayload()).isInstanceOf(event.getPayload().getClass());
        }
    }

    @Test
    void roundTripsEveryOutputRecord(TestInfo test) {
        assertThat(roundTrip(SpeakerTurn.class, topic(test) + "-turns", Samples.speakerTurn()))
                .isEqualTo(Samples.speakerTurn());
        assertThat(roundTrip(EnrichedTurn.class, topic(test) + "-enriched", Samples.enrichedTurn()))
                .isEqualTo(Samples.enrichedTurn());
        assertThat(roundTrip(QaExchange.class, topic(test) + "-qa", Samples.qaExchange()))
                .isEqualTo(Samples.qaExchange());
        assertThat(roundTrip(Alert.class, topic(test) + "-alerts", Samples.alert()))
                .isEqualTo(Samples.alert());
        DeadLetter deadLetter = roundTrip(DeadLetter.class, topic(test) + "-dlq", Samples.deadLetter());
        assertThat(deadLetter).isEqualTo(Samples.deadLetter());
        assertThat(deadLetter.getPayload()).isEqualTo(Samples.deadLetter().getPayload());
    }

    @Test
    void readsGeneratedClassesWithoutTheSerializablePackagesProperty(TestInfo test) {
        // The round trips above would prove nothing about Avro's package guard if the property were set.
        assertThat(System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES")).isNull();

        assertThat(roundTrip(CallEvent.class, topic(test), Samples.callEvents().get(1)))
                .isEqualTo(Samples.callEvents().get(1));
    }

    @Test
    void framesRecordsWithMagicByteZeroAndTheIdTheRegistryAssigned(TestInfo test) {
        String topic = topic(test);
        byte[] bytes = new AvroSerializer<CallEvent>(client, false).serialize(topic, Samples.callEvents().get(0));

        int registeredId = client.lookup(Subjects.valueSubject(topic), CallEvent.getClassSchema()).id();
        assertThat(bytes[0]).isZero();
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(registeredId);
        assertThat(client.latest(Subjects.valueSubject(topic)).id()).isEqualTo(registeredId);
    }

    @Test
    void registersKeySchemasUnderTheKeySubject(TestInfo test) {
        String topic = topic(test);
        new AvroSerde<>(SpeakerTurn.class, client, true).serializer().serialize(topic, Samples.speakerTurn());

        assertThat(client.subjects()).contains(Subjects.keySubject(topic)).doesNotContain(Subjects.valueSubject(topic));
    }

    @Test
    void passesNullThroughForTombstones(TestInfo test) {
        AvroSerde<Alert> serde = new AvroSerde<>(Alert.class, client, false);

        assertThat(serde.serializer().serialize(topic(test), null)).isNull();
        assertThat(serde.deserializer().deserialize(topic(test), null)).isNull();
    }

    @Test
    void onlyLooksUpTheSchemaWhenAutoRegisterIsOff(TestInfo test) {
        String topic = topic(test);
        AvroSerializer<Alert> lookupOnly = new AvroSerializer<>(client, false, false);

        assertThatThrownBy(() -> lookupOnly.serialize(topic, Samples.alert()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("auto-register is off")
                .hasMessageContaining(Subjects.valueSubject(topic))
                .hasCauseInstanceOf(SchemaRegistryException.class);

        int id = client.register(Subjects.valueSubject(topic), Alert.getClassSchema());
        byte[] bytes = lookupOnly.serialize(topic, Samples.alert());
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
    }

    @Test
    void anUnknownSchemaIdIsAClearError(TestInfo test) {
        byte[] bytes = {0, 0, 0, 0x7f, (byte) 0xff, 2, 'x'};

        assertThatThrownBy(() -> new AvroDeserializer<>(Alert.class, client).deserialize(topic(test), bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown schema id 32767")
                .hasMessageContaining(topic(test))
                .hasMessageContaining("same registry")
                .cause().isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(40403));
    }

    @Test
    void refusesBytesThatAreNotConfluentWireFormat(TestInfo test) {
        AvroDeserializer<Alert> deserializer = new AvroDeserializer<>(Alert.class, client);

        assertThatThrownBy(() -> deserializer.deserialize(topic(test), "{\"json\":1}".getBytes()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("0x7b")
                .hasMessageContaining("not Confluent wire format");
        assertThatThrownBy(() -> deserializer.deserialize(topic(test), new byte[] {'{', '}'}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("not Confluent wire format");
        assertThatThrownBy(() -> deserializer.deserialize(topic(test), new byte[] {0, 0, 1}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("too short")
                .hasMessageContaining("3 byte(s)");
    }

    @Test
    void refusesDataThatDoesNotDecodeWithItsWriterSchema(TestInfo test) {
        String topic = topic(test);
        byte[] good = new AvroSerializer<Alert>(client, false).serialize(topic, Samples.alert());
        AvroDeserializer<Alert> deserializer = new AvroDeserializer<>(Alert.class, client);

        byte[] truncated = Arrays.copyOf(good, good.length / 2);
        byte[] trailing = Arrays.copyOf(good, good.length + 3);

        assertThatThrownBy(() -> deserializer.deserialize(topic, truncated))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Could not decode a Alert from topic '" + topic + "'")
                .hasMessageContaining("does not match that schema");
        assertThatThrownBy(() -> deserializer.deserialize(topic, trailing))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("left over");
    }

    @Test
    void refusesRecordsOfAnotherTypeWithTheReason(TestInfo test) {
        String topic = topic(test);
        byte[] alert = new AvroSerializer<Alert>(client, false).serialize(topic, Samples.alert());

        assertThatThrownBy(() -> new AvroDeserializer<>(CallEvent.class, client).deserialize(topic, alert))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("(io.callstream.avro.Alert) cannot be read as io.callstream.avro.CallEvent")
                .hasMessageContaining("NAME_MISMATCH");
    }

    @Test
    void refusesToWriteARecordMissingARequiredField(TestInfo test) {
        CallEvent incomplete = new CallEvent();

        assertThatThrownBy(() -> new AvroSerializer<CallEvent>(client, false).serialize(topic(test), incomplete))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Could not write io.callstream.avro.CallEvent for topic");
    }
}
