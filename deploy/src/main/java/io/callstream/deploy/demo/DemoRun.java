package io.callstream.deploy.demo;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import io.callstream.avro.CallEvent;
import io.callstream.avro.DeadLetter;
import io.callstream.avro.TranscriptLine;
import io.callstream.avro.state.TurnAssemblyState;
import io.callstream.deploy.stack.StackEndpoints;
import io.callstream.deploy.topics.TopicCreator;
import io.callstream.enrich.EnrichSettings;
import io.callstream.enrich.EnrichTopology;
import io.callstream.ingest.publish.CallEventPublisher;
import io.callstream.ingest.publish.Pace;
import io.callstream.schemas.registry.RegistryClientConfig;
import io.callstream.schemas.registry.SchemaRegistryClient;
import io.callstream.schemas.serde.AvroSerde;
import io.callstream.schemas.topics.CallTopics;
import io.callstream.schemas.topics.TopicNames;
import io.callstream.sink.TurnSink;
import io.callstream.sink.jdbc.TurnStore;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The whole pipeline on the embedded stack: the given call's events through ingest, the enrich topology and the
 * JDBC sink, then a summary read back from the store. Used by {@code ./callstream demo} and its integration test.
 */
public final class DemoRun {

    /** How long a stage may take to catch up with the one before it once the call is in. */
    private static final Duration CATCH_UP = Duration.ofMinutes(2);
    private static final int PARTITIONS = 3;

    /**
     * @param events  the call, as ordered call events
     * @param pace    replay speed
     * @param store   the SQLite file the turns go to; replaced, since its offsets belong to an earlier broker
     * @param out     where turns are printed as they land, or null for silence
     */
    public record Options(List<CallEvent> events, Pace pace, Path store, PrintStream out) {
    }

    private DemoRun() {
    }

    public static DemoSummary run(StackEndpoints stack, Options options) throws Exception {
        TopicNames names = TopicNames.defaults();
        TopicCreator.ensure(stack.bootstrapServers(), names, PARTITIONS, (short) 1);
        SchemaRegistryClient registry = new SchemaRegistryClient(RegistryClientConfig.of(stack.schemaRegistryUrl()));
        CallTopics topics = new CallTopics(names, registry);
        Files.deleteIfExists(options.store());
        String jdbcUrl = "jdbc:sqlite:" + options.store().toAbsolutePath();
        // Beside the store rather than in /tmp, which Kafka Streams warns an OS may clear under a running task.
        Path stateDir = Files.createTempDirectory(options.store().toAbsolutePath().getParent(), ".callstream-enrich-");

        EnrichSettings settings = EnrichSettings.defaults(stack.bootstrapServers(), stack.schemaRegistryUrl(), stateDir);
        try (TurnStore store = TurnStore.open(jdbcUrl);
             KafkaProducer<String, DeadLetter> deadLetters = producer(stack, topics.deadLetters().valueSerde().serializer());
             KafkaProducer<String, CallEvent> events = producer(stack, topics.callEvents().valueSerde().serializer());
             KafkaStreams enrich = new KafkaStreams(
                     EnrichTopology.build(topics, new AvroSerde<>(TurnAssemblyState.class, registry, false)),
                     settings.toStreamsProperties());
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {

            TurnSink sink = new TurnSink(stack.bootstrapServers(), "callstream-sink", names.callTurns(),
                    topics.callTurns().valueSerde().deserializer(), store,
                    letter -> deadLetters.send(new ProducerRecord<>(names.deadLetters(), letter.getCallId(), letter)),
                    options.out() == null ? turn -> { } : new TurnPrinter(options.out()));
            Thread sinkThread = new Thread(sink, "callstream-sink");
            sinkThread.start();
            enrich.start();
            try {
                new CallEventPublisher(events, names.callEvents()).publishCall(options.events(), options.pace(), e -> { });
                CatchUp catchUp = new CatchUp(admin);
                catchUp.awaitGroup(settings.applicationId(), catchUp.endOffsets(names.callEvents()), CATCH_UP);
                catchUp.awaitPositions("the sink", sink::positions, catchUp.endOffsets(names.callTurns()), CATCH_UP);
                deadLetters.flush();
                long lines = options.events().stream().filter(e -> e.getPayload() instanceof TranscriptLine).count();
                return summarize(jdbcUrl, lines, DeadLetterCount.count(stack.bootstrapServers(), names.deadLetters()));
            } finally {
                sink.close();
                sinkThread.join(Duration.ofSeconds(10).toMillis());
                enrich.close(Duration.ofSeconds(10));
                enrich.cleanUp();
            }
        } finally {
            io.callstream.deploy.stack.FileTrees.deleteQuietly(stateDir);
        }
    }

    static DemoSummary summarize(String jdbcUrl, long lines, long deadLetters) throws Exception {
        String query = "SELECT turn_index, role, speaker_name, substr(text, 1, 60) FROM turns "
                + "WHERE status = 'FINAL' ORDER BY turn_index";
        Map<String, Long> byRole = new TreeMap<>();
        long turns = 0;
        try (Connection c = DriverManager.getConnection(jdbcUrl);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT role, COUNT(*) FROM turns WHERE status = 'FINAL' GROUP BY role")) {
            while (rs.next()) {
                byRole.put(rs.getString(1), rs.getLong(2));
                turns += rs.getLong(2);
            }
        }
        return new DemoSummary(lines, turns, byRole, deadLetters, jdbcUrl, query);
    }

    private static <V> KafkaProducer<String, V> producer(StackEndpoints stack, org.apache.kafka.common.serialization.Serializer<V> values) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // A live line must reach enrich now, not after a batching delay.
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        return new KafkaProducer<>(p, new org.apache.kafka.common.serialization.StringSerializer(), values);
    }
}
