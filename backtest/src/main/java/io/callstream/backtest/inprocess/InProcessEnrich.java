package io.callstream.backtest.inprocess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import io.callstream.avro.Alert;
import io.callstream.avro.CallEvent;
import io.callstream.avro.DeadLetter;
import io.callstream.avro.EnrichedTurn;
import io.callstream.avro.QaExchange;
import io.callstream.avro.SpeakerTurn;
import io.callstream.avro.state.TurnAssemblyState;
import io.callstream.enrich.EnrichOptions;
import io.callstream.enrich.EnrichOutputs;
import io.callstream.enrich.EnrichSettings;
import io.callstream.enrich.EnrichTopology;
import io.callstream.schemas.registry.RegistryClientConfig;
import io.callstream.schemas.registry.SchemaRegistryClient;
import io.callstream.schemas.registry.server.InProcessSchemaRegistry;
import io.callstream.schemas.topics.CallTopics;
import io.callstream.schemas.topics.TopicNames;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The enrich topology run in this process without a broker, through Kafka Streams' own {@link TopologyTestDriver}:
 * the same processors, stores, serdes and record order as on a cluster, so the outputs are those a live run gives
 * for the same events (the topology depends on the records only). Used where a whole call must be read at once and
 * the backtest engine cannot serve it (a call with a record the topology refuses), and as the engine's reference.
 */
public final class InProcessEnrich implements AutoCloseable {

    private final InProcessSchemaRegistry registry;
    private final Path stateDir;
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, CallEvent> events;
    private final TestOutputTopic<String, SpeakerTurn> turns;
    private final TestOutputTopic<String, EnrichedTurn> enriched;
    private final TestOutputTopic<String, QaExchange> qa;
    private final TestOutputTopic<String, Alert> alerts;
    private final TestOutputTopic<String, DeadLetter> deadLetters;
    private final Set<String> outputTopics;

    private InProcessEnrich(EnrichOptions options, boolean persistentStores) throws IOException {
        this.registry = InProcessSchemaRegistry.start();
        this.stateDir = Files.createTempDirectory("callstream-inprocess-");
        try {
            SchemaRegistryClient client = new SchemaRegistryClient(RegistryClientConfig.of(registry.url()));
            CallTopics topics = new CallTopics(TopicNames.defaults(), client);
            Properties props = EnrichSettings.defaults("in-process:9092", registry.url(), stateDir).toStreamsProperties();
            this.driver = new TopologyTestDriver(EnrichTopology.build(topics,
                    topics.stateSerde(TurnAssemblyState.class), options, persistentStores), props);
            this.events = driver.createInputTopic(topics.callEvents().name(), topics.callEvents().keySerde().serializer(),
                    topics.callEvents().valueSerde().serializer());
            this.turns = driver.createOutputTopic(topics.callTurns().name(), topics.callTurns().keySerde().deserializer(),
                    topics.callTurns().valueSerde().deserializer());
            this.enriched = driver.createOutputTopic(topics.enrichedTurns().name(),
                    topics.enrichedTurns().keySerde().deserializer(), topics.enrichedTurns().valueSerde().deserializer());
            this.qa = driver.createOutputTopic(topics.qa().name(), topics.qa().keySerde().deserializer(),
                    topics.qa().valueSerde().deserializer());
            this.alerts = driver.createOutputTopic(topics.alerts().name(), topics.alerts().keySerde().deserializer(),
                    topics.alerts().valueSerde().deserializer());
            this.deadLetters = driver.createOutputTopic(topics.deadLetters().name(),
                    topics.deadLetters().keySerde().deserializer(), topics.deadLetters().valueSerde().deserializer());
            this.outputTopics = Set.of(topics.callTurns().name(), topics.enrichedTurns().name(), topics.qa().name(),
                    topics.alerts().name(), topics.deadLetters().name());
        } catch (RuntimeException e) {
            registry.close();
            deleteQuietly(stateDir);
            throw e;
        }
    }

    public static InProcessEnrich start(EnrichOptions options) {
        return start(options, true);
    }

    /** @param persistentStores false for in-memory stores, which only the benchmark's ladder uses */
    public static InProcessEnrich start(EnrichOptions options, boolean persistentStores) {
        try {
            return new InProcessEnrich(options, persistentStores);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Pipes the events in order, each at its observedAt, and returns what they produced. */
    public EnrichOutputs run(List<CallEvent> callEvents) {
        for (CallEvent e : callEvents) {
            events.pipeInput(e.getCallId(), e, e.getObservedAt());
        }
        return produced();
    }

    /**
     * Pipes one event and returns what it produced, and only that: the driver processes each record to the end
     * before it returns, so a backtest learns after which event every output was known.
     */
    public EnrichOutputs next(CallEvent event) {
        events.pipeInput(event.getCallId(), event, event.getObservedAt());
        return produced();
    }

    private EnrichOutputs produced() {
        EnrichOutputs outputs = new EnrichOutputs(turns.readValuesToList(), enriched.readValuesToList(), qa.readValuesToList(),
                alerts.readValuesToList(), deadLetters.readValuesToList());
        dropChangelogs();
        return outputs;
    }

    /**
     * The driver keeps every record written to any topic until it is read, the stores' changelogs included (about
     * a record per line per store): read and dropped after each run, so a driver that serves call after call holds
     * no more memory than one that served a single call.
     */
    private void dropChangelogs() {
        for (String topic : driver.producedTopicNames()) {
            if (!outputTopics.contains(topic)) {
                driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer())
                        .readRecordsToList();
            }
        }
    }

    @Override
    public void close() {
        try {
            driver.close();
        } finally {
            registry.close();
            deleteQuietly(stateDir);
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            Utils.delete(dir.toFile());
        } catch (IOException e) {
            // A leftover temporary folder is not worth failing a run for.
        }
    }
}
