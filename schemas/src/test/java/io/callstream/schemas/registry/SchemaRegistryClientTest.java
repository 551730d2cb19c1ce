package io.callstream.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callstream.schemas.registry.server.InProcessSchemaRegistry;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** The client against the in-process registry, over real HTTP. Each test uses subjects named after itself. */
class SchemaRegistryClientTest {

    private static InProcessSchemaRegistry registry;
    private static SchemaRegistryClient client;

    private static final Schema V1 = SchemaBuilder.record("Reading").namespace("io.callstream.test").fields()
            .requiredString("callId")
            .requiredLong("offsetMs")
            .endRecord();
    private static final Schema V2_WITH_DEFAULT = SchemaBuilder.record("Reading").namespace("io.callstream.test")
            .fields()
            .requiredString("callId")
            .requiredLong("offsetMs")
            .name("severity").type().stringType().stringDefault("INFO")
            .endRecord();
    private static final Schema V2_WITHOUT_DEFAULT = SchemaBuilder.record("Reading").namespace("io.callstream.test")
            .fields()
            .requiredString("callId")
            .requiredLong("offsetMs")
            .requiredString("severity")
            .endRecord();

    @BeforeAll
    static void startRegistry() {
        registry = InProcessSchemaRegistry.start();
        client = new SchemaRegistryClient(RegistryClientConfig.of(registry.url()));
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    private static String subject(TestInfo test, String suffix) {
        return test.getTestMethod().orElseThrow().getName() + "-" + suffix;
    }

    @Test
    void registersASchemaAndServesItById(TestInfo test) {
        int id = client.register(subject(test, "value"), V1);

        assertThat(id).isPositive();
        assertThat(new SchemaRegistryClient(RegistryClientConfig.of(registry.url())).schemaById(id)).isEqualTo(V1);
    }

    @Test
    void givesTheSameSchemaUnderTwoSubjectsTheSameId(TestInfo test) {
        int first = client.register(subject(test, "a-value"), V1);
        int second = client.register(subject(test, "b-value"), V1);

        assertThat(second).isEqualTo(first);
    }

    @Test
    void registeringAnExistingSchemaAgainReturnsItsIdWithoutANewVersion(TestInfo test) {
        String subject = subject(test, "value");
        int id = client.register(subject, V1);
        SchemaRegistryClient freshClient = new SchemaRegistryClient(RegistryClientConfig.of(registry.url()));

        assertThat(freshClient.register(subject, V1)).isEqualTo(id);
        assertThat(client.versions(subject)).containsExactly(1);
    }

    @Test
    void concurrentRegistrationOfOneSchemaFromManyThreadsGivesOneId(TestInfo test) throws Exception {
        String subject = subject(test, "value");
        Schema schema = SchemaBuilder.record("Concurrent").namespace("io.callstream.test").fields()
                .requiredString("x").endRecord();
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Integer>> registrations = IntStream.range(0, threads)
                    .mapToObj(i -> (Callable<Integer>) () -> {
                        // A client per thread, so no client-side cache hides a race in the registry.
                        SchemaRegistryClient own = new SchemaRegistryClient(RegistryClientConfig.of(registry.url()));
                        start.await();
                        return own.register(subject, schema);
                    })
                    .toList();
            List<Future<Integer>> ids = registrations.stream().map(pool::submit).toList();
            start.countDown();
            Set<Integer> distinct = ids.stream().map(SchemaRegistryClientTest::get).collect(Collectors.toSet());

            assertThat(distinct).hasSize(1);
            assertThat(client.versions(subject)).containsExactly(1);
        } finally {
            pool.shutdownNow();
        }
    }

    private static int get(Future<Integer> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void refusesIncompatibleSchemaWithClearMessage(TestInfo test) {
        String subject = subject(test, "value");
        client.register(subject, V1);

        assertThatThrownBy(() -> client.register(subject, V2_WITHOUT_DEFAULT))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo(409);
                    assertThat(e.registryMessage())
                            .contains("incompatible", subject, "BACKWARD", "READER_FIELD_MISSING_DEFAULT_VALUE",
                                    "field 'severity' has no default value", "version 1");
                    assertThat(e.getMessage()).contains("give an added field a default");
                });
        assertThat(client.versions(subject)).containsExactly(1);
    }

    @Test
    void acceptsAnAddedFieldWithADefaultAsANewVersion(TestInfo test) {
        String subject = subject(test, "value");
        int first = client.register(subject, V1);
        int second = client.register(subject, V2_WITH_DEFAULT);

        assertThat(second).isNotEqualTo(first);
        assertThat(client.versions(subject)).containsExactly(1, 2);
        assertThat(client.latest(subject)).isEqualTo(new RegisteredSchema(subject, second, 2, V2_WITH_DEFAULT));
    }

    @Test
    void tellsWhetherAChangeWouldBeCompatible(TestInfo test) {
        String subject = subject(test, "value");
        assertThat(client.isCompatible(subject, V2_WITHOUT_DEFAULT)).as("a new subject takes anything").isTrue();

        client.register(subject, V1);

        assertThat(client.isCompatible(subject, V2_WITH_DEFAULT)).isTrue();
        assertThat(client.isCompatible(subject, V2_WITHOUT_DEFAULT)).isFalse();
    }

    @Test
    void looksUpWhereASchemaIsRegisteredWithoutRegisteringIt(TestInfo test) {
        String subject = subject(test, "value");
        int id = client.register(subject, V1);

        assertThat(client.lookup(subject, V1)).isEqualTo(new RegisteredSchema(subject, id, 1, V1));
        assertThatThrownBy(() -> client.lookup(subject, V2_WITH_DEFAULT))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCodes.SCHEMA_NOT_FOUND));
        assertThatThrownBy(() -> client.lookup(subject(test, "missing"), V1))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCodes.SUBJECT_NOT_FOUND));
        assertThat(client.versions(subject)).containsExactly(1);
    }

    @Test
    void anUnknownIdIsNotFound() {
        assertThatThrownBy(() -> client.schemaById(987_654))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(40403);
                    assertThat(e.registryMessage()).isEqualTo("Schema 987654 not found");
                    assertThat(e.getMessage()).contains("same schema registry");
                });
    }

    @Test
    void anUnknownSubjectIsNotFound(TestInfo test) {
        String subject = subject(test, "value");

        assertThatThrownBy(() -> client.latest(subject))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(40401);
                    assertThat(e.registryMessage()).isEqualTo("Subject '" + subject + "' not found.");
                });
        assertThatThrownBy(() -> client.versions(subject))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(40401));
    }

    @Test
    void listsSubjects(TestInfo test) {
        client.register(subject(test, "key"), Schema.create(Schema.Type.STRING));
        client.register(subject(test, "value"), V1);

        assertThat(client.subjects()).contains(subject(test, "key"), subject(test, "value"));
    }

    @Test
    void encodesSubjectNamesThatAreNotUrlSafe() {
        String subject = "odd subject/with?chars&100%+é-value";
        int id = client.register(subject, V1);

        assertThat(client.subjects()).contains(subject);
        assertThat(client.versions(subject)).containsExactly(1);
        assertThat(client.latest(subject)).isEqualTo(new RegisteredSchema(subject, id, 1, V1));
        assertThat(client.lookup(subject, V1).id()).isEqualTo(id);
    }

    @Test
    void servesIdsAndSchemasItKnowsFromItsCacheWhenTheRegistryIsGone() {
        SchemaRegistryClient cachingClient;
        int id;
        try (InProcessSchemaRegistry shortLived = InProcessSchemaRegistry.start()) {
            cachingClient = new SchemaRegistryClient(RegistryClientConfig.of(shortLived.url()).withMaxAttempts(1));
            id = cachingClient.register("cached-value", V1);
        }

        assertThat(cachingClient.register("cached-value", V1)).isEqualTo(id);
        assertThat(cachingClient.schemaById(id)).isEqualTo(V1);
        assertThatThrownBy(() -> cachingClient.latest("cached-value"))
                .as("latest is never cached").isInstanceOf(SchemaRegistryException.class);
    }
}
