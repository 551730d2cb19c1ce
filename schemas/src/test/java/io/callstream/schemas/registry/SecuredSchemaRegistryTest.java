package io.callstream.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.callstream.schemas.http.HttpServerLimits;
import io.callstream.schemas.registry.server.InProcessSchemaRegistry;
import io.callstream.schemas.registry.server.RegistryAccess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against the in-process registry in its secured mode: HTTP Basic and bearer credentials, over HTTP and
 * over TLS with a private trust store, and what a refused or misconfigured client is told (never the secret).
 */
class SecuredSchemaRegistryTest {

    private static final String USER = "callstream-sr";
    private static final String SECRET = "s3cret-Pa55word:with-colon";
    private static final String TOKEN = "token-4f1c9a0e7b2d";

    private static final Schema SCHEMA = SchemaBuilder.record("Secured").namespace("io.callstream.test").fields()
            .requiredString("callId").endRecord();

    @TempDir
    static Path temp;

    private static InProcessSchemaRegistry registry;
    private static InProcessSchemaRegistry tlsRegistry;
    private static SelfSignedCertificate certificate;

    @BeforeAll
    static void start() throws Exception {
        registry = InProcessSchemaRegistry.startSecured(RegistryAccess.basic(USER, SECRET).orBearer(TOKEN));
        certificate = SelfSignedCertificate.create(temp);
        tlsRegistry = InProcessSchemaRegistry.start(0, HttpServerLimits.defaults(), RegistryAccess.basic(USER, SECRET),
                certificate.serverContext());
    }

    @AfterAll
    static void stop() {
        registry.close();
        tlsRegistry.close();
    }

    private static SchemaRegistryClient client(RegistryAuth auth) {
        return new SchemaRegistryClient(RegistryClientConfig.of(registry.url()).withAuth(auth).withMaxAttempts(3)
                .withInitialBackoff(Duration.ZERO));
    }

    @Test
    void registersAndReadsWithTheRightBasicCredentials() {
        SchemaRegistryClient client = client(RegistryAuth.basic(USER + ":" + SECRET));

        int id = client.register("basic-value", SCHEMA);

        assertThat(client(RegistryAuth.basic(USER + ":" + SECRET)).schemaById(id)).isEqualTo(SCHEMA);
        assertThat(client.latest("basic-value").id()).isEqualTo(id);
    }

    @Test
    void registersWithTheRightBearerToken() {
        SchemaRegistryClient client = client(RegistryAuth.bearer(TOKEN));

        int id = client.register("bearer-value", SCHEMA);

        assertThat(client.versions("bearer-value")).containsExactly(1);
        assertThat(client.schemaById(id)).isEqualTo(SCHEMA);
    }

    @Test
    void refusesAClientWithoutCredentialsWith401SayingWhatToSet() {
        SchemaRegistryException e = catchThrowableOfType(
                () -> client(RegistryAuth.none()).register("none-value", SCHEMA), SchemaRegistryException.class);

        assertThat(e.httpStatus()).isEqualTo(401);
        assertThat(e.errorCode()).isEqualTo(401);
        assertThat(e.isUnauthorized()).isTrue();
        assertThat(e.getMessage()).contains("HTTP 401").contains("Unauthorized").contains("sent no credentials")
                .contains("SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO=user:secret")
                .contains("basic.auth.credentials.source=USER_INFO").contains("SCHEMA_REGISTRY_BEARER_AUTH_TOKEN");
    }

    @Test
    void refusesReadsWithoutCredentialsToo() {
        int id = client(RegistryAuth.basic(USER + ":" + SECRET)).register("reads-value", SCHEMA);

        assertThatThrownBy(() -> client(RegistryAuth.none()).schemaById(id))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.httpStatus()).isEqualTo(401));
        assertThatThrownBy(() -> client(RegistryAuth.none()).subjects())
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.httpStatus()).isEqualTo(401));
    }

    @Test
    void refusesAWrongSecretWithoutShowingAnyPartOfTheCredentials() {
        String wrong = "wrong-Secret-value-93";
        SchemaRegistryException e = catchThrowableOfType(
                () -> client(RegistryAuth.basic(USER + ":" + wrong)).register("wrong-value", SCHEMA),
                SchemaRegistryException.class);

        assertThat(e.httpStatus()).isEqualTo(401);
        assertThat(e.getMessage()).contains("sent HTTP Basic credentials (basic.auth.user.info)")
                .doesNotContain(wrong).doesNotContain(USER).doesNotContain(SECRET)
                .doesNotContain(Base64.getEncoder().encodeToString((USER + ":" + wrong).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void refusesAWrongBearerTokenAndAWrongUser() {
        assertThatThrownBy(() -> client(RegistryAuth.bearer(TOKEN + "x")).register("wrong-token-value", SCHEMA))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(401);
                    assertThat(e.getMessage()).contains("a bearer token (bearer.auth.token)").doesNotContain(TOKEN);
                });
        assertThatThrownBy(() -> client(RegistryAuth.basic("someone-else:" + SECRET)).register("wrong-user-value", SCHEMA))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.httpStatus()).isEqualTo(401));
    }

    @Test
    void answers401AsConfluentDoesWithAChallengeBeforeReadingTheRequest() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(registry.url() + "/subjects/raw-value/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"schema\":\"\\\"string\\\"\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> delete = http.send(HttpRequest.newBuilder(URI.create(registry.url() + "/subjects/raw-value"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("x:y".getBytes(StandardCharsets.UTF_8)))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(post.statusCode()).isEqualTo(401);
        assertThat(post.body()).isEqualTo("{\"error_code\":401,\"message\":\"Unauthorized\"}");
        assertThat(post.headers().allValues("WWW-Authenticate"))
                .containsExactly("Basic realm=\"SchemaRegistry\", charset=\"UTF-8\"", "Bearer realm=\"SchemaRegistry\"");
        assertThat(delete.statusCode()).isEqualTo(401);
        assertThat(client(RegistryAuth.basic(USER + ":" + SECRET)).subjects()).doesNotContain("raw-value");
    }

    @Test
    void registersOverTlsTrustingAGivenTrustStore() {
        RegistryClientConfig config = RegistryClientProperties.apply(RegistryClientConfig.of(tlsRegistry.url()), Map.of(
                "basic.auth.credentials.source", "USER_INFO",
                "basic.auth.user.info", USER + ":" + SECRET,
                "schema.registry.ssl.truststore.location", certificate.trustStore().toString(),
                "schema.registry.ssl.truststore.password", certificate.password(),
                "schema.registry.ssl.truststore.type", "PKCS12"));
        SchemaRegistryClient client = new SchemaRegistryClient(config);

        int id = client.register("tls-value", SCHEMA);

        assertThat(tlsRegistry.url()).startsWith("https://");
        assertThat(client.schemaById(id)).isEqualTo(SCHEMA);
    }

    @Test
    void saysWhichTrustStoreToSetWhenTheCertificateIsNotTrustedAndDoesNotRetry() {
        SchemaRegistryClient client = new SchemaRegistryClient(RegistryClientConfig.of(tlsRegistry.url())
                .withAuth(RegistryAuth.basic(USER + ":" + SECRET)).withMaxAttempts(5)
                .withInitialBackoff(Duration.ofSeconds(5)));

        long start = System.nanoTime();
        SchemaRegistryException e = catchThrowableOfType(() -> client.register("untrusted-value", SCHEMA),
                SchemaRegistryException.class);

        assertThat(e.httpStatus()).isEqualTo(SchemaRegistryException.NONE);
        assertThat(e.getMessage()).contains("after 1 attempt(s)").contains("not trusted")
                .contains("SCHEMA_REGISTRY_SSL_TRUSTSTORE_LOCATION").doesNotContain(SECRET);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
}
