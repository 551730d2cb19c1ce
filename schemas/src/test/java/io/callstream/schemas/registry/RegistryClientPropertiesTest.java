package io.callstream.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Confluent's client property names become the client's credentials and trust store; secrets never show. */
class RegistryClientPropertiesTest {

    private static final RegistryClientConfig BASE = RegistryClientConfig.of("https://registry.example.com");

    @Test
    void userInfoWithTheUserInfoSourceIsBasicAuth() {
        RegistryClientConfig config = RegistryClientProperties.apply(BASE, Map.of(
                "basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "key:se:cret"));

        assertThat(config.auth().authorizationHeader()).contains("Basic "
                + Base64.getEncoder().encodeToString("key:se:cret".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void takesTheSchemaRegistryPrefixedNamesAndImpliesTheSource() {
        RegistryClientConfig basic = RegistryClientProperties.apply(BASE,
                Map.of("schema.registry.basic.auth.user.info", "key:secret"));
        RegistryClientConfig bearer = RegistryClientProperties.apply(BASE,
                Map.of("schema.registry.bearer.auth.token", "tok"));

        assertThat(basic.auth()).isInstanceOf(RegistryAuth.Basic.class);
        assertThat(bearer.auth().authorizationHeader()).contains("Bearer tok");
    }

    @Test
    void staticTokenSourceWithATokenIsBearerAuth() {
        RegistryClientConfig config = RegistryClientProperties.apply(BASE, Map.of(
                "bearer.auth.credentials.source", "STATIC_TOKEN", "bearer.auth.token", "abc.def"));

        assertThat(config.auth().authorizationHeader()).contains("Bearer abc.def");
    }

    @Test
    void noPropertiesMeanNoCredentialsAndTheJvmTrustStore() {
        RegistryClientConfig config = RegistryClientProperties.apply(BASE,
                Map.of("basic.auth.credentials.source", "USER_INFO"));

        assertThat(config.auth().authorizationHeader()).isEmpty();
        assertThat(config.trust().isJvmDefault()).isTrue();
    }

    @Test
    void refusesWhatThisClientCannotDoByName() {
        assertThatThrownBy(() -> RegistryClientProperties.apply(BASE, Map.of("basic.auth.user.info", "a:b",
                "bearer.auth.token", "t"))).hasMessageContaining("set only one").hasMessageNotContaining("a:b");
        assertThatThrownBy(() -> RegistryClientProperties.apply(BASE, Map.of("basic.auth.credentials.source", "URL")))
                .hasMessageContaining("USER_INFO");
        assertThatThrownBy(() -> RegistryClientProperties.apply(BASE,
                Map.of("basic.auth.credentials.source", "SASL_INHERIT"))).hasMessageContaining("not supported");
        assertThatThrownBy(() -> RegistryClientProperties.apply(BASE, Map.of("bearer.auth.credentials.source",
                "OAUTHBEARER"))).hasMessageContaining("STATIC_TOKEN");
        assertThatThrownBy(() -> RegistryClientProperties.apply(BASE, Map.of("basic.auth.user.info", "no-colon-secret")))
                .hasMessageContaining("user:secret").hasMessageNotContaining("no-colon-secret");
    }

    @Test
    void takesTheTrustStoreOnlyByItsPrefixedName() {
        RegistryClientConfig prefixed = RegistryClientProperties.apply(BASE, Map.of(
                "schema.registry.ssl.truststore.location", "/etc/ca.p12", "schema.registry.ssl.truststore.password",
                "store-pass"));
        RegistryClientConfig kafkaOwn = RegistryClientProperties.apply(BASE,
                Map.of("ssl.truststore.location", "/etc/kafka.p12"));

        assertThat(prefixed.trust().isJvmDefault()).isFalse();
        assertThat(prefixed.trust().toString()).contains("/etc/ca.p12").doesNotContain("store-pass");
        assertThat(kafkaOwn.trust().isJvmDefault()).isTrue();
    }

    @Test
    void neverPrintsCredentialsInTheConfig() {
        RegistryClientConfig basic = RegistryClientProperties.apply(BASE,
                Map.of("basic.auth.user.info", "api-key-123:api-secret-456"));
        RegistryClientConfig bearer = RegistryClientProperties.apply(BASE, Map.of("bearer.auth.token", "tok-789"));

        assertThat(basic.toString()).contains("registry.example.com").doesNotContain("api-key-123")
                .doesNotContain("api-secret-456");
        assertThat(bearer.toString()).doesNotContain("tok-789");
    }

    @Test
    void refusesCredentialsInTheUrlWithoutRepeatingThem() {
        assertThatThrownBy(() -> RegistryClientConfig.of("https://key:very-secret@registry.example.com/"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO")
                .hasMessageContaining("https://registry.example.com")
                .hasMessageNotContaining("very-secret");
        assertThatThrownBy(() -> RegistryClientConfig.of("key:very-secret@registry.example.com"))
                .hasMessageNotContaining("very-secret");
    }

    @Test
    void refusesALineBreakInACredentialWithoutEchoingIt() {
        assertThatThrownBy(() -> RegistryAuth.bearer("zq81\r\nX-Injected: 1"))
                .hasMessageContaining("control character").hasMessageNotContaining("zq81");
    }
}
