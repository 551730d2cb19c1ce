package io.callstream.deploy.sink;

import static io.callstream.sink.testing.SinkRecords.alert;
import static io.callstream.sink.testing.SinkRecords.ended;
import static io.callstream.sink.testing.SinkRecords.enriched;
import static io.callstream.sink.testing.SinkRecords.exchange;
import static io.callstream.sink.testing.SinkRecords.line;
import static io.callstream.sink.testing.SinkRecords.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import io.callstream.avro.Alert;
import io.callstream.avro.DeadLetter;
import io.callstream.avro.Status;
import io.callstream.deploy.stack.EmbeddedStack;
import io.callstream.deploy.testing.SharedStack;
import io.callstream.deploy.testing.SinkHarness;
import io.callstream.deploy.testing.TopicContents;
import io.callstream.schemas.topics.TopicCreator;
import io.callstream.schemas.topics.TopicNames;
import io.callstream.sink.SinkHealth;
import io.callstream.sink.testing.PostgresSchema;
import io.callstream.sink.testing.TcpProxy;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store sink against a real broker and real databases: every record once across restarts, dead letters for
 * what it cannot read or the store refuses, and no loss while the store is away.
 */
@Tag("integration")
@ExtendWith(SharedStack.class)
class StoreSinkOnEmbeddedKafkaTest {

    private static EmbeddedStack stack;

    @RegisterExtension
    final PostgresSchema postgres = new PostgresSchema();

    @TempDir
    Path dir;

    private SinkHarness harness;

    @BeforeAll
    static void start(EmbeddedStack shared) {
        stack = shared;
    }

    // Each test has topics of its own, so that no test reads what another wrote.
    @BeforeEach
    void topicsOfThisTest(TestInfo test) {
        String t = test.getTestMethod().orElseThrow().getName() + "-";
        TopicNames names = new TopicNames(t + "call-events", t + "call-turns", t + "call-turns-enriched", t + "call-qa",
                t + "call-alerts", t + "call-dlq");
        TopicCreator.ensure(stack.bootstrapServers(), names, 2, (short) 1);
        harness = new SinkHarness(stack.endpoints(), names);
    }

    private String sqlite() {
        return "jdbc:sqlite:" + dir.resolve("store.db");
    }

    /** Call {@code callId}'s records: its start, a line, turns 0..turns-1 (PARTIAL then FINAL), an exchange, an alert. */
    private static List<SpecificRecord> call(String callId, int firstTurn, int turns) {
        List<SpecificRecord> records = new ArrayList<>();
        if (firstTurn == 0) {
            records.add(started(callId));
            records.add(line(callId, 0, "Good afternoon."));
        }
        for (int i = firstTurn; i < firstTurn + turns; i++) {
            records.add(enriched(callId, i, 0, Status.PARTIAL, "Turn " + i, "guidance"));
            records.add(enriched(callId, i, 1, Status.FINAL, "Turn " + i + " ends", "guidance", "cash-burn"));
            records.add(exchange(callId, i, 0, Status.PARTIAL));
            records.add(exchange(callId, i, 1, Status.FINAL));
            records.add(alert(callId, "guidance-with-number", i));
        }
        return records;
    }

    @Test
    void resumesFromTheOffsetsInTheStoreAndWritesEveryRecordOnce() throws Exception {
        harness.produce(call("c1", 0, 3));
        harness.produce(call("c2", 0, 2));
        List<SpecificRecord> first = harness.runToTheEnd(sqlite());
        assertThat(first).hasSize(call("c1", 0, 3).size() + call("c2", 0, 2).size());
        assertThat(SinkHarness.rows(sqlite(), "SELECT call_id, turn_index, version FROM turns ORDER BY 1, 2"))
                .containsExactly("c1|0|1", "c1|1|1", "c1|2|1", "c2|0|1", "c2|1|1");

        harness.produce(call("c1", 3, 2));
        harness.produce(List.of(ended("c1", 40)));
        List<SpecificRecord> second = harness.runToTheEnd(sqlite());

        // Kafka holds no committed offsets for the group (the sink never commits there): only the store's offsets
        // can have told the restarted sink to skip what it had already written.
        assertThat(second).hasSize(call("c1", 3, 2).size() + 1);
        assertThat(SinkHarness.rows(sqlite(), "SELECT COUNT(*), MAX(turn_index) FROM turns WHERE call_id = 'c1'"))
                .containsExactly("5|4");
        assertThat(SinkHarness.rows(sqlite(), "SELECT call_id, company, line_count FROM calls ORDER BY 1"))
                .containsExactly("c1|Tesla, Inc.|40", "c2|Tesla, Inc.|null");
        assertThat(SinkHarness.rows(sqlite(), "SELECT COUNT(*) FROM turn_topics")).containsExactly("14");
        assertThat(SinkHarness.rows(sqlite(), "SELECT COUNT(*), MIN(version) FROM exchanges")).containsExactly("7|1");
        assertThat(SinkHarness.rows(sqlite(), "SELECT COUNT(*) FROM alerts")).containsExactly("7");
    }

    @Test
    void deadLettersWhatItCannotReadOrTheStoreRefusesAndGoesOn() throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", stack.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(harness.names().enrichedTurns(), "c9".getBytes(StandardCharsets.UTF_8),
                    "garbage".getBytes(StandardCharsets.UTF_8))).get();
        }
        Alert refused = Alert.newBuilder(alert("c8", "guidance-with-number", 3)).setTurnIndex(-3).build();
        harness.produce(List.of(refused));
        harness.produce(call("c7", 0, 1));

        harness.runToTheEnd(sqlite());

        assertThat(SinkHarness.rows(sqlite(), "SELECT call_id, turn_index FROM turns")).containsExactly("c7|0");
        assertThat(SinkHarness.rows(sqlite(), "SELECT call_id FROM alerts")).containsExactly("c7");
        List<DeadLetter> letters = TopicContents.readAll(stack.endpoints(), harness.names().deadLetters(), DeadLetter.class);
        assertThat(letters).filteredOn(l -> "c9".equals(l.getCallId())).singleElement().satisfies(l -> {
            assertThat(l.getStage()).isEqualTo("sink");
            assertThat(l.getSourceTopic()).isEqualTo(harness.names().enrichedTurns());
            assertThat(l.getReason()).startsWith("Cannot read record");
            assertThat(StandardCharsets.UTF_8.decode(l.getPayload()).toString()).isEqualTo("garbage");
        });
        assertThat(letters).filteredOn(l -> "c8".equals(l.getCallId())).singleElement().satisfies(l -> {
            assertThat(l.getStage()).isEqualTo("sink");
            assertThat(l.getSourceTopic()).isEqualTo(harness.names().alerts());
            assertThat(l.getReason()).startsWith("The store refused the record").containsIgnoringCase("check");
        });
    }

    @Test
    void deadLettersATombstoneOnEachTopicItReadsWithTheReasonAndTellsItsListenerOnce() throws Exception {
        List<String> topics = List.of(harness.names().callEvents(), harness.names().enrichedTurns(),
                harness.names().qa(), harness.names().alerts());
        harness.produce(call("c5", 0, 1));
        Properties p = new Properties();
        p.put("bootstrap.servers", stack.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (String topic : topics) {
                raw.send(new ProducerRecord<>(topic, "c5".getBytes(StandardCharsets.UTF_8), null)).get();
            }
        }
        harness.produce(call("c5", 1, 1));

        List<DeadLetter> told;
        try (SinkHarness.Running sink = harness.start(sqlite())) {
            sink.awaitCaughtUp();
            told = List.copyOf(sink.deadLettered());
        }

        assertThat(SinkHarness.rows(sqlite(), "SELECT call_id, turn_index FROM turns ORDER BY 2"))
                .containsExactly("c5|0", "c5|1");
        List<DeadLetter> letters = TopicContents.readAll(stack.endpoints(), harness.names().deadLetters(), DeadLetter.class);
        assertThat(letters).extracting(DeadLetter::getSourceTopic).containsExactlyInAnyOrderElementsOf(topics);
        assertThat(letters).allSatisfy(l -> {
            assertThat(l.getStage()).isEqualTo("sink");
            assertThat(l.getCallId()).isEqualTo("c5");
            assertThat(l.getReason()).startsWith("A record with no value (a tombstone) on " + l.getSourceTopic() + ": ")
                    .contains("look for the producer that sent it");
            assertThat(l.getErrorClass()).isNull();
            assertThat(l.getPayload()).isNull();
        });
        assertThat(told).as("the dead letters the sink's listener counts")
                .extracting(DeadLetter::getSourceTopic).containsExactlyInAnyOrderElementsOf(topics);
    }

    @Test
    void waitsOutALockedSqliteStoreAndLosesNothing() throws Exception {
        String url = sqlite() + "?busy_timeout=200";
        harness.produce(call("c1", 0, 2));
        try (SinkHarness.Running sink = harness.start(url)) {
            sink.awaitCaughtUp();
            List<SinkHealth.State> states = sink.states();
            // Another writer holds the database: SQLite's own way of being unavailable.
            try (Connection lock = DriverManager.getConnection(sqlite()); Statement s = lock.createStatement()) {
                s.execute("PRAGMA busy_timeout = 0");
                s.execute("BEGIN EXCLUSIVE");
                harness.produce(call("c1", 2, 3));
                await().atMost(Duration.ofSeconds(30)).until(() -> !sink.health().healthy());
                assertThat(sink.health().detail()).contains("the store is unavailable").containsIgnoringCase("lock");
                s.execute("COMMIT");
            }
            sink.awaitCaughtUp();
            assertThat(sink.health().state()).isEqualTo(SinkHealth.State.RUNNING);
            assertThat(states).containsSubsequence(SinkHealth.State.RUNNING, SinkHealth.State.WAITING_FOR_STORE,
                    SinkHealth.State.RUNNING);
        }
        assertThat(SinkHarness.rows(sqlite(), "SELECT turn_index, version FROM turns ORDER BY 1"))
                .containsExactly("0|1", "1|1", "2|1", "3|1", "4|1");
        assertThat(SinkHarness.rows(sqlite(), "SELECT COUNT(*) FROM alerts")).containsExactly("5");
        assertThat(SinkHarness.rows(sqlite(), "SELECT COUNT(*) FROM turn_topics")).containsExactly("10");
    }

    @Test
    void waitsOutAPostgresOutageAndLosesNothing() throws Exception {
        String direct = postgres.url();
        try (TcpProxy proxy = TcpProxy.toServerOf(direct)) {
            String viaProxy = proxy.relayed(direct);
            harness.produce(call("c1", 0, 2));
            try (SinkHarness.Running sink = harness.start(viaProxy)) {
                sink.awaitCaughtUp();
                proxy.cut();
                harness.produce(call("c1", 2, 3));
                harness.produce(call("c2", 0, 2));
                await().atMost(Duration.ofSeconds(30)).until(() -> !sink.health().healthy());
                assertThat(sink.health().detail()).contains("the store is unavailable");
                // The outage lasts a while: several retries fail before the database is back.
                Thread.sleep(2_000); // the length of the outage itself, not a wait for a result
                assertThat(sink.health().state()).isEqualTo(SinkHealth.State.WAITING_FOR_STORE);
                proxy.restore();
                sink.awaitCaughtUp();
                assertThat(sink.health().state()).isEqualTo(SinkHealth.State.RUNNING);
                assertThat(sink.states()).containsSubsequence(SinkHealth.State.RUNNING,
                        SinkHealth.State.WAITING_FOR_STORE, SinkHealth.State.RUNNING);
            }
            assertThat(SinkHarness.rows(direct, "SELECT call_id, turn_index, version FROM turns ORDER BY 1, 2"))
                    .containsExactly("c1|0|1", "c1|1|1", "c1|2|1", "c1|3|1", "c1|4|1", "c2|0|1", "c2|1|1");
            assertThat(SinkHarness.rows(direct, "SELECT COUNT(*) FROM alerts")).containsExactly("7");
            assertThat(SinkHarness.rows(direct, "SELECT COUNT(*) FROM turn_topics")).containsExactly("14");
            assertThat(SinkHarness.rows(direct, "SELECT COUNT(*) FROM exchanges WHERE status = 'FINAL'"))
                    .containsExactly("7");
        }
    }
}
