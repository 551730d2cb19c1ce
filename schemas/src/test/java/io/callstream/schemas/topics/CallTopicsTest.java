package io.callstream.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callstream.avro.Alert;
import io.callstream.avro.CallEvent;
import io.callstream.schemas.registry.RegistryClientConfig;
import io.callstream.schemas.registry.SchemaRegistryClient;
import io.callstream.schemas.registry.server.InProcessSchemaRegistry;
import io.callstream.schemas.testing.Samples;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CallTopicsTest {

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

    @Test
    void defaultNamesAreTheDesignsTopicsInPipelineOrder() {
        assertThat(TopicNames.defaults().all()).containsExactly(
                "call-events", "call-turns", "call-turns-enriched", "call-qa", "call-alerts", "call-dlq");
    }

    @Test
    void topicNamesMustBeDistinctAndNotBlank() {
        assertThatThrownBy(() -> new TopicNames("a", "b", "c", "d", "e", "a"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("distinct");
        assertThatThrownBy(() -> new TopicNames("a", "b", " ", "d", "e", "f"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank");
    }

    @Test
    void bundlesEachTopicNameWithItsSerdes() {
        TopicNames names = new TopicNames("t-events", "t-turns", "t-enriched", "t-qa", "t-alerts", "t-dlq");
        CallTopics topics = new CallTopics(names, client);

        assertThat(topics.all()).extracting(Topic::name).containsExactlyElementsOf(names.all());
        assertThat(topics.callEvents().name()).isEqualTo("t-events");
        assertThat(topics.deadLetters().name()).isEqualTo("t-dlq");
    }

    @Test
    void keysAreTheCallIdAsPlainUtf8() {
        Topic<String, CallEvent> events = new CallTopics(TopicNames.defaults(), client).callEvents();

        byte[] key = events.keySerde().serializer().serialize(events.name(), Samples.CALL_ID);

        assertThat(new String(key, StandardCharsets.UTF_8)).isEqualTo(Samples.CALL_ID);
    }

    @Test
    void valuesRoundTripAndRegisterUnderTheTopicsValueSubject() {
        CallTopics topics = new CallTopics(TopicNames.defaults(), client);
        Topic<String, Alert> alerts = topics.alerts();
        Topic<String, CallEvent> events = topics.callEvents();

        byte[] alert = alerts.valueSerde().serializer().serialize(alerts.name(), Samples.alert());
        byte[] event = events.valueSerde().serializer().serialize(events.name(), Samples.callEvents().get(1));

        assertThat(alerts.valueSerde().deserializer().deserialize(alerts.name(), alert)).isEqualTo(Samples.alert());
        assertThat(events.valueSerde().deserializer().deserialize(events.name(), event))
                .isEqualTo(Samples.callEvents().get(1));
        assertThat(client.subjects()).contains("call-alerts-value", "call-events-value");
    }
}
