package io.callstream.deploy.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.callstream.avro.Alert;
import io.callstream.avro.CallEvent;
import io.callstream.avro.DeadLetter;
import io.callstream.avro.EnrichedTurn;
import io.callstream.avro.QaExchange;
import io.callstream.deploy.stack.StackEndpoints;
import io.callstream.ingest.publish.ProducerSettings;
import io.callstream.schemas.registry.RegistryClientConfig;
import io.callstream.schemas.registry.SchemaRegistryClient;
import io.callstream.schemas.topics.CallTopics;
import io.callstream.schemas.topics.TopicNames;
import io.callstream.sink.BatchStage;
import io.callstream.sink.KafkaDeadLetterSink;
import io.callstream.sink.SinkHealth;
import io.callstream.sink.StoreSink;
import io.callstream.sink.jdbc.CallStore;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Runs the store sink on a stack for a test: records in by kind, the sink until it has read everything, rows out. */
public final class SinkHarness {

    private static final Duration CAUGHT_UP = Duration.ofSeconds(60);

    private final StackEndpoints stack;
    private final TopicNames names;
    private final CallTopics topics;
    private final Map<String, String> clients;

    public SinkHarness(StackEndpoints stack, TopicNames names) {
        this.stack = stack;
        this.names = names;
        this.topics = new CallTopics(names, new SchemaRegistryClient(RegistryClientConfig.of(stack.schemaRegistryUrl())));
        this.clients = Map.of("bootstrap.servers", stack.bootstrapServers());
    }

    public TopicNames names() {
        return names;
    }

    public Map<String, String> clients() {
        return clients;
    }

    /** Produces each record to the topic of its kind, keyed by its call, and waits for the acks. */
    public void produce(List<SpecificRecord> records) throws Exception {
        Properties p = new Properties();
        p.putAll(clients);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (SpecificRecord r : records) {
                producer.send(record(r)).get();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private ProducerRecord<byte[], byte[]> record(SpecificRecord r) {
        String topic;
        String callId;
        byte[] value;
        if (r instanceof CallEvent e) {
            topic = names.callEvents();
            callId = e.getCallId();
            value = topics.callEvents().valueSerde().serializer().serialize(topic, e);
        } else if (r instanceof EnrichedTurn t) {
            topic = names.enrichedTurns();
            callId = t.getTurn().getCallId();
            value = topics.enrichedTurns().valueSerde().serializer().serialize(topic, t);
        } else if (r instanceof QaExchange q) {
            topic = names.qa();
            callId = q.getCallId();
            value = topics.qa().valueSerde().serializer().serialize(topic, q);
        } else if (r instanceof Alert a) {
            topic = names.alerts();
            callId = a.getCallId();
            value = topics.alerts().valueSerde().serializer().serialize(topic, a);
        } else {
            throw new IllegalArgumentException("The sink reads no " + r.getClass().getSimpleName());
        }
        return new ProducerRecord<>(topic, callId.getBytes(java.nio.charset.StandardCharsets.UTF_8), value);
    }

    /** Runs a sink until it has read everything on its topics, then stops it; returns what it stored. */
    public List<SpecificRecord> runToTheEnd(String jdbcUrl) throws Exception {
        try (Running sink = start(jdbcUrl)) {
            sink.awaitCaughtUp();
            return List.copyOf(sink.stored);
        }
    }

    public Running start(String jdbcUrl) throws Exception {
        return new Running(jdbcUrl);
    }

    /** The end offsets of every topic the sink reads: where it has caught up. */
    public Map<TopicPartition, Long> endOffsets() throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", stack.bootstrapServers()))) {
            for (String topic : List.of(names.callEvents(), names.enrichedTurns(), names.qa(), names.alerts())) {
                admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                        .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            }
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
            return ends;
        }
    }

    /** A sink running on its own thread, with what it stored and each health state it went through. */
    public final class Running implements AutoCloseable {
        private final CallStore store;
        private final KafkaProducer<String, DeadLetter> deadLetters;
        private final StoreSink sink;
        private final Thread thread;
        private final List<SpecificRecord> stored = Collections.synchronizedList(new ArrayList<>());
        private final List<SinkHealth.State> states = Collections.synchronizedList(new ArrayList<>());
        private final List<DeadLetter> deadLettered = Collections.synchronizedList(new ArrayList<>());

        private Running(String jdbcUrl) throws SQLException {
            store = CallStore.open(jdbcUrl);
            deadLetters = ProducerSettings.keyedByCall(clients, topics.deadLetters().valueSerde().serializer());
            StoreSink.Settings settings = StoreSink.Settings.forPipeline("sink-under-test", topics)
                    .withRetries(Duration.ofMillis(100), Duration.ofMillis(400));
            sink = new StoreSink(clients, settings, store, new KafkaDeadLetterSink(deadLetters, names.deadLetters()),
                    new StoreSink.Listener() {
                        @Override
                        public void stored(List<SpecificRecord> records) {
                            stored.addAll(records);
                        }

                        @Override
                        public void deadLettered(DeadLetter letter) {
                            deadLettered.add(letter);
                        }

                        @Override
                        public void healthChanged(SinkHealth health) {
                            states.add(health.state());
                        }
                    }, BatchStage.Listener.NONE);
            thread = new Thread(sink, "sink-under-test");
            thread.start();
        }

        public SinkHealth health() {
            return sink.health();
        }

        /** The dead letters the sink told its listener of, committed batch by batch (a live view). */
        public List<DeadLetter> deadLettered() {
            return deadLettered;
        }

        /** The health states so far, in order (a live view). */
        public List<SinkHealth.State> states() {
            return states;
        }

        /** Waits until the store holds everything now on the sink's topics. */
        public void awaitCaughtUp() throws Exception {
            Map<TopicPartition, Long> ends = endOffsets();
            await().atMost(CAUGHT_UP).pollInterval(Duration.ofMillis(20)).until(() -> {
                assertThat(sink.failure()).as("the sink's failure").isNull();
                Map<TopicPartition, Long> at = sink.positions();
                return ends.entrySet().stream().allMatch(e -> at.getOrDefault(e.getKey(), -1L) >= e.getValue());
            });
        }

        @Override
        public void close() throws Exception {
            sink.close();
            thread.join(30_000);
            deadLetters.close();
            store.close();
            assertThat(thread.isAlive()).as("the sink stopped").isFalse();
            assertThat(sink.failure()).as("the sink's failure").isNull();
        }
    }

    /** The rows of a query, each as its columns joined by '|'. */
    public static List<String> rows(String jdbcUrl, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                List<String> columns = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    columns.add(String.valueOf(rs.getObject(i)));
                }
                rows.add(String.join("|", columns));
            }
        }
        return rows;
    }
}
