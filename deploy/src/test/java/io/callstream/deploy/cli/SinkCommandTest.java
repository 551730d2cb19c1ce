package io.callstream.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.callstream.avro.SpeakerTurn;
import io.callstream.avro.Status;
import io.callstream.deploy.inprocess.InProcessEnrich;
import io.callstream.deploy.stack.EmbeddedStack;
import io.callstream.deploy.topics.TopicCreator;
import io.callstream.enrich.EnrichOptions;
import io.callstream.ingest.TeslaSample;
import io.callstream.ingest.publish.ProducerSettings;
import io.callstream.schemas.registry.RegistryClientConfig;
import io.callstream.schemas.registry.SchemaRegistryClient;
import io.callstream.schemas.topics.CallTopics;
import io.callstream.schemas.topics.TopicNames;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * {@code callstream sink} as its own process on a broker, filling a real PostgreSQL at 127.0.0.1:5432 (database test,
 * user postgres; CALLSTREAM_TEST_POSTGRES_URL to point elsewhere) in a schema of its own, dropped afterwards.
 */
class SinkCommandTest {

    private static final String SERVER = System.getenv().getOrDefault("CALLSTREAM_TEST_POSTGRES_URL",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    /** Why the server cannot be used, or null where it answers; asked once per class. */
    private static String unavailable;

    @BeforeAll
    static void askServer() {
        try (Connection c = DriverManager.getConnection(SERVER + "&connectTimeout=3")) {
            unavailable = c.isValid(3) ? null : "does not answer";
        } catch (SQLException e) {
            unavailable = "is unreachable (" + e.getMessage() + ")";
        }
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void storesEveryFinalTurnOfTheTeslaCallOnceInPostgres() throws Exception {
        assumeTrue(unavailable == null, () -> "PostgreSQL at " + SERVER + " " + unavailable + "; skipped");
        List<SpeakerTurn> turns;
        try (InProcessEnrich enrich = InProcessEnrich.start(EnrichOptions.defaults())) {
            turns = enrich.run(TeslaSample.events()).turns();
        }
        Set<String> expected = new HashSet<>();
        turns.stream().filter(t -> t.getStatus() == Status.FINAL).forEach(t -> expected.add(key(t)));
        assertThat(expected).as("the call has FINAL turns to store").isNotEmpty();

        String schema = "callstream_sink_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        onServer("CREATE SCHEMA " + schema);
        String store = SERVER + "&currentSchema=" + schema;
        try (EmbeddedStack stack = EmbeddedStack.start()) {
            publish(stack, turns);
            Process sink = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "io.callstream.deploy.Main", "sink",
                    "--store", store, "--bootstrap-servers", stack.bootstrapServers(),
                    "--schema-registry-url", stack.schemaRegistryUrl()).redirectErrorStream(true).start();
            StringBuffer output = new StringBuffer();
            Thread drain = new Thread(() -> new BufferedReader(new InputStreamReader(sink.getInputStream(),
                    StandardCharsets.UTF_8)).lines().forEach(l -> output.append(l).append('\n')), "sink-output");
            drain.setDaemon(true);
            drain.start();
            try {
                long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                while (!(output.toString().contains("snapshots stored so far") && storedFinals(store) == expected.size())
                        && sink.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(200); // the sink process reports to its output only; the database is polled
                }
                assertThat(sink.isAlive()).as("sink still running; its output:\n" + output).isTrue();
            } finally {
                sink.destroy();
                assertThat(sink.waitFor(60, TimeUnit.SECONDS)).as("sink stops on SIGTERM").isTrue();
            }
            assertThat(output.toString()).as("start line")
                    .contains("sink: call-turns from " + stack.bootstrapServers() + " (group callstream-sink) into "
                            + store);
            List<String> rows = new ArrayList<>();
            List<String> statuses = new ArrayList<>();
            try (Connection c = DriverManager.getConnection(store); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT call_id, turn_index, status FROM turns")) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + "#" + rs.getInt(2));
                    statuses.add(rs.getString(3));
                }
            }
            assertThat(rows).as("one row per FINAL turn on the topic\n" + output)
                    .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
            assertThat(statuses).containsOnly(Status.FINAL.name());
        } finally {
            onServer("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    @Test
    void aStoreThatCannotBeReachedExitsOneNamingItsUrl() {
        String unreachable = "jdbc:postgresql://127.0.0.1:1/test?user=postgres&password=hunter2&connectTimeout=3";
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = CallstreamCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute("sink", "--store", unreachable, "--bootstrap-servers", "127.0.0.1:1");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString().lines()).as(err.toString()).hasSize(1);
        assertThat(err.toString())
                .startsWith("callstream sink: cannot open the store "
                        + "jdbc:postgresql://127.0.0.1:1/test?user=postgres&password=***&connectTimeout=3")
                .contains("check that the database is running")
                .doesNotContain("hunter2");
        assertThat(out.toString()).as("nothing started").isEmpty();
    }

    private static void publish(EmbeddedStack stack, List<SpeakerTurn> turns) throws Exception {
        TopicNames names = TopicNames.defaults();
        TopicCreator.ensure(stack.bootstrapServers(), names, 3, (short) 1);
        CallTopics topics = new CallTopics(names,
                new SchemaRegistryClient(RegistryClientConfig.of(stack.schemaRegistryUrl())));
        try (KafkaProducer<String, SpeakerTurn> producer = ProducerSettings.keyedByCall(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                topics.callTurns().valueSerde().serializer())) {
            for (SpeakerTurn t : turns) {
                producer.send(new ProducerRecord<>(names.callTurns(), t.getCallId(), t)).get();
            }
        }
    }

    private static int storedFinals(String store) throws SQLException {
        try (Connection c = DriverManager.getConnection(store); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM turns WHERE status = 'FINAL'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String key(SpeakerTurn t) {
        return t.getCallId() + "#" + t.getTurnIndex();
    }

    private static void onServer(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
