package io.callstream.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callstream.avro.CallEvent;
import io.callstream.avro.DeadLetter;
import io.callstream.schemas.http.BearerAuth;
import io.callstream.schemas.http.HttpServerLimits;
import io.callstream.schemas.http.SlowClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The endpoint under a slow-client attack: 20 connections that send a byte a second, as issue 13 reported. */
@Tag("integration")
class IngestHttpSlowClientTest {

    private static final String TOKEN = "s3cret-token";
    private static final Duration ONE_BYTE_A_SECOND = Duration.ofSeconds(1);
    private static final Duration PROMPTLY = Duration.ofSeconds(2);
    private static final String EVENT = "{\"callId\":\"c1\",\"callOffsetMs\":0,\"observedAt\":1487802665000,"
            + "\"payload\":{\"TranscriptLine\":{\"lineId\":\"c1-L0\",\"seq\":0,\"text\":\"Hi.\"}}}";

    /** Kafka that never acknowledges unless told to: requests then hold their worker, as with a slow broker. */
    private final MockProducer<String, CallEvent> events = new MockProducer<>(false, null, new StringSerializer(),
            (t, v) -> new byte[0]);
    private IngestHttpServer server;

    private IngestHttpServer start(IngestHttpConfig config) {
        server = IngestHttpServer.start(config, new IngestProducer(events, "call-events",
                new MockProducer<String, DeadLetter>(true, null, new StringSerializer(), (t, v) -> new byte[0]),
                "call-dlq"));
        return server;
    }

    private static IngestHttpConfig config() {
        return IngestHttpConfig.defaults(BearerAuth.token(TOKEN));
    }

    private static String slowPost(boolean withToken) {
        return "POST /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-ndjson\r\n"
                + (withToken ? "Authorization: Bearer " + TOKEN + "\r\n" : "") + "Content-Length: 1000\r\n\r\n";
    }

    private URI health() {
        return server.baseUri().resolve("/health");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void answersHealthWhileTwentyClientsTrickleTheirHeaders() {
        start(config());
        try (SlowClients slow = SlowClients.trickle(server.port(), 20,
                SlowClients.unfinishedHeaders("POST", "/v1/events"), ONE_BYTE_A_SECOND)) {
            assertThat(SlowClients.statusWithin(health(), PROMPTLY, null)).isEqualTo(200);
            assertThat(slow.closedByServer()).as("slow clients are not refused, only timed").isZero();
        }
    }

    @Test
    void answersHealthWhileTwentyClientsTrickleTheirBatches() {
        start(config());
        try (SlowClients authorized = SlowClients.trickleBody(server.port(), 10, slowPost(true), "x".repeat(1000),
                ONE_BYTE_A_SECOND);
             SlowClients anonymous = SlowClients.trickleBody(server.port(), 10, slowPost(false), "x".repeat(1000),
                     ONE_BYTE_A_SECOND)) {
            assertThat(SlowClients.statusWithin(health(), PROMPTLY, null)).isEqualTo(200);
            assertThat(authorized.closedByServer() + anonymous.closedByServer()).isZero();
        }
    }

    @Test
    void closesConnectionsThatSendTheirRequestTooSlowly() {
        start(config().withLimits(HttpServerLimits.defaults().withRequestTimeout(Duration.ofSeconds(2))));
        try (SlowClients headers = SlowClients.trickle(server.port(), 10,
                SlowClients.unfinishedHeaders("POST", "/v1/events"), ONE_BYTE_A_SECOND);
             SlowClients bodies = SlowClients.trickleBody(server.port(), 10, slowPost(true), "x".repeat(1000),
                     ONE_BYTE_A_SECOND)) {
            // The timeout plus the clients' one-second poll, with room for a busy machine.
            await().atMost(Duration.ofSeconds(8)).untilAsserted(() -> {
                assertThat(headers.closedByServer()).isEqualTo(headers.count());
                assertThat(bodies.closedByServer()).isEqualTo(bodies.count());
            });
            assertThat(SlowClients.statusWithin(health(), PROMPTLY, null)).isEqualTo(200);
        }
    }

    @Test
    void answers503WhenEveryWorkerWaitsForKafkaAndTheQueueIsFull() throws Exception {
        start(config().withLimits(HttpServerLimits.defaults().withWorkers(1).withQueue(0)));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest post = HttpRequest.newBuilder(server.eventsUri()).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(EVENT)).build();
        CompletableFuture<HttpResponse<String>> waiting = http.sendAsync(post, HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(5)).until(() -> events.history().size() == 1);

        HttpResponse<String> refused = http.send(post, HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(SlowClients.statusWithin(health(), PROMPTLY, null)).as("health takes no worker").isEqualTo(200);
        assertThat(server.metrics().busy()).isEqualTo(1);

        events.completeNext();
        assertThat(waiting.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }
}
