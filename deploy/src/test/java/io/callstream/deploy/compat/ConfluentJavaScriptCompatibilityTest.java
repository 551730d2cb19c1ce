package io.callstream.deploy.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callstream.avro.CallEnded;
import io.callstream.avro.CallEvent;
import io.callstream.avro.CallStarted;
import io.callstream.avro.LineFlag;
import io.callstream.avro.Role;
import io.callstream.avro.Section;
import io.callstream.avro.Speaker;
import io.callstream.avro.SpeakerTurn;
import io.callstream.avro.Status;
import io.callstream.avro.TranscriptLine;
import io.callstream.deploy.stack.EmbeddedStack;
import io.callstream.schemas.registry.RegistryAuth;
import io.callstream.schemas.registry.RegistryClientConfig;
import io.callstream.schemas.registry.SchemaRegistryClient;
import io.callstream.schemas.registry.server.InProcessSchemaRegistry;
import io.callstream.schemas.registry.server.RegistryAccess;
import io.callstream.schemas.serde.AvroSerde;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Confluent's official JavaScript client ({@code @confluentinc/schemaregistry} with {@code kafkajs}) against our
 * registry's HTTP API and our serdes, through a real broker, in both directions; and, configured with HTTP Basic
 * credentials as Confluent documents it, against the registry's secured mode.
 */
@Tag("integration")
class ConfluentJavaScriptCompatibilityTest {

    private static final Path CLIENT_DIR = Path.of("src/test/js/confluent-compat");
    /** Where the build's background install of the client says how it went (deploy/pom.xml, install.sh). */
    private static final Path INSTALL_STATUS = Path.of(System.getProperty("callstream.compat.install.status",
            "target/confluent-compat-install"));
    private static final Instant AT = Instant.parse("2017-02-22T22:31:05Z");

    private static final String SECURED_USER = "js-compat";
    private static final String SECURED_SECRET = "js-Secret-4417";

    private static EmbeddedStack stack;
    private static SchemaRegistryClient registry;
    /** A second registry on the same broker that wants HTTP Basic credentials, as Confluent Cloud does. */
    private static InProcessSchemaRegistry securedRegistry;
    private static SchemaRegistryClient securedClient;

    @TempDir
    Path temp;

    @BeforeAll
    static void start() throws Exception {
        awaitBackgroundInstall();
        assumeTrue(Files.isDirectory(CLIENT_DIR.resolve("node_modules/@confluentinc/schemaregistry")) && nodeRuns(),
                "Confluent's JavaScript client is not installed: run 'npm ci' in deploy/src/test/js/confluent-compat "
                        + "(Node.js 20+); .ci/run does.");
        stack = EmbeddedStack.start();
        registry = new SchemaRegistryClient(RegistryClientConfig.of(stack.schemaRegistryUrl()));
        securedRegistry = InProcessSchemaRegistry.startSecured(RegistryAccess.basic(SECURED_USER, SECURED_SECRET));
        securedClient = new SchemaRegistryClient(RegistryClientConfig.of(securedRegistry.url())
                .withAuth(RegistryAuth.basic(SECURED_USER + ":" + SECURED_SECRET)));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("compat-events", 1, (short) 1),
                    new NewTopic("compat-turns", 1, (short) 1), new NewTopic("compat-js-turns", 1, (short) 1),
                    new NewTopic("compat-secured-turns", 1, (short) 1),
                    new NewTopic("compat-secured-js-turns", 1, (short) 1))).all().get();
        }
    }

    /**
     * The build installs the client in the background (install.sh --background): wait for it to end, and fail, not
     * skip, where npm was there and failed, unless the client was installed again since.
     */
    private static void awaitBackgroundInstall() throws IOException {
        Path pid = INSTALL_STATUS.resolve("npm-ci.pid");
        if (!Files.exists(pid)) {
            return; // installed before, or by hand, or npm is absent: the assumption below says which
        }
        Path exit = INSTALL_STATUS.resolve("npm-ci.exit");
        Path log = INSTALL_STATUS.resolve("npm-ci.log");
        Optional<ProcessHandle> npm = ProcessHandle.of(Long.parseLong(Files.readString(pid).trim()));
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(500))
                .alias("npm ci in the background, whose log is " + log)
                .until(() -> Files.exists(exit) || npm.map(p -> !p.isAlive()).orElse(true));
        String printed = Files.exists(log) ? Files.readString(log) : "(no log)";
        assertThat(exit).as("npm ci ended without an exit code (killed?); its log, %s:%n%s", log, printed).exists();
        Path installed = CLIENT_DIR.resolve("node_modules/.package-lock.json");
        boolean installedSince = Files.exists(installed)
                && Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(exit)) > 0;
        if (!installedSince) {
            assertThat(Files.readString(exit).trim()).as("exit code of npm ci in %s; its log, %s:%n%s", CLIENT_DIR,
                    log, printed).isEqualTo("0");
        }
    }

    @AfterAll
    static void stop() {
        if (securedRegistry != null) {
            securedRegistry.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void confluentJavaScriptDeserializerReadsCallEventsWrittenByOurSerializer() throws Exception {
        List<CallEvent> sent = List.of(
                event(0, CallStarted.newBuilder().setCompany("Tesla, Inc.").setTicker("TSLA").setSource("test").build()),
                event(1000, TranscriptLine.newBuilder().setLineId("c-L00000").setSeq(0).setStatus(Status.FINAL)
                        .setSpeakerLabel("Elon Reeve Musk").setAffiliation("Tesla, Inc.")
                        .setSection(Section.QUESTIONS_AND_ANSWERS).setText("We expect 5,000 a week — “by the end”.")
                        .setFlags(List.of(LineFlag.PHONETIC_SPELLING)).build()),
                event(2000, CallEnded.newBuilder().setLineCount(1).build()));
        produce("compat-events", CallEvent.class, sent);

        List<JsonNode> read = decodeWithJavaScript("compat-events", sent.size());

        assertThat(read).extracting(n -> n.get("key").asText()).containsOnly("call-compat");
        assertThat(read.get(0).toString()).contains("Tesla, Inc.").contains("TSLA");
        assertThat(read.get(1).toString()).contains("We expect 5,000 a week — “by the end”.")
                .contains("Elon Reeve Musk").contains("QUESTIONS_AND_ANSWERS").contains("PHONETIC_SPELLING");
        assertThat(read.get(2).toString()).contains("lineCount");
        assertThat(read).extracting(n -> n.get("value").get("callOffsetMs").asLong()).containsExactly(0L, 1000L, 2000L);
    }

    @Test
    void confluentJavaScriptDeserializerReadsTurnsWrittenByOurSerializer() throws Exception {
        SpeakerTurn turn = turn(7, "Thank you. We don't break that down.");
        produce("compat-turns", SpeakerTurn.class, List.of(turn));

        JsonNode value = decodeWithJavaScript("compat-turns", 1).get(0).get("value");

        assertThat(value.get("turnIndex").asInt()).isEqualTo(7);
        assertThat(value.get("text").asText()).isEqualTo(turn.getText());
        assertThat(value.get("status").asText()).isEqualTo("FINAL");
        assertThat(value.get("speaker").toString()).contains("Deepak Ahuja").contains("EXECUTIVE");
    }

    @Test
    void ourDeserializerReadsTurnsWrittenByConfluentJavaScriptSerializer() throws Exception {
        // The JavaScript serializer looks the schema up (useLatestVersion) instead of registering its own.
        registry.register("compat-js-turns-value", SpeakerTurn.getClassSchema());
        Path input = temp.resolve("turns.jsonl");
        Files.writeString(input, String.join("\n",
                "{\"callId\":\"call-compat\",\"turnIndex\":3,\"version\":2,\"status\":\"PARTIAL\","
                        + "\"speaker\":{\"label\":\"Operator\",\"name\":null,\"affiliation\":null,\"role\":\"OPERATOR\"},"
                        + "\"section\":\"QUESTIONS_AND_ANSWERS\",\"text\":\"Our next question comes from the line of "
                        + "Adam Jonas with Morgan Stanley.\",\"lineCount\":1,\"firstLineId\":\"c-L00003\","
                        + "\"lastLineId\":\"c-L00003\",\"firstSeq\":3,\"lastSeq\":3,\"startOffsetMs\":65000,"
                        + "\"endOffsetMs\":68000,\"firstObservedAt\":1487802665000,\"lastObservedAt\":1487802668000,"
                        + "\"missingSeqs\":[1,2]}"));

        node("encode", "--topic", "compat-js-turns", "--input", input.toString());
        List<SpeakerTurn> read = consume("compat-js-turns", SpeakerTurn.class, 1);

        SpeakerTurn t = read.get(0);
        assertThat(t.getTurnIndex()).isEqualTo(3);
        assertThat(t.getVersion()).isEqualTo(2);
        assertThat(t.getStatus()).isEqualTo(Status.PARTIAL);
        assertThat(t.getSpeaker().getRole()).isEqualTo(Role.OPERATOR);
        assertThat(t.getSpeaker().getName()).isNull();
        assertThat(t.getText()).startsWith("Our next question comes from the line of Adam Jonas");
        assertThat(t.getFirstObservedAt()).isEqualTo(Instant.ofEpochMilli(1487802665000L));
        assertThat(t.getMissingSeqs()).containsExactly(1L, 2L);
    }

    @Test
    void confluentJavaScriptClientWithBasicAuthReadsTurnsOurSerializerWroteThroughASecuredRegistry() throws Exception {
        SpeakerTurn turn = turn(9, "Cash flow positive in the quarter, excluding the raise.");
        produce("compat-secured-turns", SpeakerTurn.class, List.of(turn), securedClient);

        JsonNode value = decodeWithJavaScript("compat-secured-turns", 1, securedRegistry.url(), basicAuthEnvironment())
                .get(0).get("value");

        assertThat(value.get("turnIndex").asInt()).isEqualTo(9);
        assertThat(value.get("text").asText()).isEqualTo(turn.getText());
    }

    @Test
    void ourDeserializerReadsTurnsTheJavaScriptClientWroteWithBasicAuth() throws Exception {
        securedClient.register("compat-secured-js-turns-value", SpeakerTurn.getClassSchema());
        Path input = temp.resolve("secured-turns.jsonl");
        Files.writeString(input, "{\"callId\":\"call-compat\",\"turnIndex\":4,\"version\":1,\"status\":\"FINAL\","
                + "\"speaker\":{\"label\":\"Operator\",\"name\":null,\"affiliation\":null,\"role\":\"OPERATOR\"},"
                + "\"section\":\"QUESTIONS_AND_ANSWERS\",\"text\":\"Next question, please.\",\"lineCount\":1,"
                + "\"firstLineId\":\"c-L00004\",\"lastLineId\":\"c-L00004\",\"firstSeq\":4,\"lastSeq\":4,"
                + "\"startOffsetMs\":70000,\"endOffsetMs\":71000,\"firstObservedAt\":1487802670000,"
                + "\"lastObservedAt\":1487802671000,\"missingSeqs\":[]}");

        node("encode", securedRegistry.url(), basicAuthEnvironment(), "--topic", "compat-secured-js-turns",
                "--input", input.toString());
        SpeakerTurn read = consume("compat-secured-js-turns", SpeakerTurn.class, 1, securedClient).get(0);

        assertThat(read.getTurnIndex()).isEqualTo(4);
        assertThat(read.getText()).isEqualTo("Next question, please.");
    }

    @Test
    void confluentJavaScriptClientWithoutCredentialsIsRefusedBySecuredRegistry() throws Exception {
        Path input = temp.resolve("refused.jsonl");
        Files.writeString(input, "{\"callId\":\"call-compat\"}");

        NodeRun run = nodeRun("encode", securedRegistry.url(), Map.of(), "--topic", "compat-secured-js-turns",
                "--input", input.toString());

        assertThat(run.exit()).isNotZero();
        assertThat(run.stderr()).contains("401").contains("Unauthorized");
    }

    private static Map<String, String> basicAuthEnvironment() {
        return Map.of("SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO", SECURED_USER + ":" + SECURED_SECRET);
    }

    private static CallEvent event(long offsetMs, Object payload) {
        return CallEvent.newBuilder().setCallId("call-compat").setCallOffsetMs(offsetMs)
                .setObservedAt(AT.plusMillis(offsetMs)).setPayload(payload).build();
    }

    private static SpeakerTurn turn(int index, String text) {
        return SpeakerTurn.newBuilder().setCallId("call-compat").setTurnIndex(index).setVersion(4)
                .setStatus(Status.FINAL)
                .setSpeaker(Speaker.newBuilder().setLabel("Deepak Ahuja").setName("Deepak Ahuja")
                        .setAffiliation("Tesla, Inc.").setRole(Role.EXECUTIVE).build())
                .setSection(Section.QUESTIONS_AND_ANSWERS).setText(text).setLineCount(2)
                .setFirstLineId("c-L00010").setLastLineId("c-L00011").setFirstSeq(10).setLastSeq(11)
                .setStartOffsetMs(600_000).setEndOffsetMs(630_000).setFirstObservedAt(AT).setLastObservedAt(AT.plusSeconds(30))
                .setMissingSeqs(List.of()).build();
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> void produce(String topic, Class<T> type, List<T> values)
            throws Exception {
        produce(topic, type, values, registry);
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> void produce(String topic, Class<T> type, List<T> values,
            SchemaRegistryClient registry) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", stack.bootstrapServers());
        try (KafkaProducer<String, T> producer = new KafkaProducer<>(p, new StringSerializer(),
                new AvroSerde<>(type, registry, false).serializer())) {
            for (T value : values) {
                producer.send(new ProducerRecord<>(topic, "call-compat", value)).get();
            }
        }
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> List<T> consume(String topic, Class<T> type, int count) {
        return consume(topic, type, count, registry);
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> List<T> consume(String topic, Class<T> type, int count,
            SchemaRegistryClient registry) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "compat-java-" + topic);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<T> out = new ArrayList<>();
        try (KafkaConsumer<String, T> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new AvroSerde<>(type, registry, false).deserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (out.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, T> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(r.value());
                }
            }
        }
        assertThat(out).as("records read from " + topic).hasSize(count);
        return out;
    }

    private List<JsonNode> decodeWithJavaScript(String topic, int count) throws Exception {
        return decodeWithJavaScript(topic, count, stack.schemaRegistryUrl(), Map.of());
    }

    private List<JsonNode> decodeWithJavaScript(String topic, int count, String registryUrl,
                                                Map<String, String> environment) throws Exception {
        String stdout = node("decode", registryUrl, environment, "--topic", topic, "--count", String.valueOf(count));
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            if (!line.isBlank()) {
                nodes.add(json.readTree(line));
            }
        }
        assertThat(nodes).hasSize(count);
        return nodes;
    }

    private String node(String command, String... args) throws IOException, InterruptedException {
        return node(command, stack.schemaRegistryUrl(), Map.of(), args);
    }

    /** Runs compat.mjs, which must succeed, and returns what it printed. */
    private String node(String command, String registryUrl, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        NodeRun run = nodeRun(command, registryUrl, environment, args);
        assertThat(run.exit()).as("node " + command + " exit code; stderr: " + run.stderr()).isZero();
        return run.stdout();
    }

    private record NodeRun(int exit, String stdout, String stderr) {
    }

    /** Credentials go in {@code environment}, as compat.mjs reads them, never in the arguments. */
    private NodeRun nodeRun(String command, String registryUrl, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("node", "compat.mjs", command,
                "--bootstrap", stack.bootstrapServers(), "--registry", registryUrl));
        cmd.addAll(List.of(args));
        Path out = temp.resolve(command + "-" + System.nanoTime() + ".out");
        Path err = temp.resolve(command + "-" + System.nanoTime() + ".err");
        ProcessBuilder builder = new ProcessBuilder(cmd).directory(CLIENT_DIR.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO");
        builder.environment().putAll(environment);
        Process process = builder.start();
        boolean finished = process.waitFor(90, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(finished).as("node " + command + " finished in time; stderr: " + stderr).isTrue();
        return new NodeRun(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), stderr);
    }

    private static boolean nodeRuns() {
        try {
            return new ProcessBuilder("node", "--version").start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
