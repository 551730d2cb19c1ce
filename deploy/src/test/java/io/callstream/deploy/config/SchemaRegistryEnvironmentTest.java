package io.callstream.deploy.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.callstream.schemas.registry.RegistryClientConfig;
import io.callstream.schemas.registry.RegistryClientProperties;
import org.junit.jupiter.api.Test;

class SchemaRegistryEnvironmentTest {

    @Test
    void mapsSchemaRegistryVariablesToConfluentsPrefixedPropertyNames() {
        assertThat(SchemaRegistryEnvironment.properties(Map.of(
                "SCHEMA_REGISTRY_BASIC_AUTH_CREDENTIALS_SOURCE", "USER_INFO",
                "SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO", "key:secret",
                "SCHEMA_REGISTRY_SSL_TRUSTSTORE_LOCATION", "/etc/ca.p12",
                "SCHEMA_REGISTRY_URL", "https://sr.example.com",
                "KAFKA_BOOTSTRAP_SERVERS", "broker:9092")))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "schema.registry.basic.auth.credentials.source", "USER_INFO",
                        "schema.registry.basic.auth.user.info", "key:secret",
                        "schema.registry.ssl.truststore.location", "/etc/ca.p12"));
    }

    @Test
    void aBearerTokenVariableBecomesTheClientsBearerCredentials() {
        RegistryClientConfig config = RegistryClientProperties.apply(RegistryClientConfig.of("https://sr.example.com"),
                SchemaRegistryEnvironment.properties(Map.of("SCHEMA_REGISTRY_BEARER_AUTH_TOKEN", "eyJtok")));

        assertThat(config.auth().authorizationHeader()).contains("Bearer eyJtok");
    }
}
