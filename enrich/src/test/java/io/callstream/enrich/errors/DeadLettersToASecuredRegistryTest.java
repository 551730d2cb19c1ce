package io.callstream.enrich.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import io.callstream.avro.DeadLetter;
import io.callstream.enrich.EnrichSettings;
import io.callstream.schemas.errors.DeadLetters;
import io.callstream.schemas.registry.RegistryAuth;
import io.callstream.schemas.registry.RegistryClientConfig;
import io.callstream.schemas.registry.SchemaRegistryClient;
import io.callstream.schemas.registry.server.InProcessSchemaRegistry;
import io.callstream.schemas.registry.server.RegistryAccess;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Kafka Streams builds enrich's dead-letter handlers from the Streams properties, so they make their own registry
 * client: with a secured registry, the settings' credentials must reach it, without becoming a property string.
 */
class DeadLettersToASecuredRegistryTest {

    private static final String USER_INFO = "enrich-sr:dlq-Secret-58";

    private static InProcessSchemaRegistry registry;

    @BeforeAll
    static void start() {
        registry = InProcessSchemaRegistry.startSecured(RegistryAccess.basic("enrich-sr", "dlq-Secret-58"));
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    @Test
    void deadLettersRegisterTheirSchemaWithTheSettingsCredentials() {
        EnrichSettings settings = EnrichSettings.defaults("unused:9092", registry.url(), Path.of("s"))
                .withRegistry(RegistryClientConfig.of(registry.url()).withAuth(RegistryAuth.basic(USER_INFO)));

        ProducerRecord<byte[], byte[]> record = deadLetters(settings.toStreamsProperties())
                .toRecord(letter(), "call-1".getBytes(StandardCharsets.UTF_8), 1L);

        assertThat(record.topic()).isEqualTo("call-dlq");
        assertThat(record.value()[0]).as("Confluent wire format's magic byte").isZero();
        SchemaRegistryClient reader = new SchemaRegistryClient(settings.registry());
        assertThat(reader.subjects()).contains("call-dlq-value");
    }

    @Test
    void credentialsTravelAsTheConfigObjectNeverAsAPropertyString() {
        EnrichSettings secured = EnrichSettings.defaults("unused:9092", registry.url(), Path.of("s"))
                .withRegistry(RegistryClientConfig.of(registry.url()).withAuth(RegistryAuth.basic(USER_INFO)));
        EnrichSettings open = EnrichSettings.defaults("unused:9092", registry.url(), Path.of("s"));

        Properties properties = secured.toStreamsProperties();

        assertThat(properties.get(DeadLetterDeserializationHandler.REGISTRY_CLIENT_CONFIG))
                .isEqualTo(secured.registry());
        assertThat(properties.toString()).doesNotContain("dlq-Secret-58").doesNotContain("enrich-sr");
        assertThat(open.toStreamsProperties()).doesNotContainKey(DeadLetterDeserializationHandler.REGISTRY_CLIENT_CONFIG);
    }

    @Test
    void withoutCredentialsADeadLetterFailsWith401() {
        EnrichSettings open = EnrichSettings.defaults("unused:9092", registry.url(), Path.of("s"));
        DeadLetterRecords records = deadLetters(open.toStreamsProperties());

        assertThatThrownBy(() -> records.toRecord(letter(), null, 1L)).hasStackTraceContaining("HTTP 401");
    }

    private static DeadLetterRecords deadLetters(Properties properties) {
        Map<String, Object> configs = new HashMap<>();
        properties.forEach((k, v) -> configs.put(k.toString(), v));
        return DeadLetterRecords.configure(configs, DeadLetterDeserializationHandler.class);
    }

    private static DeadLetter letter() {
        return DeadLetters.refusedRecord("enrich", "a test", null, "call-events", 0, 7L,
                "call-1".getBytes(StandardCharsets.UTF_8), new byte[] {1, 2}, 1L);
    }
}
