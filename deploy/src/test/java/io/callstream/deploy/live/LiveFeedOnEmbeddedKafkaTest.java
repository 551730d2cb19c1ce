package io.callstream.deploy.live;

import static io.callstream.sink.testing.SinkRecords.alert;
import static io.callstream.sink.testing.SinkRecords.ended;
import static io.callstream.sink.testing.SinkRecords.enriched;
import static io.callstream.sink.testing.SinkRecords.exchange;
import static io.callstream.sink.testing.SinkRecords.line;
import static io.callstream.sink.testing.SinkRecords.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.callstream.avro.Status;
import io.callstream.dashboard.CallView;
import io.callstream.dashboard.DashboardConfig;
import io.callstream.dashboard.DashboardHooks;
import io.callstream.dashboard.DashboardServer;
import io.callstream.dashboard.LiveCalls;
import io.callstream.dashboard.LiveFeed;
import io.callstream.deploy.stack.EmbeddedStack;
import io.callstream.deploy.testing.SharedStack;
import io.callstream.deploy.testing.SinkHarness;
import io.callstream.schemas.consume.TopicFanOut;
import io.callstream.schemas.registry.RegistryClientConfig;
import io.callstream.schemas.registry.SchemaRegistryClient;
import io.callstream.schemas.topics.CallTopics;
import io.callstream.schemas.topics.TopicCreator;
import io.callstream.schemas.topics.TopicNames;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/** The live feed on a real broker: from the beginning, past unreadable records, live into the dashboard's stream. */
@Tag("integration")
@ExtendWith(SharedStack.class)
class LiveFeedOnEmbeddedKafkaTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static EmbeddedStack stack;

    private TopicNames names;
    private SinkHarness harness;
    private final LiveCalls calls = new LiveCalls(10);
    private final List<SpecificRecord> heard = Collections.synchronizedList(new ArrayList<>());
    private TopicFanOut fanOut;
    private LiveFeed feed;
    private Thread thread;

    @BeforeAll
    static void startStack(EmbeddedStack shared) {
        stack = shared;
    }

    // Each test has topics of its own, so that no test reads what another wrote.
    @BeforeEach
    void topicsOfThisTest(TestInfo test) {
        String t = test.getTestMethod().orElseThrow().getName() + "-";
        names = new TopicNames(t + "call-events", t + "call-turns", t + "call-turns-enriched", t + "call-qa",
                t + "call-alerts", t + "call-dlq");
        harness = new SinkHarness(stack.endpoints(), names);
    }

    private void startFeed() {
        CallTopics topics = new CallTopics(names, new SchemaRegistryClient(RegistryClientConfig.of(
                stack.schemaRegistryUrl())));
        fanOut = new TopicFanOut(harness.clients(), "live-feed-under-test");
        feed = new LiveFeed(fanOut, topics, calls, heard::add);
        thread = new Thread(fanOut, "live-feed-under-test");
        thread.start();
    }

    @AfterEach
    void stopFeed() throws Exception {
        if (feed != null) {
            fanOut.close();
            thread.join(30_000);
            assertThat(thread.isAlive()).as("the feed stopped").isFalse();
            assertThat(feed.failure()).as("the feed's failure").isNull();
        }
    }

    private static List<SpecificRecord> call(String callId) {
        return List.of(
                started(callId),
                line(callId, 0, "Good afternoon."),
                enriched(callId, 0, 0, Status.PARTIAL, "We expect", "guidance"),
                enriched(callId, 0, 1, Status.FINAL, "We expect deliveries in July.", "guidance", "deliveries"),
                enriched(callId, 1, 0, Status.FINAL, "And margins?", "margins"),
                exchange(callId, 0, 0, Status.PARTIAL),
                exchange(callId, 0, 1, Status.FINAL),
                alert(callId, "guidance-with-number", 0));
    }

    private void produceGarbage() throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", stack.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(names.enrichedTurns(), "c9".getBytes(StandardCharsets.UTF_8),
                    "garbage".getBytes(StandardCharsets.UTF_8))).get();
        }
    }

    private void awaitCaughtUp() throws Exception {
        Map<?, Long> ends = harness.endOffsets();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> {
            assertThat(feed.failure()).as("the feed's failure").isNull();
            Map<?, Long> at = feed.positions();
            return ends.entrySet().stream().allMatch(e -> at.getOrDefault(e.getKey(), -1L) >= e.getValue());
        });
    }

    @Test
    void readsEverythingFromTheBeginningSkipsWhatItCannotReadAndBecomesReady() throws Exception {
        TopicCreator.ensure(stack.bootstrapServers(), names, 2, (short) 1);
        harness.produce(call("c1"));
        produceGarbage();
        harness.produce(call("c2"));
        harness.produce(List.of(ended("c1", 1)));

        startFeed();
        awaitCaughtUp();
        await().atMost(WAIT).until(feed::caughtUp);

        assertThat(feed.readiness().up()).isTrue();
        assertThat(feed.unreadable()).isEqualTo(1);
        assertThat(heard).hasSize(2 * call("c1").size() + 1);
        CallView c1 = calls.view("c1").orElseThrow();
        assertThat(c1.summary().live()).isFalse();
        assertThat(c1.summary().company()).isEqualTo("Tesla, Inc.");
        assertThat(c1.turns()).extracting(t -> t.getTurn().getVersion()).containsExactly(1, 0);
        assertThat(c1.exchanges()).singleElement().satisfies(q -> assertThat(q.getVersion()).isEqualTo(1));
        assertThat(c1.alerts()).hasSize(1);
        assertThat(calls.view("c2").orElseThrow().summary().live()).isTrue();
    }

    @Test
    void waitsForTopicsCreatedAfterItStartedThenFollowsThemLiveIntoTheDashboardsStream() throws Exception {
        startFeed();
        await().atMost(WAIT).until(() -> feed.readiness().details().getOrDefault("feed", "").contains("waiting"));
        assertThat(feed.readiness().up()).isFalse();

        TopicCreator.ensure(stack.bootstrapServers(), names, 2, (short) 1);
        harness.produce(List.of(started("c1")));
        await().atMost(WAIT).until(() -> calls.view("c1").isPresent());
        await().atMost(WAIT).until(feed::caughtUp);

        String token = DashboardConfig.randomToken();
        try (DashboardServer server = DashboardServer.start(DashboardConfig.defaults(token), calls,
                DashboardHooks.none().withReady(feed::readiness))) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> ready = http.send(HttpRequest.newBuilder(server.baseUri().resolve("/health/ready"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).isEqualTo(200);

            URI events = server.baseUri().resolve("/api/calls/c1/events?token=" + token);
            HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(events).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(stream.statusCode()).isEqualTo(200);
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                harness.produce(List.of(alert("c1", "capital-raise", 7)));
                String line;
                String event = null;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("event: ")) {
                        event = line.substring("event: ".length());
                    } else if (line.startsWith("data: ") && "alert".equals(event)) {
                        assertThat(line).contains("\"alertId\":\"c1/capital-raise/7\"");
                        break;
                    }
                }
                assertThat(line).as("the alert came through Kafka onto the stream").isNotNull();
            }
        }
    }
}
