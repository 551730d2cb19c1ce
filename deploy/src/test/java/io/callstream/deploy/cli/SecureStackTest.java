package io.callstream.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import io.callstream.avro.EnrichedTurn;
import io.callstream.avro.state.TurnAssemblyState;
import io.callstream.deploy.config.KafkaEnvironment;
import io.callstream.deploy.stack.EmbeddedStack;
import io.callstream.deploy.stack.StageAccess;
import io.callstream.deploy.stack.StageCredentials;
import io.callstream.enrich.EnrichOptions;
import io.callstream.enrich.EnrichSettings;
import io.callstream.enrich.EnrichTopology;
import io.callstream.ingest.TeslaSample;
import io.callstream.schemas.registry.SchemaRegistryClient;
import io.callstream.schemas.serde.AvroSerde;
import io.callstream.schemas.topics.CallTopics;
import io.callstream.schemas.topics.TopicCreator;
import io.callstream.schemas.topics.TopicNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code stack --secure}: each stage's principal can do what its stage needs, through the very variables the stack
 * prints, and nothing it does not own.
 */
@Tag("integration")
class SecureStackTest {

    private static final TopicNames TOPICS = TopicNames.defaults();

    private static EmbeddedStack stack;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        stack = EmbeddedStack.startSecured(null, 0);
        TopicCreator.ensure(stack.adminProperties(), TOPICS, 1, (short) 1);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void ingestWritesCallEventsButCannotReadCallAlertsNorWriteCallTurns() throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer(StageAccess.INGEST)) {
            producer.send(new ProducerRecord<>(TOPICS.callEvents(), "acl-probe".getBytes(), new byte[] {0})).get();

            assertRefused(() -> producer.send(new ProducerRecord<>(TOPICS.callTurns(), new byte[] {0})).get());
        }
        assertRefused(() -> readOnePoll(StageAccess.INGEST, TOPICS.alerts(), null));
    }

    @Test
    void sinkReadsWhatItStoresInItsGroupButCannotWriteCallEvents() throws Exception {
        readOnePoll(StageAccess.SINK, TOPICS.alerts(), "callstream-sink");

        try (KafkaProducer<byte[], byte[]> producer = producer(StageAccess.SINK)) {
            producer.send(new ProducerRecord<>(TOPICS.deadLetters(), new byte[] {0})).get();
            assertRefused(() -> producer.send(new ProducerRecord<>(TOPICS.callEvents(), new byte[] {0})).get());
        }
        assertRefused(() -> readOnePoll(StageAccess.SINK, TOPICS.alerts(), "callstream-enrich"));
    }

    @Test
    void dashboardReadsWhatItShowsButWritesNothingAndJoinsNoGroup() throws Exception {
        readOnePoll(StageAccess.DASHBOARD, TOPICS.enrichedTurns(), null);
        readOnePoll(StageAccess.DASHBOARD, TOPICS.deadLetters(), null);

        try (KafkaProducer<byte[], byte[]> producer = producer(StageAccess.DASHBOARD)) {
            assertRefused(() -> producer.send(new ProducerRecord<>(TOPICS.alerts(), new byte[] {0})).get());
        }
        assertRefused(() -> readOnePoll(StageAccess.DASHBOARD, TOPICS.callTurns(), null));
        assertRefused(() -> readOnePoll(StageAccess.DASHBOARD, TOPICS.alerts(), "callstream-sink"));
    }

    @Test
    void aWrongPasswordIsRefused() {
        Map<String, Object> props = new HashMap<>(stack.credentials(StageAccess.SINK).clientProperties());
        props.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"sink\" password=\"not-the-password\";");
        try (Admin admin = Admin.create(props)) {
            assertThatThrownBy(() -> admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void thePrintedVariablesOfEachStageLogIn() throws Exception {
        List<String> printed = StackCommand.securedSettings(stack);

        for (StageAccess stage : StageAccess.values()) {
            Map<String, String> exports = exportsOf(printed, stage);
            assertThat(exports).containsKeys("KAFKA_BOOTSTRAP_SERVERS", "KAFKA_SECURITY_PROTOCOL",
                    "KAFKA_SASL_MECHANISM", "KAFKA_SASL_JAAS_CONFIG", "SCHEMA_REGISTRY_URL",
                    "SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO");
            assertThat(exports.get("KAFKA_SECURITY_PROTOCOL")).isEqualTo("SASL_PLAINTEXT");
            assertThat(exports.get("KAFKA_SASL_MECHANISM")).isEqualTo("SCRAM-SHA-512");
            Map<String, Object> props = new HashMap<>(KafkaEnvironment.properties(exports));
            try (Admin admin = Admin.create(props)) {
                assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
            }
        }
        assertThat(String.join("\n", printed)).contains("# enrich (User:enrich): read topic call-events; write topic "
                + "call-turns, call-turns-enriched, call-qa, call-alerts, call-dlq; read group callstream-enrich;"
                + " all topic callstream-enrich-*; write transactional id callstream-enrich-*");
    }

    /**
     * The stages run as they would in four shells: ingest file with the ingest variables, enrich (Kafka Streams,
     * exactly once: internal topics, transactions, its group) with enrich's, and the sink's principal reads the
     * enriched turns in the sink's group.
     */
    @Test
    void thePipelineRunsOnItsStagesGrantsExactlyOnce() throws Exception {
        Path tesla = Files.writeString(dir.resolve("tesla-2016-q4.txt"), TeslaSample.text());
        CliRun ingested = run(stageEnvironment(StageAccess.INGEST), "ingest", "file", tesla.toString(), "--speed", "max");
        assertThat(ingested.exit()).as(ingested.err()).isZero();

        StageCredentials enrich = stack.credentials(StageAccess.ENRICH);
        EnrichSettings settings = new EnrichSettings(EnrichSettings.DEFAULT_APPLICATION_ID, stack.bootstrapServers(),
                stack.registryConfig(), TOPICS, dir.resolve("state"), StreamsConfig.EXACTLY_ONCE_V2,
                enrich.clientProperties());
        SchemaRegistryClient registry = new SchemaRegistryClient(settings.registry());
        try (KafkaStreams streams = new KafkaStreams(EnrichTopology.build(new CallTopics(TOPICS, registry),
                new AvroSerde<>(TurnAssemblyState.class, registry, false), EnrichOptions.defaults()),
                settings.toStreamsProperties())) {
            streams.start();

            List<EnrichedTurn> turns = readTurnsAsSink(Duration.ofSeconds(90));

            assertThat(streams.state()).isIn(KafkaStreams.State.RUNNING, KafkaStreams.State.REBALANCING);
            assertThat(turns).isNotEmpty();
            assertThat(turns).allSatisfy(t -> assertThat(t.getTurn().getCallId()).isEqualTo("tesla-2016-q4"));
        }
    }

    private static List<EnrichedTurn> readTurnsAsSink(Duration timeout) {
        Map<String, Object> props = new HashMap<>(stack.credentials(StageAccess.SINK).clientProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "callstream-sink");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        SchemaRegistryClient registry = new SchemaRegistryClient(stack.registryConfig());
        List<EnrichedTurn> turns = new ArrayList<>();
        try (KafkaConsumer<String, EnrichedTurn> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new AvroSerde<>(EnrichedTurn.class, registry, false).deserializer())) {
            consumer.subscribe(List.of(TOPICS.enrichedTurns()));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (turns.size() < 10 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, EnrichedTurn> r : consumer.poll(Duration.ofMillis(500))) {
                    turns.add(r.value());
                }
            }
        }
        return turns;
    }

    private static Map<String, String> stageEnvironment(StageAccess stage) {
        Map<String, String> env = new HashMap<>(stack.credentials(stage).kafkaVariables());
        env.put("SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO", stack.registryUserInfoForPrinting());
        return env;
    }

    /** The stage's block of {@code export NAME='value'} lines, read as a shell would. */
    private static Map<String, String> exportsOf(List<String> printed, StageAccess stage) {
        Map<String, String> exports = new HashMap<>();
        boolean inBlock = false;
        for (String line : printed) {
            if (line.startsWith("# ")) {
                inBlock = line.startsWith("# " + stage.user() + " (");
            } else if (inBlock && line.startsWith("export ")) {
                int equals = line.indexOf('=');
                String value = line.substring(equals + 1);
                assertThat(value).startsWith("'").endsWith("'");
                exports.put(line.substring("export ".length(), equals), value.substring(1, value.length() - 1));
            }
        }
        return exports;
    }

    private static KafkaProducer<byte[], byte[]> producer(StageAccess stage) {
        Map<String, Object> props = new HashMap<>(stack.credentials(stage).clientProperties());
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "15000");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Polls {@code topic} once (in {@code group}, or assigned without one) to see whether the broker lets it. */
    private static void readOnePoll(StageAccess stage, String topic, String group) {
        Properties props = new Properties();
        props.putAll(stack.credentials(stage).clientProperties());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        if (group != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            if (group != null) {
                consumer.subscribe(List.of(topic));
            } else {
                consumer.assign(List.of(new TopicPartition(topic, 0)));
            }
            // Several polls: a group's join and the first fetch each take one; refusals surface in any of them.
            for (int i = 0; i < 6; i++) {
                consumer.poll(Duration.ofMillis(500));
            }
        }
    }

    private interface Attempt {
        void run() throws Exception;
    }

    /**
     * The attempt fails for want of a grant. A producer refused its producer id may report it on a later send as
     * "in an error state", with the refusal as the cause: so the refusal is looked for down the chain of causes.
     */
    private static void assertRefused(Attempt attempt) {
        assertThatThrownBy(attempt::run).satisfies(e -> {
            Throwable cause = e;
            while (cause != null && !(cause instanceof AuthorizationException)) {
                cause = cause.getCause();
            }
            assertThat(cause).as("an AuthorizationException in the causes of %s", e).isNotNull();
        });
    }

    private static CliRun run(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = CallstreamCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        setEnvironment(cli, environment);
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--schema-registry-url", stack.schemaRegistryUrl()));
        int exit = cli.execute(all.toArray(String[]::new));
        return new CliRun(exit, out.toString(), err.toString());
    }

    private static void setEnvironment(CommandLine command, Map<String, String> environment) {
        command.getMixins().values().forEach(mixin -> {
            if (mixin instanceof KafkaOptions kafka) {
                kafka.environment = () -> environment;
            }
        });
        command.getSubcommands().values().forEach(sub -> setEnvironment(sub, environment));
    }
}
