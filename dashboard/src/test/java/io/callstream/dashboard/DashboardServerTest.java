package io.callstream.dashboard;

import static io.callstream.sink.testing.SinkRecords.alert;
import static io.callstream.sink.testing.SinkRecords.enriched;
import static io.callstream.sink.testing.SinkRecords.exchange;
import static io.callstream.sink.testing.SinkRecords.line;
import static io.callstream.sink.testing.SinkRecords.started;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callstream.avro.Alert;
import io.callstream.avro.QaExchange;
import io.callstream.avro.Span;
import io.callstream.avro.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DashboardServerTest {

    static final String TOKEN = "s3cret-token";
    static final String TEST_PAGE = "/io/callstream/dashboard/test-static/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final LiveCalls calls = new LiveCalls(10, 0);
    private DashboardServer server;

    @BeforeEach
    void start() {
        server = DashboardServer.start(DashboardConfig.defaults(TOKEN), calls, DashboardHooks.none(), TEST_PAGE);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + TOKEN).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    private JsonNode json(String path) throws Exception {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        return JSON.readTree(r.body());
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A call with a start, two lines, three turns (one tagged twice), an exchange and two alerts. */
    private void oneCall() {
        calls.apply(started("c1"));
        calls.apply(line("c1", 0, "Good afternoon."));
        calls.apply(line("c1", 1, "Thank you."));
        calls.apply(enriched("c1", 0, 0, Status.PARTIAL, "What about"));
        calls.apply(enriched("c1", 0, 1, Status.FINAL, "What about the Model 3 ramp?", "model-3"));
        calls.apply(enriched("c1", 1, 0, Status.FINAL, "We may raise capital <b>later</b>.", "capital-raise", "model-3"));
        calls.apply(enriched("c1", 2, 0, Status.PARTIAL, "Next question"));
        calls.apply(QaExchange.newBuilder(exchange("c1", 0, 1, Status.FINAL)).setDeclined(true)
                .setDeclineEvidence(Span.newBuilder().setStart(0).setEnd(6).setText("We may").build()).build());
        calls.apply(Alert.newBuilder(alert("c1", "capital-raise", 1)).setCallOffsetMs(65_000).build());
        calls.apply(Alert.newBuilder(alert("c1", "model-3-first", 0)).setCallOffsetMs(2_000).build());
    }

    @Test
    void callsListShowsEachCallWithItsCountsNewestFirst() throws Exception {
        oneCall();
        calls.apply(started("c0"));
        JsonNode list = json("/api/calls");

        assertThat(list).hasSize(2);
        JsonNode c1 = list.get(1);
        assertThat(fields(c1)).containsExactly("callId", "company", "ticker", "fiscalPeriod", "title", "startedAt",
                "live", "lines", "turns", "alerts", "exchanges", "lastOffsetMs");
        assertThat(c1.get("callId").asText()).isEqualTo("c1");
        assertThat(c1.get("company").asText()).isEqualTo("Tesla, Inc.");
        assertThat(c1.get("ticker").asText()).isEqualTo("TSLA");
        assertThat(c1.get("fiscalPeriod").asText()).isEqualTo("2016-Q4");
        assertThat(c1.get("title").asText()).isEqualTo("Q4 2016 Earnings Call");
        assertThat(c1.get("startedAt").asText()).isEqualTo("2017-02-22T22:31:00Z");
        assertThat(c1.get("live").asBoolean()).isTrue();
        assertThat(c1.get("lines").asInt()).isEqualTo(2);
        assertThat(c1.get("turns").asInt()).isEqualTo(3);
        assertThat(c1.get("alerts").asInt()).isEqualTo(2);
        assertThat(c1.get("exchanges").asInt()).isEqualTo(1);
        assertThat(c1.get("lastOffsetMs").asLong()).isEqualTo(120_000);
        assertThat(json("/api/calls/c1")).isEqualTo(c1);
    }

    @Test
    void turnsAreTheLatestVersionsInOrderWithSpeakerAndTopicEvidence() throws Exception {
        oneCall();
        JsonNode turns = json("/api/calls/c1/turns");

        assertThat(turns).hasSize(3);
        JsonNode t0 = turns.get(0);
        assertThat(fields(t0)).containsExactly("turnIndex", "version", "status", "speaker", "section", "text",
                "startOffsetMs", "endOffsetMs", "topics", "forwardLooking", "exchangeId");
        assertThat(t0.get("turnIndex").asInt()).isZero();
        assertThat(t0.get("version").asInt()).isEqualTo(1);
        assertThat(t0.get("status").asText()).isEqualTo("FINAL");
        assertThat(t0.get("text").asText()).isEqualTo("What about the Model 3 ramp?");
        assertThat(fields(t0.get("speaker"))).containsExactly("label", "name", "affiliation", "role");
        assertThat(t0.get("speaker").get("role").asText()).isEqualTo("EXECUTIVE");
        assertThat(t0.get("speaker").get("affiliation").asText()).isEqualTo("Tesla, Inc.");
        assertThat(t0.get("section").asText()).isEqualTo("QUESTIONS_AND_ANSWERS");
        assertThat(t0.get("startOffsetMs").asLong()).isZero();
        assertThat(t0.get("endOffsetMs").asLong()).isEqualTo(1000);
        JsonNode topic = t0.get("topics").get(0);
        assertThat(fields(topic)).containsExactly("topicId", "label", "evidence");
        assertThat(topic.get("topicId").asText()).isEqualTo("model-3");
        assertThat(topic.get("evidence").get(0).get("text").asText()).isEqualTo("Wha");
        assertThat(topic.get("evidence").get(0).get("start").asInt()).isZero();
        assertThat(topic.get("evidence").get(0).get("end").asInt()).isEqualTo(3);
        assertThat(t0.get("forwardLooking").asBoolean()).isTrue();
        assertThat(t0.get("exchangeId").isNull()).isTrue();
        // Untrusted text comes as the JSON string it is; the page inserts it as text.
        assertThat(turns.get(1).get("text").asText()).isEqualTo("We may raise capital <b>later</b>.");
    }

    @Test
    void turnsCanBeLimitedToTheTurnsOverlappingACallTimeRange() throws Exception {
        oneCall();
        // Turn i spans [60 000 i, 60 000 i + 1000 version]: turn 0 [0, 1000], turn 1 [60 000, 60 000], turn 2 [120 000, 120 000].
        assertThat(json("/api/calls/c1/turns?fromMs=1001&toMs=120000")).extracting(t -> t.get("turnIndex").asInt())
                .containsExactly(1, 2);
        assertThat(json("/api/calls/c1/turns?toMs=59999")).extracting(t -> t.get("turnIndex").asInt())
                .containsExactly(0);
        assertThat(get("/api/calls/c1/turns?fromMs=soon").statusCode()).isEqualTo(400);
        assertThat(get("/api/calls/c1/turns?fromMs=10&toMs=5").statusCode()).isEqualTo(400);
    }

    @Test
    void exchangesShowAnalystAnswerersTopicsAndDecline() throws Exception {
        oneCall();
        JsonNode q = json("/api/calls/c1/exchanges").get(0);

        assertThat(fields(q)).containsExactly("exchangeId", "exchangeIndex", "version", "status", "analyst",
                "questionTurns", "answerTurns", "answeredBy", "topics", "declined", "declineText", "startOffsetMs",
                "endOffsetMs");
        assertThat(q.get("exchangeId").asText()).isEqualTo("c1/q0");
        assertThat(q.get("version").asInt()).isEqualTo(1);
        assertThat(q.get("analyst").get("name").asText()).isEqualTo("Ryan Brinkman");
        assertThat(q.get("analyst").get("affiliation").asText()).isEqualTo("JPMorgan");
        assertThat(q.get("analyst").get("role").asText()).isEqualTo("ANALYST");
        assertThat(q.get("questionTurns")).extracting(JsonNode::asInt).containsExactly(0);
        assertThat(q.get("answerTurns")).extracting(JsonNode::asInt).containsExactly(1);
        assertThat(q.get("answeredBy")).extracting(JsonNode::asText).containsExactly("Elon Musk");
        assertThat(q.get("topics")).extracting(JsonNode::asText).containsExactly("model-3", "capital-raise");
        assertThat(q.get("declined").asBoolean()).isTrue();
        assertThat(q.get("declineText").asText()).isEqualTo("We may");
    }

    @Test
    void alertsComeInCallTimeOrder() throws Exception {
        oneCall();
        JsonNode alerts = json("/api/calls/c1/alerts");

        assertThat(alerts).extracting(a -> a.get("ruleId").asText()).containsExactly("model-3-first", "capital-raise");
        JsonNode a = alerts.get(1);
        assertThat(fields(a)).contains("alertId", "ruleId", "severity", "title", "turnIndex", "turnStatus",
                "callOffsetMs", "knownAtSeq", "excerpt", "evidence", "topicIds", "speaker", "section");
        assertThat(a.get("alertId").asText()).isEqualTo("c1/capital-raise/1");
        assertThat(a.get("severity").asText()).isEqualTo("HIGH");
        assertThat(a.get("turnStatus").asText()).isEqualTo("PARTIAL");
        assertThat(a.get("callOffsetMs").asLong()).isEqualTo(65_000);
        assertThat(a.get("knownAtSeq").asLong()).isEqualTo(412);
        assertThat(a.get("excerpt").asText()).isEqualTo("We may  raise capital\nlater this year.");
        assertThat(a.get("evidence").get(0).get("text").asText()).isEqualTo("raise capital");
        assertThat(a.get("topicIds")).extracting(JsonNode::asText).containsExactly("capital-raise");
        assertThat(a.get("speaker").get("name").asText()).isEqualTo("Elon Musk");
        assertThat(a.get("section").asText()).isEqualTo("QUESTIONS_AND_ANSWERS");
    }

    @Test
    void timelineCountsTurnsPerMinuteForEachTopic() throws Exception {
        oneCall();
        JsonNode timeline = json("/api/calls/c1/timeline");

        assertThat(timeline.get("minutes").asInt()).isEqualTo(3);
        JsonNode topics = timeline.get("topics");
        assertThat(topics).extracting(t -> t.get("topicId").asText()).containsExactly("model-3", "capital-raise");
        assertThat(topics.get(0).get("label").asText()).isEqualTo("Label model-3");
        assertThat(topics.get(0).get("counts")).extracting(JsonNode::asInt).containsExactly(1, 1, 0);
        assertThat(topics.get(1).get("counts")).extracting(JsonNode::asInt).containsExactly(0, 1, 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/calls/nope", "/api/calls/nope/turns", "/api/calls/nope/exchanges",
            "/api/calls/nope/alerts", "/api/calls/nope/timeline", "/api/calls/nope/events", "/api/nothing",
            "/api/calls/c1/nothing"})
    void unknownCallsAndPathsAre404WithAJsonError(String path) throws Exception {
        oneCall();
        HttpResponse<String> r = get(path);

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(JSON.readTree(r.body()).get("error").asText()).isNotBlank();
    }

    @Test
    void callIdsAreDecodedPathSegments() throws Exception {
        calls.apply(started("tesla/2016 Q4+x"));
        assertThat(json("/api/calls/tesla%2F2016%20Q4+x").get("callId").asText()).isEqualTo("tesla/2016 Q4+x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/calls", "/api/calls/c1", "/api/calls/c1/turns", "/api/calls/c1/events",
            "/api/events", "/api/openapi.json", "/api/nothing", "/anything"})
    void everyRouteButTheOpenOnesNeedsTheToken(String path) throws Exception {
        oneCall();
        HttpResponse<String> none = send(HttpRequest.newBuilder(uri(path)).GET().build());
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(JSON.readTree(none.body()).get("error").asText()).contains("token");

        HttpResponse<String> wrongHeader = send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer not-" + TOKEN).GET().build());
        assertThat(wrongHeader.statusCode()).isEqualTo(401);
        assertThat(wrongHeader.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                v -> assertThat(v).contains("invalid_token"));

        HttpResponse<String> wrongQuery = send(HttpRequest.newBuilder(uri(path + "?token=" + TOKEN + "x")).GET().build());
        assertThat(wrongQuery.statusCode()).isEqualTo(401);
    }

    @Test
    void tokenInTheQueryIsAcceptedLikeTheHeader() throws Exception {
        oneCall();
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/api/calls/c1?token=" + TOKEN)).GET().build());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).get("callId").asText()).isEqualTo("c1");
    }

    @Test
    void aWrongHeaderIsNotRescuedByARightQueryToken() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/api/calls?token=" + TOKEN))
                .header("Authorization", "Bearer wrong").GET().build());
        assertThat(r.statusCode()).isEqualTo(401);
    }

    @Test
    void pageUrlCarriesTheTokenAndServesThePage() throws Exception {
        HttpResponse<String> page = send(HttpRequest.newBuilder(server.url()).GET().build());

        assertThat(server.url().toString()).isEqualTo("http://127.0.0.1:" + server.port() + "/?token=" + TOKEN);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                v -> assertThat(v).contains("script-src 'self'"));
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.body()).contains("A stand-in for the dashboard page");
    }

    @Test
    void assetsAreServedWithoutTheTokenWithTheirTypes() throws Exception {
        HttpResponse<String> js = send(HttpRequest.newBuilder(uri("/assets/app.js")).GET().build());
        HttpResponse<String> css = send(HttpRequest.newBuilder(uri("/assets/app.css")).GET().build());

        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(js.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(js.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(js.body()).contains("getElementById");
        assertThat(css.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
        assertThat(css.body()).contains("font-family");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/assets/missing.js", "/assets/..%2Fsecret.json", "/assets/%2E%2E%2Fsecret.json",
            "/assets/../secret.json", "/assets/.hidden.js", "/assets/test-static", "/assets/x/..%2F..%2Fsecret.json",
            "/assets/%2e%2e/%2e%2e/openapi.json", "/assets/..%5Csecret.json", "/assets/app.js%00.css"})
    void assetPathsCannotLeaveThePageFolder(String path) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + TOKEN)
                .GET().build());
        assertThat(r.statusCode()).as(path).isEqualTo(404);
        assertThat(r.body()).doesNotContain("which no asset route may reach")
                .doesNotContain("\"openapi\": \"3");
    }

    @Test
    void missingPageIs404() throws Exception {
        try (DashboardServer bare = DashboardServer.start(DashboardConfig.defaults(TOKEN), calls,
                DashboardHooks.none(), "/io/callstream/dashboard/no-such-folder/")) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(bare.url()).GET().build());
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(JSON.readTree(r.body()).get("error").asText()).contains("not in this build");
        }
    }

    @Test
    void onlyGetIsAllowed() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/api/calls")).header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void healthAndMetricsAreOpenAndComeFromTheHooks() throws Exception {
        Map<String, String> waiting = Map.of("feed", "catching up");
        try (DashboardServer hooked = DashboardServer.start(DashboardConfig.defaults(TOKEN), calls,
                DashboardHooks.none().withMetrics(() -> "# TYPE callstream_up gauge\ncallstream_up 1\n")
                        .withReady(() -> Health.down(waiting)), TEST_PAGE)) {
            String base = "http://127.0.0.1:" + hooked.port();
            HttpResponse<String> live = send(HttpRequest.newBuilder(URI.create(base + "/health/live")).GET().build());
            HttpResponse<String> ready = send(HttpRequest.newBuilder(URI.create(base + "/health/ready")).GET().build());
            HttpResponse<String> metrics = send(HttpRequest.newBuilder(URI.create(base + "/metrics")).GET().build());

            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(live.body()).get("status").asText()).isEqualTo("UP");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(ready.body()).get("status").asText()).isEqualTo("DOWN");
            assertThat(JSON.readTree(ready.body()).get("details").get("feed").asText()).isEqualTo("catching up");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
            assertThat(metrics.body()).contains("callstream_up 1");
        }
    }

    @Test
    void metricsAre404WithoutAHook() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/metrics")).GET().build());
        assertThat(r.statusCode()).isEqualTo(404);
    }

    @Test
    void pageWithoutTheTokenIsRefusedYetShowsItselfToSayWhereTheTokenIs() throws Exception {
        for (String path : List.of("/", "/?token=not-" + TOKEN)) {
            HttpResponse<String> refused = send(HttpRequest.newBuilder(uri(path)).GET().build());
            assertThat(refused.statusCode()).as(path).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        }
        HttpResponse<String> allowed = send(HttpRequest.newBuilder(uri("/?token=" + TOKEN)).GET().build());
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.body()).isEqualTo(send(HttpRequest.newBuilder(uri("/")).GET().build()).body());
    }

    @Test
    void openApiDescribesEveryRouteTheServerServes() throws Exception {
        JsonNode doc = json("/api/openapi.json");

        assertThat(doc.get("openapi").asText()).startsWith("3.0");
        assertThat(fields(doc.get("paths"))).containsExactlyInAnyOrderElementsOf(server.routes());
        for (String route : server.routes()) {
            JsonNode get = doc.get("paths").get(route).get("get");
            assertThat(get).as(route).isNotNull();
            // Open routes say they need no token; the others inherit the document's bearer requirement.
            boolean open = server.openRoutes().get(route);
            assertThat(get.has("security") && get.get("security").isEmpty()).as(route + " open").isEqualTo(open);
        }
    }

    @Test
    void openRoutesAreHealthMetricsAndThePagesFiles() {
        assertThat(server.openRoutes().entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey))
                .containsExactlyInAnyOrder("/assets/{file}", "/health/live", "/health/ready", "/metrics");
    }
}
