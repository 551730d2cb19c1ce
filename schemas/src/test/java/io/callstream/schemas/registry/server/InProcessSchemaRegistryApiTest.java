package io.callstream.schemas.registry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The registry's REST API as Confluent's clients see it: raw HTTP, checking JSON shapes and error codes.
 * Each test uses subjects named after itself.
 */
class InProcessSchemaRegistryApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static InProcessSchemaRegistry registry;

    private static final Schema V1 = SchemaBuilder.record("Reading").namespace("io.callstream.test").fields()
            .requiredInt("a")
            .endRecord();
    private static final Schema V2_DEFAULTED_B = SchemaBuilder.record("Reading").namespace("io.callstream.test")
            .fields()
            .requiredInt("a")
            .name("b").type().stringType().stringDefault("x")
            .endRecord();
    private static final Schema V3_REQUIRED_B = SchemaBuilder.record("Reading").namespace("io.callstream.test")
            .fields()
            .requiredInt("a")
            .requiredString("b")
            .endRecord();
    private static final Schema WITHOUT_A = SchemaBuilder.record("Reading").namespace("io.callstream.test")
            .fields()
            .name("b").type().stringType().stringDefault("x")
            .endRecord();

    private record Reply(int status, JsonNode body) {
    }

    @BeforeAll
    static void start() {
        registry = InProcessSchemaRegistry.start();
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    private static Reply call(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(registry.url() + path))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/vnd.schemaregistry.v1+json");
        return new Reply(response.statusCode(), JSON.readTree(response.body()));
    }

    private static String schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString()).toString();
    }

    private static String subject(TestInfo test) {
        return test.getTestMethod().orElseThrow().getName() + "-value";
    }

    private static void assertError(Reply reply, int status, int errorCode) {
        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.body().get("error_code").asInt()).isEqualTo(errorCode);
        assertThat(reply.body().get("message").asText()).isNotBlank();
    }

    @Test
    void registerAnswersTheIdAndAcceptsSchemaTypeReferencesAndUnknownParameters(TestInfo test) throws Exception {
        String body = JSON.createObjectNode().put("schema", V1.toString()).put("schemaType", "AVRO")
                .<ObjectNode>set("references", JSON.createArrayNode())
                .toString();

        Reply reply = call("POST", "/subjects/" + subject(test) + "/versions?normalize=false", body);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().fieldNames()).toIterable().containsExactly("id");
        assertThat(reply.body().get("id").asInt()).isPositive();
    }

    @Test
    void registeringTheSameSchemaTextDifferentlyFormattedGivesTheSameId(TestInfo test) throws Exception {
        int id = call("POST", "/subjects/" + subject(test) + "/versions", schemaBody(V1)).body().get("id").asInt();
        String pretty = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(V1.toString()));

        Reply again = call("POST", "/subjects/" + subject(test) + "/versions",
                JSON.createObjectNode().put("schema", pretty).toString());

        assertThat(again.body().get("id").asInt()).isEqualTo(id);
    }

    @Test
    void answersSubjectVersionIdAndSchemaForVersionsAndLookups(TestInfo test) throws Exception {
        String subject = subject(test);
        int id = call("POST", "/subjects/" + subject + "/versions", schemaBody(V1)).body().get("id").asInt();

        for (String path : new String[] {"/subjects/" + subject + "/versions/1",
                "/subjects/" + subject + "/versions/latest", "/subjects/" + subject + "/versions/-1?deleted=false"}) {
            Reply reply = call("GET", path, null);
            assertThat(reply.status()).as(path).isEqualTo(200);
            assertThat(reply.body().get("subject").asText()).isEqualTo(subject);
            assertThat(reply.body().get("version").asInt()).isEqualTo(1);
            assertThat(reply.body().get("id").asInt()).isEqualTo(id);
            assertThat(new Schema.Parser().parse(reply.body().get("schema").asText())).isEqualTo(V1);
            assertThat(reply.body().has("schemaType")).isFalse();
        }
        Reply lookup = call("POST", "/subjects/" + subject + "?normalize=false&deleted=false", schemaBody(V1));
        assertThat(lookup.body().get("id").asInt()).isEqualTo(id);
        assertThat(lookup.body().get("version").asInt()).isEqualTo(1);
        assertThat(lookup.body().get("subject").asText()).isEqualTo(subject);
        assertThat(call("GET", "/subjects/" + subject + "/versions", null).body().toString()).isEqualTo("[1]");
    }

    @Test
    void servesSchemasByIdIgnoringSubjectAndFormatParameters(TestInfo test) throws Exception {
        String subject = subject(test);
        int id = call("POST", "/subjects/" + subject + "/versions", schemaBody(V1)).body().get("id").asInt();

        Reply byId = call("GET", "/schemas/ids/" + id + "?subject=" + subject + "&format=resolved", null);
        Reply versions = call("GET", "/schemas/ids/" + id + "/versions", null);

        assertThat(byId.status()).isEqualTo(200);
        assertThat(new Schema.Parser().parse(byId.body().get("schema").asText())).isEqualTo(V1);
        assertThat(versions.body().toString()).contains("{\"subject\":\"" + subject + "\",\"version\":1}");
    }

    @Test
    void answersNotFoundErrorsWithConfluentErrorCodes(TestInfo test) throws Exception {
        String subject = subject(test);
        assertError(call("GET", "/schemas/ids/424242", null), 404, 40403);
        assertError(call("GET", "/subjects/" + subject + "/versions", null), 404, 40401);
        assertError(call("GET", "/subjects/" + subject + "/versions/latest", null), 404, 40401);
        assertError(call("POST", "/subjects/" + subject, schemaBody(V1)), 404, 40401);

        call("POST", "/subjects/" + subject + "/versions", schemaBody(V1));

        assertError(call("GET", "/subjects/" + subject + "/versions/7", null), 404, 40402);
        assertError(call("GET", "/subjects/" + subject + "/versions/seven", null), 422, 42202);
        assertError(call("POST", "/subjects/" + subject, schemaBody(V2_DEFAULTED_B)), 404, 40403);
        assertError(call("GET", "/no/such/thing", null), 404, 404);
        assertError(call("PATCH", "/subjects", null), 405, 405);
    }

    @Test
    void refusesInvalidSchemasWith42201(TestInfo test) throws Exception {
        String path = "/subjects/" + subject(test) + "/versions";
        String unknownType = "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"nope\"}]}";
        String badDefault = "{\"type\":\"record\",\"name\":\"R\",\"fields\":"
                + "[{\"name\":\"a\",\"type\":\"int\",\"default\":\"x\"}]}";

        assertError(call("POST", path, JSON.createObjectNode().put("schema", unknownType).toString()), 422, 42201);
        assertError(call("POST", path, JSON.createObjectNode().put("schema", badDefault).toString()), 422, 42201);
        assertError(call("POST", path, JSON.createObjectNode().put("schema", "{not json").toString()), 422, 42201);
        assertError(call("POST", path, "{}"), 422, 42201);
        assertError(call("POST", path, JSON.createObjectNode().put("schema", V1.toString())
                .put("schemaType", "PROTOBUF").toString()), 422, 42201);
        assertError(call("POST", path, "this is not json"), 400, 400);
    }

    @Test
    void checksCompatibilityWithIsCompatibleAndMessages(TestInfo test) throws Exception {
        String subject = subject(test);
        String latest = "/compatibility/subjects/" + subject + "/versions/latest?verbose=true";
        assertThat(call("POST", latest, schemaBody(V3_REQUIRED_B)).body().get("is_compatible").asBoolean())
                .as("no versions yet").isTrue();
        call("POST", "/subjects/" + subject + "/versions", schemaBody(V1));

        Reply compatible = call("POST", latest, schemaBody(V2_DEFAULTED_B));
        Reply incompatible = call("POST", "/compatibility/subjects/" + subject + "/versions/1", schemaBody(V3_REQUIRED_B));

        assertThat(compatible.body().get("is_compatible").asBoolean()).isTrue();
        assertThat(compatible.body().get("messages")).isEmpty();
        assertThat(incompatible.body().get("is_compatible").asBoolean()).isFalse();
        assertThat(incompatible.body().get("messages").get(0).asText())
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE", "/fields/1", "field 'b'");
    }

    @Test
    void readsAndSetsCompatibilityLevelsAsConfluentDoes(TestInfo test) throws Exception {
        String subject = subject(test);
        assertThat(call("GET", "/config", null).body().toString()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
        assertThat(call("GET", "/config/" + subject, null).body().get("compatibilityLevel").asText())
                .as("a subject without its own level follows the global one").isEqualTo("BACKWARD");

        Reply put = call("PUT", "/config/" + subject, "{\"compatibility\":\"NONE\"}");

        assertThat(put.body().toString()).isEqualTo("{\"compatibility\":\"NONE\"}");
        assertThat(call("GET", "/config/" + subject, null).body().get("compatibilityLevel").asText()).isEqualTo("NONE");
        assertThat(call("GET", "/config", null).body().get("compatibilityLevel").asText()).isEqualTo("BACKWARD");
        call("POST", "/subjects/" + subject + "/versions", schemaBody(V1));
        assertThat(call("POST", "/subjects/" + subject + "/versions", schemaBody(V3_REQUIRED_B)).status())
                .as("NONE accepts anything").isEqualTo(200);
        assertError(call("PUT", "/config/" + subject, "{\"compatibility\":\"SOMETIMES\"}"), 422, 42203);
    }

    @Test
    void backwardTransitiveChecksEveryEarlierVersion(TestInfo test) throws Exception {
        String plain = subject(test) + "-plain";
        String transitive = subject(test) + "-transitive";
        call("PUT", "/config/" + transitive, "{\"compatibility\":\"BACKWARD_TRANSITIVE\"}");
        for (String subject : new String[] {plain, transitive}) {
            call("POST", "/subjects/" + subject + "/versions", schemaBody(V1));
            call("POST", "/subjects/" + subject + "/versions", schemaBody(V2_DEFAULTED_B));
        }

        // Version 3 reads version 2's data (b is there) but not version 1's (b is missing and has no default).
        assertThat(call("POST", "/subjects/" + plain + "/versions", schemaBody(V3_REQUIRED_B)).status()).isEqualTo(200);
        Reply refused = call("POST", "/subjects/" + transitive + "/versions", schemaBody(V3_REQUIRED_B));
        assertError(refused, 409, 409);
        assertThat(refused.body().get("message").asText()).contains("BACKWARD_TRANSITIVE", "version 1", "field 'b'");
    }

    @Test
    void forwardRefusesRemovingAFieldOldReadersNeed(TestInfo test) throws Exception {
        String subject = subject(test);
        call("PUT", "/config/" + subject, "{\"compatibility\":\"FORWARD\"}");
        call("POST", "/subjects/" + subject + "/versions", schemaBody(V1));

        Reply refused = call("POST", "/subjects/" + subject + "/versions", schemaBody(WITHOUT_A));

        assertError(refused, 409, 409);
        assertThat(refused.body().get("message").asText())
                .contains("FORWARD", "field 'a'", "version 1 cannot read data written with the new schema");
    }

    @Test
    void deletesSoftlyThenPermanentlyButKeepsIdsResolvable(TestInfo test) throws Exception {
        String subject = subject(test);
        int id = call("POST", "/subjects/" + subject + "/versions", schemaBody(V1)).body().get("id").asInt();

        assertThat(call("DELETE", "/subjects/" + subject, null).body().toString()).isEqualTo("[1]");
        assertThat(call("GET", "/subjects", null).body().toString()).doesNotContain(subject);
        assertThat(call("GET", "/subjects?deleted=true", null).body().toString()).contains(subject);
        assertError(call("DELETE", "/subjects/" + subject, null), 404, 40404);
        assertThat(call("DELETE", "/subjects/" + subject + "?permanent=true", null).body().toString())
                .isEqualTo("[1]");
        assertError(call("GET", "/subjects/" + subject + "/versions?deleted=true", null), 404, 40401);
        assertThat(call("GET", "/schemas/ids/" + id, null).status()).isEqualTo(200);

        Reply again = call("POST", "/subjects/" + subject + "/versions", schemaBody(V2_DEFAULTED_B));
        assertThat(again.status()).as("a permanently deleted subject starts afresh").isEqualTo(200);
        assertThat(call("GET", "/subjects/" + subject + "/versions", null).body().toString()).isEqualTo("[1]");
    }

    @Test
    void startsOnAGivenPortAndSaysSoWhenItIsTaken() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (InProcessSchemaRegistry onPort = InProcessSchemaRegistry.start(port)) {
            assertThat(onPort.url()).isEqualTo("http://127.0.0.1:" + port);
            assertThat(onPort.port()).isEqualTo(port);

            assertThatThrownBy(() -> InProcessSchemaRegistry.start(port))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("127.0.0.1:" + port)
                    .hasMessageContaining("is the port taken?");
        }
    }

    @Test
    void answersTheSmallEndpointsClientsProbe() throws Exception {
        assertThat(call("GET", "/", null).status()).isEqualTo(200);
        assertThat(call("GET", "/schemas/types", null).body().toString()).isEqualTo("[\"AVRO\"]");
        assertThat(call("GET", "/mode", null).body().get("mode").asText()).isEqualTo("READWRITE");
    }
}
