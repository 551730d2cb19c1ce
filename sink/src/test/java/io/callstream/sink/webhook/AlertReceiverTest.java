package io.callstream.sink.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AlertReceiverTest {

    private static final String SECRET = "shared-secret";
    private static final Instant NOW = Instant.parse("2026-12-05T17:00:00Z");

    private final List<AlertReceiver.Received> acted = new ArrayList<>();
    private final List<String> logged = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private AlertReceiver receiver;

    @BeforeEach
    void start() {
        receiver = AlertReceiver.start("127.0.0.1", 0, "/alerts", SECRET, Duration.ofMinutes(5),
                InstantSource.fixed(NOW), acted::add, logged::add);
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void actsOnEachKeyOnceAndAnswersARedeliveryWithoutActingAgain() throws Exception {
        byte[] body = "{\"alertId\":\"call/rule/3\",\"severity\":\"HIGH\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(post(body, NOW.getEpochSecond(), sign(SECRET, NOW.getEpochSecond(), body), "call/rule/3").statusCode())
                .isEqualTo(200);
        assertThat(post(body, NOW.getEpochSecond(), sign(SECRET, NOW.getEpochSecond(), body), "call/rule/3").statusCode())
                .isEqualTo(200);

        assertThat(acted).hasSize(1);
        assertThat(acted.get(0).idempotencyKey()).isEqualTo("call/rule/3");
        assertThat(acted.get(0).alert().path("severity").asText()).isEqualTo("HIGH");
        assertThat(receiver.counts()).containsEntry(AlertReceiver.Outcome.ACCEPTED, 1L)
                .containsEntry(AlertReceiver.Outcome.DUPLICATE, 1L);
        assertThat(logged).anyMatch(line -> line.contains("already had call/rule/3"));
    }

    @Test
    void refusesABodyThatIsNotTheOneSignedOrASecretThatIsNotShared() throws Exception {
        byte[] body = "{\"alertId\":\"a\"}".getBytes(StandardCharsets.UTF_8);
        String signature = sign(SECRET, NOW.getEpochSecond(), body);
        byte[] tampered = "{\"alertId\":\"b\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(post(tampered, NOW.getEpochSecond(), signature, "a").statusCode()).isEqualTo(401);
        assertThat(post(body, NOW.getEpochSecond(), sign("another-secret", NOW.getEpochSecond(), body), "a")
                .statusCode()).isEqualTo(401);
        assertThat(post(body, NOW.getEpochSecond(), null, "a").statusCode()).isEqualTo(401);

        assertThat(acted).isEmpty();
        assertThat(receiver.counts()).containsEntry(AlertReceiver.Outcome.BAD_SIGNATURE, 3L);
    }

    @Test
    void refusesARequestSignedOutsideTheToleranceSoACapturedOneCannotBeReplayed() throws Exception {
        byte[] body = "{\"alertId\":\"a\"}".getBytes(StandardCharsets.UTF_8);
        long anHourAgo = NOW.minus(Duration.ofHours(1)).getEpochSecond();

        HttpResponse<String> answer = post(body, anHourAgo, sign(SECRET, anHourAgo, body), "a");

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.body()).contains("outside 300 s");
        assertThat(acted).isEmpty();
    }

    @Test
    void aSignedRequestReplayedUnderAnotherKeyIsNeitherANewAlertNorActedOnAgain() throws Exception {
        byte[] body = "{\"alertId\":\"call/rule/3\"}".getBytes(StandardCharsets.UTF_8);
        long now = NOW.getEpochSecond();
        String signature = sign(SECRET, now, body);

        assertThat(post(body, now, signature, "call/rule/3").statusCode()).isEqualTo(200);
        // The header is not signed: a replay under a fresh key must not pass for a new alert.
        assertThat(post(body, now, signature, "fresh-key").statusCode()).isEqualTo(400);

        assertThat(acted).hasSize(1);
        assertThat(receiver.counts()).containsEntry(AlertReceiver.Outcome.KEY_MISMATCH, 1L);
    }

    @Test
    void anActionThatFailsIsAnswered500SoTheSenderRetriesAndTheRetryActs() throws Exception {
        receiver.close();
        List<String> done = new ArrayList<>();
        int[] calls = {0};
        receiver = AlertReceiver.start("127.0.0.1", 0, "/alerts", SECRET, Duration.ofMinutes(5),
                InstantSource.fixed(NOW), received -> {
                    if (calls[0]++ == 0) {
                        throw new IllegalStateException("the pager is down");
                    }
                    done.add(received.idempotencyKey());
                }, logged::add);
        byte[] body = "{\"alertId\":\"k\"}".getBytes(StandardCharsets.UTF_8);
        long now = NOW.getEpochSecond();

        assertThat(post(body, now, sign(SECRET, now, body), "k").statusCode()).isEqualTo(500);
        assertThat(post(body, now, sign(SECRET, now, body), "k").statusCode()).isEqualTo(200);

        assertThat(done).containsExactly("k");
    }

    @Test
    void wantsAnIdempotencyKeyAndAJsonObject() throws Exception {
        byte[] body = "{\"alertId\":\"a\"}".getBytes(StandardCharsets.UTF_8);
        byte[] notJson = "alert!".getBytes(StandardCharsets.UTF_8);
        long now = NOW.getEpochSecond();

        assertThat(post(body, now, sign(SECRET, now, body), null).statusCode()).isEqualTo(400);
        assertThat(post(notJson, now, sign(SECRET, now, notJson), "k").statusCode()).isEqualTo(400);
        assertThat(http.send(HttpRequest.newBuilder(receiver.url()).GET().build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(405);

        assertThat(acted).isEmpty();
        assertThat(receiver.counts()).containsAllEntriesOf(Map.of(AlertReceiver.Outcome.NO_KEY, 1L,
                AlertReceiver.Outcome.NOT_JSON, 1L));
    }

    @Test
    void closesAtOnceWhenNoRequestIsInHand() {
        long started = System.nanoTime();
        receiver.close();

        // HttpServer.stop(delay) waits the whole delay on Java 17 even when idle: the close must not.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(AlertReceiver.CLOSE_WAIT.dividedBy(2));
    }

    @Test
    void anAlertInHandWhenTheReceiverClosesIsStillAnsweredWhileNewOnesAreRefused503() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AlertReceiver slow = AlertReceiver.start("127.0.0.1", 0, "/alerts", SECRET, Duration.ofMinutes(5),
                Duration.ofSeconds(30), InstantSource.fixed(NOW), received -> {
                    if (received.idempotencyKey().equals("in-hand")) {
                        entered.countDown();
                        awaitQuietly(release);
                    }
                }, logged::add);
        try {
            CompletableFuture<HttpResponse<String>> inHand = http.sendAsync(signed(slow, "in-hand"),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(entered.await(10, TimeUnit.SECONDS)).as("the first alert reached its action").isTrue();
            CompletableFuture<Void> closed = CompletableFuture.runAsync(slow::close);

            // Only once the close has begun: before, a new alert would wait behind the one in hand.
            await().atMost(Duration.ofSeconds(10)).until(slow::closing);
            HttpResponse<String> late = http.send(signed(slow, "late"), HttpResponse.BodyHandlers.ofString());
            assertThat(late.statusCode()).isEqualTo(503);
            assertThat(late.body()).contains("send the alert again");
            assertThat(closed).as("the close waits for the alert in hand").isNotDone();

            release.countDown();
            assertThat(inHand.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            closed.get(10, TimeUnit.SECONDS);
            assertThat(slow.counts().get(AlertReceiver.Outcome.ACCEPTED)).isOne();
        } finally {
            release.countDown();
            slow.close();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static HttpRequest signed(AlertReceiver to, String alertId) {
        byte[] body = ("{\"alertId\":\"" + alertId + "\"}").getBytes(StandardCharsets.UTF_8);
        return HttpRequest.newBuilder(to.url())
                .header("Content-Type", "application/json")
                .header(WebhookSigner.TIMESTAMP_HEADER, Long.toString(NOW.getEpochSecond()))
                .header(WebhookSigner.SIGNATURE_HEADER, sign(SECRET, NOW.getEpochSecond(), body))
                .header(WebhookSigner.IDEMPOTENCY_KEY_HEADER, alertId)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    private static String sign(String secret, long epochSeconds, byte[] body) {
        return new WebhookSigner(secret).sign(epochSeconds, body);
    }

    private HttpResponse<String> post(byte[] body, long timestamp, String signature, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(receiver.url().toString()))
                .header("Content-Type", "application/json")
                .header(WebhookSigner.TIMESTAMP_HEADER, Long.toString(timestamp))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header(WebhookSigner.SIGNATURE_HEADER, signature);
        }
        if (key != null) {
            request.header(WebhookSigner.IDEMPOTENCY_KEY_HEADER, key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
