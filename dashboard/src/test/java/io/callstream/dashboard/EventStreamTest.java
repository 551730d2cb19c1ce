package io.callstream.dashboard;

import static io.callstream.sink.testing.SinkRecords.alert;
import static io.callstream.sink.testing.SinkRecords.ended;
import static io.callstream.sink.testing.SinkRecords.enriched;
import static io.callstream.sink.testing.SinkRecords.exchange;
import static io.callstream.sink.testing.SinkRecords.line;
import static io.callstream.sink.testing.SinkRecords.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callstream.avro.Status;
import io.callstream.schemas.http.HttpServerLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class EventStreamTest {

    private static final String TOKEN = DashboardServerTest.TOKEN;
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<AutoCloseable> open = new ArrayList<>();
    private LiveCalls calls = new LiveCalls(10, 0);
    private DashboardServer server;

    private DashboardServer start(DashboardConfig config) {
        server = DashboardServer.start(config, calls, DashboardHooks.none(), DashboardServerTest.TEST_PAGE);
        return server;
    }

    private DashboardServer start() {
        return start(DashboardConfig.defaults(TOKEN).withKeepAlive(Duration.ofMillis(200)));
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    private SseClient stream(String path, String lastEventId) throws Exception {
        SseClient client = SseClient.open(http, uri(path), TOKEN, lastEventId);
        open.add(client);
        return client;
    }

    private void someCall() {
        calls.apply(started("c1"));
        calls.apply(line("c1", 0, "Good afternoon."));
        calls.apply(enriched("c1", 0, 0, Status.PARTIAL, "What about"));
        calls.apply(enriched("c1", 0, 1, Status.FINAL, "What about the ramp?", "model-3"));
        calls.apply(enriched("c1", 1, 0, Status.PARTIAL, "We expect", "guidance"));
        calls.apply(exchange("c1", 0, 0, Status.PARTIAL));
        calls.apply(alert("c1", "guidance", 1));
    }

    private List<LiveEvent> held(String callId, long after) throws InterruptedException {
        return calls.awaitEvents(callId, after, Duration.ZERO).orElseThrow();
    }

    private JsonNode rest(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + TOKEN)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** What a page holds after applying events: each item replaced in place by its key. */
    private static Map<String, JsonNode> fold(Map<String, JsonNode> state, List<SseClient.Frame> events) {
        for (SseClient.Frame e : events) {
            JsonNode data = e.json();
            String key = switch (e.event()) {
                case "call" -> "call";
                case "turn" -> "turn/" + data.get("turnIndex").asInt();
                case "exchange" -> "exchange/" + data.get("exchangeId").asText();
                case "alert" -> "alert/" + data.get("alertId").asText();
                default -> throw new AssertionError("Unknown event type " + e.event());
            };
            state.put(key, data);
        }
        return state;
    }

    /** The same items as the REST API gives them now. */
    private Map<String, JsonNode> restState(String callId) throws Exception {
        Map<String, JsonNode> state = new LinkedHashMap<>();
        state.put("call", rest("/api/calls/" + callId));
        rest("/api/calls/" + callId + "/turns").forEach(t -> state.put("turn/" + t.get("turnIndex").asInt(), t));
        rest("/api/calls/" + callId + "/exchanges").forEach(q -> state.put("exchange/" + q.get("exchangeId").asText(), q));
        rest("/api/calls/" + callId + "/alerts").forEach(a -> state.put("alert/" + a.get("alertId").asText(), a));
        return state;
    }

    @Test
    void streamStartsWithRetryThenSendsEveryEventFromTheFirstAsTheRestItems() throws Exception {
        start();
        someCall();
        SseClient client = stream("/api/calls/c1/events", null);

        assertThat(client.response().headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
        assertThat(client.next(WAIT).retry()).isEqualTo("1000");
        List<LiveEvent> expected = held("c1", Long.MIN_VALUE);
        List<SseClient.Frame> got = client.events(expected.size(), WAIT);

        assertThat(got).extracting(SseClient.Frame::idNumber).containsExactlyElementsOf(
                expected.stream().map(LiveEvent::id).toList());
        assertThat(got).extracting(SseClient.Frame::event).containsExactlyElementsOf(
                expected.stream().map(LiveEvent::type).toList());
        assertThat(fold(new LinkedHashMap<>(), got)).isEqualTo(restState("c1"));
    }

    @Test
    void eventsArePushedWhileConnected() throws Exception {
        start();
        someCall();
        SseClient client = stream("/api/calls/c1/events", null);
        client.events(held("c1", Long.MIN_VALUE).size(), WAIT);

        // Only the turn changes: the call's counts and furthest call time (the alert's) stay as they were.
        calls.apply(enriched("c1", 1, 1, Status.FINAL, "We expect 5,000 a week.", "guidance"));
        List<SseClient.Frame> pushed = client.events(1, WAIT);

        assertThat(pushed).extracting(SseClient.Frame::event).containsExactly("turn");
        assertThat(client.eventsWithin(Duration.ofMillis(300))).isEmpty();
        assertThat(pushed.get(0).json().get("status").asText()).isEqualTo("FINAL");
        assertThat(pushed.get(0).json().get("text").asText()).isEqualTo("We expect 5,000 a week.");
    }

    @Test
    void reconnectingWithLastEventIdGetsExactlyWhatWasMissed() throws Exception {
        start();
        someCall();
        SseClient first = stream("/api/calls/c1/events", null);
        List<SseClient.Frame> before = first.events(held("c1", Long.MIN_VALUE).size(), WAIT);
        String lastSeen = before.get(before.size() - 1).id();
        first.close();

        // While away: a turn grows and closes, a new one starts, the exchange moves on, an alert fires.
        calls.apply(enriched("c1", 1, 1, Status.PARTIAL, "We expect more", "guidance"));
        calls.apply(enriched("c1", 1, 2, Status.FINAL, "We expect more cars.", "guidance"));
        calls.apply(enriched("c1", 2, 0, Status.PARTIAL, "Next"));
        calls.apply(exchange("c1", 0, 1, Status.FINAL));
        calls.apply(alert("c1", "capital-raise", 2));

        SseClient again = stream("/api/calls/c1/events", lastSeen);
        List<LiveEvent> missed = held("c1", Long.parseLong(lastSeen));
        List<SseClient.Frame> resumed = again.events(missed.size(), WAIT);

        assertThat(resumed).extracting(SseClient.Frame::idNumber)
                .containsExactlyElementsOf(missed.stream().map(LiveEvent::id).toList())
                .allMatch(id -> id > Long.parseLong(lastSeen))
                .doesNotHaveDuplicates();
        assertThat(again.eventsWithin(Duration.ofMillis(500))).as("nothing more").isEmpty();
        // No gap: what the page held, updated with what it got on resuming, is what the server holds.
        assertThat(fold(fold(new LinkedHashMap<>(), before), resumed)).isEqualTo(restState("c1"));
    }

    @Test
    void lastEventIdCanComeInTheQueryAndTheHeaderWins() throws Exception {
        start();
        someCall();
        List<LiveEvent> all = held("c1", Long.MIN_VALUE);
        long middle = all.get(all.size() / 2).id();

        SseClient byQuery = stream("/api/calls/c1/events?lastEventId=" + middle, null);
        List<LiveEvent> after = held("c1", middle);
        assertThat(byQuery.events(after.size(), WAIT)).extracting(SseClient.Frame::idNumber)
                .containsExactlyElementsOf(after.stream().map(LiveEvent::id).toList());

        long last = all.get(all.size() - 1).id();
        SseClient both = stream("/api/calls/c1/events?lastEventId=" + middle, String.valueOf(last));
        assertThat(both.eventsWithin(Duration.ofMillis(500))).isEmpty();
    }

    @Test
    void aLastEventIdThatIsNotANumberIs400() throws Exception {
        start();
        someCall();
        HttpResponse<String> r = http.send(SseClient.request(uri("/api/calls/c1/events"), TOKEN, "abc"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
    }

    @Test
    void theTokenCanComeInTheQueryAsEventSourceSendsIt() throws Exception {
        start();
        someCall();
        SseClient client = SseClient.open(http, uri("/api/calls/c1/events?token=" + TOKEN), null, null);
        open.add(client);
        assertThat(client.events(1, WAIT)).isNotEmpty();

        HttpResponse<String> none = http.send(SseClient.request(uri("/api/calls/c1/events"), null, null),
                HttpResponse.BodyHandlers.ofString());
        assertThat(none.statusCode()).isEqualTo(401);
    }

    @Test
    void globalStreamSendsTheCallsListsChanges() throws Exception {
        start();
        calls.apply(started("c1"));
        SseClient client = stream("/api/events", null);
        SseClient.Frame first = client.events(1, WAIT).get(0);
        assertThat(first.event()).isEqualTo("call");
        assertThat(first.json().get("callId").asText()).isEqualTo("c1");
        assertThat(first.json()).isEqualTo(rest("/api/calls/c1"));

        calls.apply(started("c2"));
        calls.apply(ended("c1", 1));
        List<SseClient.Frame> next = client.events(2, WAIT);
        assertThat(next).extracting(f -> f.json().get("callId").asText()).containsExactly("c2", "c1");
        assertThat(next.get(1).json().get("live").asBoolean()).isFalse();

        client.close();
        calls.apply(line("c2", 0, "Hello"));
        SseClient resumed = stream("/api/events", next.get(1).id());
        SseClient.Frame missed = resumed.events(1, WAIT).get(0);
        assertThat(missed.json().get("callId").asText()).isEqualTo("c2");
        assertThat(missed.json().get("lines").asInt()).isEqualTo(1);
        assertThat(resumed.eventsWithin(Duration.ofMillis(300))).isEmpty();
    }

    @Tag("integration")
    @Test
    void streamsStayOpenFarLongerThanTheRequestTimeout() throws Exception {
        Duration requestTimeout = Duration.ofSeconds(1);
        start(DashboardConfig.defaults(TOKEN).withKeepAlive(Duration.ofMillis(200))
                .withLimits(HttpServerLimits.defaults().withRequestTimeout(requestTimeout)));
        someCall();
        SseClient client = stream("/api/calls/c1/events", null);
        assertThat(client.events(held("c1", Long.MIN_VALUE).size(), WAIT)).isNotEmpty();

        // Read keep-alives for three request timeouts: the stream must outlive them.
        long until = System.nanoTime() + requestTimeout.multipliedBy(3).toNanos();
        int comments = 0;
        while (System.nanoTime() < until) {
            SseClient.Frame f = client.next(Duration.ofSeconds(1));
            assertThat(f).as("the stream is still open").isNotNull();
            if (f.comment() != null) {
                comments++;
            }
        }
        calls.apply(line("c1", 1, "Still here?"));

        assertThat(comments).isGreaterThanOrEqualTo(5);
        assertThat(client.events(1, WAIT)).as("the line pushed after the timeouts").hasSize(1);
        assertThat(server.openStreams()).isEqualTo(1);
    }

    @Test
    void anIdleStreamGetsKeepAliveComments() throws Exception {
        start();
        someCall();
        SseClient client = stream("/api/calls/c1/events", String.valueOf(held("c1", Long.MIN_VALUE).get(
                held("c1", Long.MIN_VALUE).size() - 1).id()));

        Set<String> comments = new HashSet<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (comments.isEmpty() && System.nanoTime() < deadline) {
            SseClient.Frame f = client.next(Duration.ofSeconds(1));
            if (f != null && f.comment() != null) {
                comments.add(f.comment());
            }
            assertThat(f == null || !f.isEvent()).as("no event on an idle stream").isTrue();
        }
        assertThat(comments).containsExactly("keep-alive");
    }

    @Test
    void streamsRunBesideTheRequestThreadsWithoutStarvingThem() throws Exception {
        start(new DashboardConfig("127.0.0.1", 0, TOKEN, 10, HttpServerLimits.defaults().withWorkers(1), 8,
                Duration.ofSeconds(15)));
        someCall();
        for (int i = 0; i < 5; i++) {
            stream("/api/calls/c1/events", null).events(1, WAIT);
        }
        assertThat(server.openStreams()).isEqualTo(5);

        long start = System.nanoTime();
        assertThat(rest("/api/calls")).hasSize(1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void streamsBeyondTheLimitAre503AndAGoneClientFreesItsSlot() throws Exception {
        start(DashboardConfig.defaults(TOKEN).withMaxStreams(2).withKeepAlive(Duration.ofMillis(100)));
        someCall();
        SseClient one = stream("/api/calls/c1/events", null);
        stream("/api/events", null);
        one.events(1, WAIT);

        HttpResponse<String> third = http.send(SseClient.request(uri("/api/calls/c1/events"), TOKEN, null),
                HttpResponse.BodyHandlers.ofString());
        assertThat(third.statusCode()).isEqualTo(503);

        // The server notices the client left at its next write (a keep-alive at the latest).
        one.close();
        await().atMost(WAIT).until(() -> server.openStreams() == 1);
        assertThat(stream("/api/calls/c1/events", null).events(1, WAIT)).isNotEmpty();
    }

    @Test
    void closingTheServerEndsOpenStreamsPromptly() throws Exception {
        start(DashboardConfig.defaults(TOKEN));
        someCall();
        List<SseClient> clients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            SseClient c = stream(i == 0 ? "/api/events" : "/api/calls/c1/events", null);
            c.events(1, WAIT);
            clients.add(c);
        }

        long start = System.nanoTime();
        server.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        for (SseClient c : clients) {
            assertThat(c.endsWithin(Duration.ofSeconds(2))).isTrue();
        }
        server = null;
    }

    @Test
    void aForgottenCallsStreamEnds() throws Exception {
        calls = new LiveCalls(1, 0);
        start();
        calls.apply(started("c1"));
        SseClient client = stream("/api/calls/c1/events", null);
        client.events(1, WAIT);

        calls.apply(ended("c1", 0));
        calls.apply(started("c2"));

        assertThat(client.endsWithin(WAIT)).isTrue();
        HttpResponse<String> again = http.send(SseClient.request(uri("/api/calls/c1/events"), TOKEN, null),
                HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(404);
    }
}
