package io.callstream.deploy.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

import io.callstream.avro.CallEnded;
import io.callstream.avro.CallEvent;
import io.callstream.avro.CallStarted;
import io.callstream.avro.Section;
import io.callstream.avro.Status;
import io.callstream.avro.TranscriptLine;
import io.callstream.avro.state.TurnAssemblyState;
import io.callstream.dashboard.monitor.BrokerHealth;
import io.callstream.dashboard.monitor.ConsumerLag;
import io.callstream.dashboard.monitor.EnrichGroupHealth;
import io.callstream.dashboard.monitor.HealthCheck;
import io.callstream.dashboard.monitor.HealthChecks;
import io.callstream.dashboard.monitor.HealthReport;
import io.callstream.dashboard.monitor.Monitoring;
import io.callstream.dashboard.monitor.PipelineFeed;
import io.callstream.deploy.stack.EmbeddedStack;
import io.callstream.deploy.testing.SharedStack;
import io.callstream.enrich.EnrichOptions;
import io.callstream.enrich.EnrichSettings;
import io.callstream.enrich.EnrichTopology;
import io.callstream.schemas.consume.TopicFanOut;
import io.callstream.schemas.consume.TopicFollower;
import io.callstream.schemas.registry.RegistryClientConfig;
import io.callstream.schemas.registry.SchemaRegistryClient;
import io.callstream.schemas.serde.AvroSerde;
import io.callstream.schemas.topics.CallTopics;
import io.callstream.schemas.topics.TopicCreator;
import io.callstream.schemas.topics.TopicNames;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Metrics and health of a real enrich application on the embedded broker, as /metrics and /health would serve them. */
@Tag("integration")
@ExtendWith(SharedStack.class)
class MonitoringOnEmbeddedKafkaTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static EmbeddedStack stack;

    @TempDir
    Path stateDir;

    private TopicNames names;
    private CallTopics topics;
    private SchemaRegistryClient registry;
    private EnrichSettings settings;
    private Map<String, String> clients;

    @BeforeAll
    static void start(EmbeddedStack shared) {
        stack = shared;
    }

    // Each test has topics and an application id of its own, so that no test counts what another wrote.
    @BeforeEach
    void topicsOfThisTest(TestInfo test) {
        String t = test.getTestMethod().orElseThrow().getName() + "-";
        names = new TopicNames(t + "call-events", t + "call-turns", t + "call-turns-enriched", t + "call-qa",
                t + "call-alerts", t + "call-dlq");
        TopicCreator.ensure(stack.bootstrapServers(), names, 2, (short) 1);
        registry = new SchemaRegistryClient(RegistryClientConfig.of(stack.schemaRegistryUrl()));
        topics = new CallTopics(names, registry);
        settings = new EnrichSettings(t + "enrich", stack.bootstrapServers(), stack.schemaRegistryUrl(), names,
                stateDir, StreamsConfig.EXACTLY_ONCE_V2, Map.of());
        clients = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    }

    @Test
    void scrapeCarriesStreamsAndClientMetricsPipelineCountsLatencyHistogramsAndEnrichLag() throws Exception {
        try (Monitoring monitoring = new Monitoring();
             Admin admin = Admin.create(Map.<String, Object>copyOf(clients));
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.<String, Object>copyOf(clients),
                     new StringSerializer(), new ByteArraySerializer());
             KafkaStreams enrich = enrich()) {
            monitoring.bind(new KafkaStreamsMetrics(enrich));
            monitoring.bind(new KafkaClientMetrics(producer));
            // Read afresh on every scrape, so the test sees the lag move.
            monitoring.bind(new ConsumerLag(admin, List.of(new ConsumerLag.CommittedOffsets(settings.applicationId(),
                    List.of(names.callEvents()))), Duration.ofSeconds(2), Duration.ZERO, InstantSource.system()));
            TopicFanOut feed = new TopicFanOut(clients, "monitor-feed");
            new PipelineFeed(feed, topics, monitoring.pipeline(), TopicFollower.Start.END);
            PipelineFeed.requireTopics(topics, feed.findPartitions());
            Thread feeding = new Thread(feed, "monitor-feed");
            feeding.start();
            try {
                publishCall(producer);
                assertThat(monitoring.scrape()).as("enrich has read nothing: all six events are behind")
                        .contains("callstream_consumer_lag{group=\"" + settings.applicationId() + "\"} 6.0\n");

                enrich.start();
                await().atMost(WAIT).untilAsserted(() -> {
                    String text = monitoring.scrape();
                    assertThat(text).contains("callstream_turns_out_total{status=\"FINAL\"} 3.0\n");
                    assertThat(text).contains("callstream_alerts_total{rule=\"guidance-with-number\",severity=\"MEDIUM\"} 1.0\n");
                    assertThat(text).contains("callstream_consumer_lag{group=\"" + settings.applicationId() + "\"} 0.0\n");
                    assertThat(text).contains("callstream_dead_letters_total{reason=\"SerializationException\",stage=\"enrich\"} 1.0\n");
                });
                String text = monitoring.scrape();

                assertThat(text).contains("kafka_stream_thread_process_total");
                assertThat(text).contains("kafka_producer_record_send_total");
                assertThat(text).contains("callstream_lines_in_total{status=\"FINAL\"} 3.0\n");
                assertThat(text).contains("callstream_turns_out_total{status=\"PARTIAL\"} 3.0\n");
                assertThat(text).contains("callstream_tags_total{topic=\"guidance\"} 1.0\n");
                assertThat(text).contains("callstream_tags_total{topic=\"demand\"} 1.0\n");
                // Each line is timed once, to the first turn snapshot ending with it; these lines are live.
                assertThat(text).contains("callstream_latency_turn_seconds_count{from=\"line_seen\"} 3\n");
                assertThat(text).contains("callstream_latency_turn_seconds_count{from=\"observed_at\"} 3\n");
                assertThat(text).contains("callstream_latency_turn_seconds_bucket{from=\"line_seen\",le=\"+Inf\"} 3\n");
                assertThat(text).contains("callstream_latency_turn_seconds_bucket{from=\"line_seen\",le=\"0.001\"}");
                assertThat(text).contains("callstream_latency_alert_seconds_count{from=\"line_seen\"} 1\n");
                assertThat(feed.failure()).isNull();
            } finally {
                feed.close();
                feeding.join(WAIT.toMillis());
            }
        }
    }

    @Test
    void aMonitorFromTheEndLeavesTheBacklogOutWhileOneFromTheBeginningCountsItOnTheSameFeed() throws Exception {
        try (Monitoring sinceStart = new Monitoring(); Monitoring whole = new Monitoring();
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.<String, Object>copyOf(clients),
                     new StringSerializer(), new ByteArraySerializer())) {
            publishCall(producer); // three lines before the monitors start: the backlog
            TopicFanOut feed = new TopicFanOut(clients, "monitor-feed");
            new PipelineFeed(feed, topics, sinceStart.pipeline(), TopicFollower.Start.END);
            new PipelineFeed(feed, topics, whole.pipeline(), TopicFollower.Start.BEGINNING);
            PipelineFeed.requireTopics(topics, feed.findPartitions());
            Thread feeding = new Thread(feed, "monitor-feed");
            feeding.start();
            try {
                Instant now = Instant.now();
                producer.send(new ProducerRecord<>(names.callEvents(), null, now.toEpochMilli(), "c1",
                        topics.callEvents().valueSerde().serializer().serialize(names.callEvents(),
                                event(13_000, now, line(3, "Elon Reeve Musk", "Tesla, Inc.", "One more thing."))))).get();
                await().atMost(WAIT).untilAsserted(() -> assertThat(whole.scrape())
                        .contains("callstream_lines_in_total{status=\"FINAL\"} 4.0\n"));
                await().atMost(WAIT).until(feed::caughtUp);
                assertThat(sinceStart.scrape()).as("only the line written after it started")
                        .contains("callstream_lines_in_total{status=\"FINAL\"} 1.0\n");
                assertThat(feed.failure()).isNull();
            } finally {
                feed.close();
                feeding.join(WAIT.toMillis());
            }
        }
        assertThatThrownBy(() -> PipelineFeed.requireTopics(topics, List.of("elsewhere", names.deadLetters())))
                .hasMessage("Topic " + names.deadLetters() + " does not exist: create the pipeline's topics first");
        PipelineFeed.requireTopics(topics, List.of(names.qa())); // not one the monitor reads
    }

    @Test
    void readyOnlyOnceEnrichIsRunningAndTheBrokerAnswers() throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>copyOf(clients));
             KafkaStreams enrich = enrich()) {
            StreamsHealth streams = new StreamsHealth(enrich);
            HealthChecks checks = HealthChecks.none().withBoth("enrich", streams)
                    .withReadiness("broker", new BrokerHealth(admin));

            HealthReport before = checks.readiness();
            assertThat(before.up()).isFalse();
            assertThat(before.details()).containsEntry("enrich", "CREATED");
            assertThat(before.details().get("broker")).startsWith("reachable: 1 broker, cluster ");
            assertThat(checks.liveness().up()).isTrue();

            enrich.start();

            await().atMost(WAIT).until(() -> checks.readiness().up());
            assertThat(checks.readiness().details()).containsEntry("enrich", "RUNNING");
            assertThat(checks.liveness().up()).isTrue();
        }
    }

    @Test
    void brokerCheckIsDownWithADetailOnceTheBrokerIsClosed() {
        EmbeddedStack own = EmbeddedStack.start();
        try (Admin admin = Admin.create(Map.<String, Object>of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, own.bootstrapServers()))) {
            BrokerHealth broker = new BrokerHealth(admin, Duration.ofSeconds(1), Duration.ZERO, InstantSource.system());
            HealthChecks checks = HealthChecks.none().withReadiness("broker", broker);
            assertThat(checks.readiness().up()).isTrue();

            own.close();

            HealthReport after = checks.readiness();
            assertThat(after.up()).isFalse();
            assertThat(after.details().get("broker")).satisfiesAnyOf(
                    d -> assertThat(d).startsWith("no answer within 1000 ms"),
                    d -> assertThat(d).startsWith("unreachable: "));
        } finally {
            own.close();
        }
    }

    @Test
    void enrichGroupCheckSeesAnApplicationOnTheStreamsRebalanceProtocolToo() throws Exception {
        settings = settings.withOverrides(Map.of("group.protocol", "streams"));
        try (Admin admin = Admin.create(Map.<String, Object>copyOf(clients))) {
            EnrichGroupHealth group = new EnrichGroupHealth(admin, settings.applicationId(), Duration.ofSeconds(5),
                    Duration.ZERO, InstantSource.system());
            try (KafkaStreams enrich = enrich()) {
                enrich.start();
                await().atMost(WAIT).until(() -> group.check().up());
                // One instance; both protocols count a member per stream thread.
                assertThat(group.check().detail()).startsWith("running: group " + settings.applicationId() + " has "
                        + settings.toStreamsProperties().get("num.stream.threads") + " member");
            }
            await().atMost(WAIT).untilAsserted(() -> {
                HealthCheck.Result after = group.check();
                assertThat(after.up()).isFalse();
                assertThat(after.detail()).startsWith("no enrich instance is running: group " + settings.applicationId()
                        + " has no members");
            });
        }
    }

    private KafkaStreams enrich() {
        return new KafkaStreams(EnrichTopology.build(topics, new AvroSerde<>(TurnAssemblyState.class, registry, false),
                EnrichOptions.defaults()), settings.toStreamsProperties());
    }

    /**
     * Six events on call-events, as a live feed sends them (observedAt now): the call's start, three lines by three
     * speakers (so three turns), one record that is not Avro, and the end.
     */
    private void publishCall(KafkaProducer<String, byte[]> producer) throws Exception {
        Serializer<CallEvent> events = topics.callEvents().valueSerde().serializer();
        String topic = names.callEvents();
        Instant now = Instant.now();
        List<byte[]> values = List.of(
                events.serialize(topic, event(0, now, CallStarted.newBuilder().setCompany("Tesla, Inc.").setTicker("TSLA")
                        .setSource("test").build())),
                events.serialize(topic, event(1_000, now, line(0, "Operator", null,
                        "Good afternoon and welcome to the Tesla fourth quarter call."))),
                events.serialize(topic, event(5_000, now, line(1, "Elon Reeve Musk", "Tesla, Inc.",
                        "We expect revenue of $2 billion next year."))),
                "not avro".getBytes(StandardCharsets.UTF_8),
                events.serialize(topic, event(9_000, now, line(2, "Ryan Brinkman", "JPMorgan",
                        "Thanks. What about demand for the Model 3?"))),
                events.serialize(topic, event(12_000, now, CallEnded.newBuilder().setLineCount(3).build())));
        for (byte[] value : values) {
            producer.send(new ProducerRecord<>(topic, null, now.toEpochMilli(), "c1", value)).get();
        }
    }

    private static CallEvent event(long offsetMs, Instant observedAt, Object payload) {
        return CallEvent.newBuilder().setCallId("c1").setCallOffsetMs(offsetMs).setObservedAt(observedAt)
                .setPayload(payload).build();
    }

    private static TranscriptLine line(long seq, String speaker, String affiliation, String text) {
        return TranscriptLine.newBuilder().setLineId("c1-L" + seq).setSeq(seq).setStatus(Status.FINAL)
                .setSpeakerLabel(speaker).setAffiliation(affiliation).setSection(Section.QUESTIONS_AND_ANSWERS)
                .setText(text).setFlags(List.of()).build();
    }
}
