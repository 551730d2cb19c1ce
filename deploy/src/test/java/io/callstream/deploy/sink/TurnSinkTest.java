package io.callstream.deploy.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.callstream.avro.DeadLetter;
import io.callstream.avro.Role;
import io.callstream.avro.Section;
import io.callstream.avro.Speaker;
import io.callstream.avro.SpeakerTurn;
import io.callstream.avro.Status;
import io.callstream.ingest.publish.ProducerSettings;
import io.callstream.deploy.stack.EmbeddedStack;
import io.callstream.deploy.topics.TopicCreator;
import io.callstream.schemas.registry.RegistryClientConfig;
import io.callstream.schemas.registry.SchemaRegistryClient;
import io.callstream.schemas.topics.CallTopics;
import io.callstream.schemas.topics.TopicNames;
import io.callstream.sink.KafkaDeadLetterSink;
import io.callstream.sink.TurnSink;
import io.callstream.sink.jdbc.TurnStore;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/** The JDBC sink against a real broker: exactly once across restarts, dead letters for what it cannot read. */
class TurnSinkTest {

    private static EmbeddedStack stack;
    private static SchemaRegistryClient registry;
    private static Map<String, String> clients;

    // Each test has topics of its own, so that no test reads what another wrote.
    private TopicNames names;
    private CallTopics topics;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        stack = EmbeddedStack.start();
        registry = new SchemaRegistryClient(RegistryClientConfig.of(stack.schemaRegistryUrl()));
        clients = Map.of("bootstrap.servers", stack.bootstrapServers());
    }

    @BeforeEach
    void topicsOfThisTest(TestInfo test) {
        String t = test.getTestMethod().orElseThrow().getName() + "-";
        names = new TopicNames(t + "call-events", t + "call-turns", t + "call-turns-enriched", t + "call-qa",
                t + "call-alerts", t + "call-dlq");
        TopicCreator.ensure(stack.bootstrapServers(), names, 1, (short) 1);
        topics = new CallTopics(names, registry);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private static SpeakerTurn turn(int index, int version, Status status) {
        Instant at = Instant.parse("2017-02-22T22:31:00Z").plusSeconds(index);
        return SpeakerTurn.newBuilder().setCallId("c1").setTurnIndex(index).setVersion(version).setStatus(status)
                .setSpeaker(Speaker.newBuilder().setLabel("Operator").setRole(Role.OPERATOR).build())
                .setSection(Section.QUESTIONS_AND_ANSWERS).setText("turn " + index + " v" + version)
                .setLineCount(version + 1).setFirstLineId("L" + index).setLastLineId("L" + index)
                .setFirstSeq(index).setLastSeq(index).setStartOffsetMs(1000L * index).setEndOffsetMs(1000L * index + 500)
                .setFirstObservedAt(at).setLastObservedAt(at).setMissingSeqs(List.of()).build();
    }

    private void produceTurns(int from, int to) throws Exception {
        try (KafkaProducer<String, SpeakerTurn> producer =
                     ProducerSettings.keyedByCall(clients, topics.callTurns().valueSerde().serializer())) {
            for (int i = from; i < to; i++) {
                producer.send(new ProducerRecord<>(names.callTurns(), "c1", turn(i, 0, Status.PARTIAL))).get();
                producer.send(new ProducerRecord<>(names.callTurns(), "c1", turn(i, 1, Status.FINAL))).get();
            }
        }
    }

    /** Runs a sink until it has read everything on the topic, then stops it; returns the turns it stored. */
    private List<SpeakerTurn> runSinkToTheEnd(Path db) throws Exception {
        List<SpeakerTurn> stored = Collections.synchronizedList(new ArrayList<>());
        try (TurnStore store = TurnStore.open("jdbc:sqlite:" + db);
             KafkaProducer<String, DeadLetter> dlq =
                     ProducerSettings.keyedByCall(clients, topics.deadLetters().valueSerde().serializer())) {
            TurnSink sink = new TurnSink(clients, "sink-under-test", names.callTurns(),
                    topics.callTurns().valueSerde().deserializer(), store,
                    new KafkaDeadLetterSink(dlq, names.deadLetters()), stored::add);
            Thread thread = new Thread(sink, "sink-under-test");
            thread.start();
            TopicPartition tp = new TopicPartition(names.callTurns(), 0);
            long end = endOffset(tp);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (sink.positions().getOrDefault(tp, -1L) < end && sink.failure() == null && System.nanoTime() < deadline) {
                Thread.sleep(20); // waiting on the sink's own progress report
            }
            long reached = sink.positions().getOrDefault(tp, -1L);
            sink.close();
            thread.join(30_000);
            assertThat(sink.failure()).isNull();
            assertThat(reached).as("the sink read to the end of the topic").isEqualTo(end);
        }
        return stored;
    }

    private static long endOffset(TopicPartition tp) {
        Properties p = new Properties();
        p.putAll(clients);
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p,
                new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            return c.endOffsets(List.of(tp)).get(tp);
        }
    }

    private static List<String> rows(Path db) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT turn_index, version, status FROM turns ORDER BY turn_index")) {
            while (rs.next()) {
                rows.add(rs.getInt(1) + ":" + rs.getInt(2) + ":" + rs.getString(3));
            }
        }
        return rows;
    }

    @Test
    void resumesFromTheOffsetsInTheStoreAndWritesEveryTurnOnce() throws Exception {
        Path db = dir.resolve("sink.db");
        produceTurns(0, 3);
        assertThat(runSinkToTheEnd(db)).hasSize(6);
        assertThat(rows(db)).containsExactly("0:1:FINAL", "1:1:FINAL", "2:1:FINAL");

        produceTurns(3, 5);
        List<SpeakerTurn> secondRun = runSinkToTheEnd(db);

        // Kafka holds no committed offsets for the group (the sink never commits there): only the store's offsets
        // can have told the restarted sink to skip the six records it had already written.
        assertThat(secondRun).extracting(SpeakerTurn::getTurnIndex).containsExactly(3, 3, 4, 4);
        assertThat(rows(db)).containsExactly("0:1:FINAL", "1:1:FINAL", "2:1:FINAL", "3:1:FINAL", "4:1:FINAL");
    }

    @Test
    void sendsAnUnreadableTurnToTheDeadLetterTopicAndGoesOn() throws Exception {
        Path db = dir.resolve("dlq.db");
        Properties p = new Properties();
        p.putAll(clients);
        try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(names.callTurns(), "c9".getBytes(StandardCharsets.UTF_8),
                    "garbage".getBytes(StandardCharsets.UTF_8))).get();
        }
        produceTurns(7, 8);

        runSinkToTheEnd(db);

        assertThat(rows(db)).contains("7:1:FINAL");
        List<DeadLetter> letters = new ArrayList<>();
        Properties c = new Properties();
        c.putAll(clients);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, DeadLetter> consumer = new KafkaConsumer<>(c, topics.deadLetters().keySerde().deserializer(),
                topics.deadLetters().valueSerde().deserializer())) {
            consumer.subscribe(List.of(names.deadLetters()));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (letters.stream().noneMatch(l -> "c9".equals(l.getCallId())) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> letters.add(r.value()));
            }
        }
        assertThat(letters).filteredOn(l -> "c9".equals(l.getCallId())).singleElement().satisfies(l -> {
            assertThat(l.getStage()).isEqualTo("sink");
            assertThat(l.getSourceTopic()).isEqualTo(names.callTurns());
            assertThat(StandardCharsets.UTF_8.decode(l.getPayload()).toString()).isEqualTo("garbage");
        });
    }
}
