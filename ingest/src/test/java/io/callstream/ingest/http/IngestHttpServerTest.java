package io.callstream.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callstream.avro.CallEvent;
import io.callstream.avro.DeadLetter;
import io.callstream.avro.TranscriptLine;
import io.callstream.schemas.http.BearerAuth;
import io.callstream.schemas.limits.RecordLimits;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The endpoint's HTTP behaviour against Kafka's MockProducer, where sends can be made to fail on demand. The same
 * behaviour on a real broker is tested in deploy ({@code IngestHttpOnEmbeddedKafkaTest}).
 */
class IngestHttpServerTest {

    private static final String TOKEN = "s3cret-token";
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00.250Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private MockProducer<String, CallEvent> events = new MockProducer<>(true, null, new StringSerializer(),
            (topic, value) -> new byte[0]);
    private final MockProducer<String, DeadLetter> letters = new MockProducer<>(true, null, new StringSerializer(),
            (topic, value) -> new byte[0]);
    private IngestHttpServer server;

    private IngestHttpServer start(IngestHttpConfig config) {
        server = IngestHttpServer.start(config, new IngestProducer(events, "call-events", letters, "call-dlq"));
        return server;
    }

    private IngestHttpConfig config() {
        return IngestHttpConfig.defaults(BearerAuth.token(TOKEN)).withClock(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    static String line(String callId, int seq, int revision, String text) {
        return "{\"callId\":\"" + callId + "\",\"callOffsetMs\":" + (seq * 1000) + ",\"observedAt\":"
                + (1487802665000L + seq) + ",\"payload\":{\"TranscriptLine\":{\"lineId\":\"" + callId + "-L" + seq
                + "\",\"seq\":" + seq + ",\"revision\":" + revision + ",\"text\":\"" + text + "\"}}}";
    }

    @Test
    void answersHealthAndUnknownPathsWithJson() throws Exception {
        start(config());
        HttpResponse<String> health = get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health).get("status").asText()).isEqualTo("UP");
        assertThat(health.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");

        assertThat(get("/nowhere").statusCode()).isEqualTo(404);
        HttpResponse<String> wrongMethod = get("/v1/events");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void refusesRequestsWithoutTheRightTokenBeforeReadingThem() throws Exception {
        start(config());
        HttpResponse<String> none = http.send(request("application/json", null).POST(
                HttpRequest.BodyPublishers.ofString(line("c1", 0, 0, "Hi."))).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> wrong = post("application/json", line("c1", 0, 0, "Hi."), "s3cret-tokeN");
        HttpResponse<String> otherScheme = http.send(request("application/json", null)
                .header("Authorization", "Basic " + TOKEN).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"callstream\"");
        assertThat(json(none).get("error").asText()).contains("Authorization: Bearer <token>");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate"))
                .hasValue("Bearer realm=\"callstream\", error=\"invalid_token\"");
        assertThat(otherScheme.statusCode()).isEqualTo(401);
        assertThat(events.history()).isEmpty();
        assertThat(letters.history()).as("unauthenticated input never reaches the dead-letter topic").isEmpty();
        assertThat(server.metrics().unauthorized()).isEqualTo(3);
    }

    @Test
    void takesEveryRequestWhenAuthIsDisabled() throws Exception {
        start(IngestHttpConfig.defaults(BearerAuth.disabled()));
        HttpResponse<String> answer = http.send(request("application/json", null).POST(
                HttpRequest.BodyPublishers.ofString(line("c1", 0, 0, "Hi."))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
    }

    @Test
    void producesOneEventKeyedByCallIdAtItsObservedAt() throws Exception {
        start(config());
        HttpResponse<String> answer = post("application/json; charset=UTF-8", line("c1", 3, 0, "Hi."), TOKEN);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(json(answer).get("accepted").asInt()).isEqualTo(1);
        assertThat(json(answer).get("duplicates").asInt()).isZero();
        assertThat(events.history()).singleElement().satisfies(record -> {
            assertThat(record.topic()).isEqualTo("call-events");
            assertThat(record.key()).isEqualTo("c1");
            assertThat(record.timestamp()).isEqualTo(1487802665003L);
            assertThat(((TranscriptLine) record.value().getPayload()).getText()).isEqualTo("Hi.");
        });
    }

    @Test
    void stampsAnEventWithoutObservedAtWithTheTimeItArrived() throws Exception {
        start(config());
        String pretty = "{\n  \"callId\": \"c1\",\n  \"callOffsetMs\": 0,\n"
                + "  \"payload\": {\"CallEnded\": {\"lineCount\": 0}}\n}\n";
        assertThat(post("application/json", pretty, TOKEN).statusCode()).isEqualTo(200);
        assertThat(events.history()).singleElement().satisfies(record -> {
            assertThat(record.value().getObservedAt()).isEqualTo(NOW);
            assertThat(record.timestamp()).isEqualTo(NOW.toEpochMilli());
        });
    }

    @Test
    void keepsTheGoodLinesOfABatchAndDeadLettersEachBadOne() throws Exception {
        start(config());
        String batch = line("c1", 0, 0, "One.") + "\n"
                + "{\"callId\":\"c1\",\"callOffsetMs\":\"soon\"}\n"
                + "\n"
                + line("c1", 1, 0, "Two.") + "\n"
                + "not json\n";

        HttpResponse<String> answer = post("application/x-ndjson", batch, TOKEN);

        assertThat(answer.statusCode()).isEqualTo(400);
        JsonNode body = json(answer);
        assertThat(body.get("accepted").asInt()).isEqualTo(2);
        assertThat(body.get("refused").asInt()).isEqualTo(2);
        assertThat(body.get("error").asText()).contains("the other 2 event(s) were accepted and kept");
        assertThat(body.get("errors")).hasSize(2);
        assertThat(body.get("errors").get(0).get("line").asInt()).isEqualTo(2);
        assertThat(body.get("errors").get(0).get("reason").asText()).startsWith("callOffsetMs: expected a whole"
                + " number (long), got the string \"soon\"");
        assertThat(body.get("errors").get(1).get("line").asInt()).isEqualTo(5);
        assertThat(body.get("errors").get(1).get("reason").asText()).startsWith("not valid JSON");

        assertThat(events.history()).extracting(r -> ((TranscriptLine) r.value().getPayload()).getText())
                .containsExactly("One.", "Two.");
        assertThat(letters.history()).hasSize(2);
        DeadLetter first = letters.history().get(0).value();
        assertThat(letters.history().get(0).key()).isEqualTo("c1");
        assertThat(first.getCallId()).isEqualTo("c1");
        assertThat(first.getStage()).isEqualTo("ingest");
        assertThat(first.getReason()).startsWith("callOffsetMs: expected a whole number");
        assertThat(first.getSource()).isEqualTo("http 127.0.0.1 line 2");
        assertThat(StandardCharsets.UTF_8.decode(first.getPayload()).toString())
                .isEqualTo("{\"callId\":\"c1\",\"callOffsetMs\":\"soon\"}");
        assertThat(first.getObservedAt()).isEqualTo(NOW);
        assertThat(letters.history().get(1).value().getCallId()).isNull();
    }

    @Test
    void answers422ToALineOverTheTextLimitAndProducesNothingForIt() throws Exception {
        start(config());
        String huge = line("c1", 0, 0, "x".repeat(900_000));

        HttpResponse<String> answer = post("application/json", huge, TOKEN);

        assertThat(answer.statusCode()).isEqualTo(422);
        JsonNode body = json(answer);
        assertThat(body.get("accepted").asInt()).isZero();
        assertThat(body.at("/errors/0/line").asInt()).isEqualTo(1);
        assertThat(body.at("/errors/0/reason").asText()).isEqualTo("text is 900000 bytes of UTF-8, over the limit"
                + " of " + RecordLimits.MAX_LINE_TEXT_BYTES + ": split it into lines (sentences)");
        assertThat(body.get("error").asText()).contains("split a line over the limit into sentences");
        assertThat(events.history()).isEmpty();
        assertThat(letters.history()).singleElement().satisfies(letter -> {
            assertThat(letter.key()).isEqualTo("c1");
            assertThat(letter.value().getReason()).startsWith("text is 900000 bytes");
            assertThat(letter.value().getPayload().remaining()).isEqualTo(RecordLimits.MAX_DEAD_LETTER_PAYLOAD_BYTES);
        });
    }

    @Test
    void refusesALineWithANulAndKeepsTheOtherLinesOfTheBatchMarkupIncluded() throws Exception {
        start(config());
        String batch = line("c1", 0, 0, "One.") + "\n"
                + line("c1", 1, 0, "Two\\u0000 halves.") + "\n"
                + line("c1", 2, 0, "<script>alert('three')</script>") + "\n";

        HttpResponse<String> answer = post("application/x-ndjson", batch, TOKEN);

        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(json(answer).get("accepted").asInt()).isEqualTo(2);
        assertThat(json(answer).at("/errors/0/line").asInt()).isEqualTo(2);
        assertThat(json(answer).at("/errors/0/reason").asText()).startsWith("text holds the control character U+0000"
                + " at position 3");
        assertThat(events.history()).extracting(r -> ((TranscriptLine) r.value().getPayload()).getText())
                .containsExactly("One.", "<script>alert('three')</script>");
        assertThat(letters.history()).singleElement().satisfies(letter -> {
            assertThat(letter.value().getSource()).isEqualTo("http 127.0.0.1 line 2");
            assertThat(StandardCharsets.UTF_8.decode(letter.value().getPayload()).toString())
                    .isEqualTo(line("c1", 1, 0, "Two\\u0000 halves."));
        });
    }

    @Test
    void answers400WhenARefusedLineIsMalformedEvenBesideOneRefusedForItsText() throws Exception {
        start(config());
        String batch = line("c1", 0, 0, "Bell\\u0007.") + "\nnot json\n";

        HttpResponse<String> answer = post("application/x-ndjson", batch, TOKEN);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(json(answer).get("refused").asInt()).isEqualTo(2);
        assertThat(letters.history()).hasSize(2);
    }

    @Test
    void theProducerSendsNoEventThatBreaksTheTextRule() {
        IngestProducer producer = new IngestProducer(events, "call-events", letters, "call-dlq");
        CallEvent event = CallEvent.newBuilder().setCallId("c1").setCallOffsetMs(0).setObservedAt(NOW)
                .setPayload(TranscriptLine.newBuilder().setLineId("c1-L0").setSeq(0).setText("a\0b").build()).build();

        CompletableFuture<Void> ack = producer.send(event);

        assertThat(ack).failsWithin(Duration.ZERO).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause().isInstanceOf(RefusedTextException.class).withMessageContaining("U+0000");
        assertThat(events.history()).isEmpty();
    }

    @Test
    void skipsEventsItAlreadyProducedWhenABatchIsResent() throws Exception {
        start(config());
        String batch = line("c1", 0, 0, "One.") + "\n" + line("c1", 1, 0, "Two.") + "\n";
        assertThat(post("application/x-ndjson", batch, TOKEN).statusCode()).isEqualTo(200);

        HttpResponse<String> again = post("application/x-ndjson", batch + line("c1", 1, 1, "Two, revised.")
                + "\n", TOKEN);

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("accepted").asInt()).isEqualTo(3);
        assertThat(json(again).get("duplicates").asInt()).isEqualTo(2);
        assertThat(events.history()).extracting(r -> ((TranscriptLine) r.value().getPayload()).getText())
                .containsExactly("One.", "Two.", "Two, revised.");
        assertThat(server.metrics().duplicatesSkipped()).isEqualTo(2);
    }

    @Test
    void recognisesAResentCallStartedAndTakesAChangedOneAsNew() throws Exception {
        start(config());
        String started = "{\"callId\":\"c1\",\"callOffsetMs\":0,\"payload\":{\"CallStarted\":{\"company\":"
                + "\"Tesla, Inc.\",\"ticker\":\"TSLA\",\"scheduledStart\":\"2017-02-22T22:30:00Z\",\"source\":\"feed\"}}}";
        assertThat(post("application/json", started, TOKEN).statusCode()).isEqualTo(200);
        HttpResponse<String> resent = post("application/json", started, TOKEN);
        HttpResponse<String> corrected = post("application/json", started.replace("TSLA", "TSLA.O"), TOKEN);

        assertThat(json(resent).get("duplicates").asInt()).isEqualTo(1);
        assertThat(json(corrected).get("duplicates").asInt()).isZero();
        assertThat(events.history()).hasSize(2);
    }

    @Test
    void refusesALineResentWithOtherContentUnderTheSameRevision() throws Exception {
        start(config());
        assertThat(post("application/json", line("c1", 0, 0, "One."), TOKEN).statusCode()).isEqualTo(200);

        HttpResponse<String> changed = post("application/json", line("c1", 0, 0, "Won."), TOKEN);

        assertThat(changed.statusCode()).isEqualTo(400);
        assertThat(json(changed).at("/errors/0/reason").asText()).isEqualTo("line c1-L0 revision 0 of call c1 was"
                + " already accepted with other content; to change a line, send it with a higher revision.");
        assertThat(events.history()).hasSize(1);
        assertThat(letters.history()).hasSize(1);
    }

    @Test
    void refusesOtherContentTypesAndEmptyBodies() throws Exception {
        start(config());
        assertThat(post("text/plain", line("c1", 0, 0, "One."), TOKEN).statusCode()).isEqualTo(415);
        assertThat(post("application/json; charset=ISO-8859-1", line("c1", 0, 0, "One."), TOKEN).statusCode())
                .isEqualTo(415);
        HttpResponse<String> empty = post("application/x-ndjson", "\n\n", TOKEN);
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(json(empty).get("error").asText()).startsWith("The request holds no event");
    }

    @Test
    void refusesABodyOverTheLimitFromItsDeclaredLengthWithoutReadingIt() throws Exception {
        start(config().withMaxRequestBytes(1024));
        // Only the headers are sent: were the server waiting for the body, this would hang until the timeout.
        String answer = raw("POST /v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TOKEN
                + "\r\nContent-Type: application/x-ndjson\r\nContent-Length: 100000000\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 413").contains("larger than the limit of 1024 bytes");
        assertThat(server.metrics().tooLarge()).isEqualTo(1);
    }

    @Test
    void aClientStillSendingAnOversizedBodyReadsTheWhole413() throws Exception {
        start(config().withMaxRequestBytes(1024));
        // Were the connection closed with the body unread, the client would be reset while sending and lose the
        // answer; a few rounds make that race certain to show.
        String oversized = "x".repeat(2 * 1024 * 1024);
        for (int round = 0; round < 10; round++) {
            HttpResponse<String> answer = post("application/x-ndjson", oversized, TOKEN);
            assertThat(answer.statusCode()).isEqualTo(413);
            assertThat(json(answer).get("error").asText()).contains("larger than the limit of 1024 bytes");
        }
        assertThat(server.metrics().tooLarge()).isEqualTo(10);
        assertThat(events.history()).isEmpty();
    }

    @Test
    void aClientSendingALargeBatchWithAWrongTokenReadsThe401() throws Exception {
        start(config());
        // The token is checked before a byte of the body is read: the body is left to drop after the answer.
        String batch = "x".repeat(900 * 1024);
        for (int round = 0; round < 10; round++) {
            HttpResponse<String> answer = post("application/x-ndjson", batch, "not-the-token");
            assertThat(answer.statusCode()).isEqualTo(401);
            assertThat(json(answer).get("error").asText()).contains("bearer token is not valid");
        }
        assertThat(events.history()).isEmpty();
    }

    @Test
    void refusesAChunkedBodyAsSoonAsItPassesTheLimit() throws Exception {
        start(config().withMaxRequestBytes(1024));
        // 2 KiB in one chunk, and the request left open: the answer must come without the end of the body.
        String chunk = "x".repeat(2048);
        String answer = raw("POST /v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TOKEN
                + "\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n");
        assertThat(answer).startsWith("HTTP/1.1 413").contains("more than that sent");
        assertThat(events.history()).isEmpty();
    }

    @Test
    void takesABodyExactlyAtTheLimit() throws Exception {
        String event = line("c1", 0, 0, "One.");
        start(config().withMaxRequestBytes(event.length()));
        assertThat(post("application/json", event, TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void answers503WithTheUnacknowledgedLinesWhenKafkaFailsAndAResendThenSucceeds() throws Exception {
        events = new MockProducer<>(false, null, new StringSerializer(), (topic, value) -> new byte[0]);
        start(config());
        String batch = line("c1", 0, 0, "One.") + "\n" + line("c1", 1, 0, "Two.") + "\n";

        CompletableFuture<HttpResponse<String>> pending = http.sendAsync(request("application/x-ndjson", TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(batch)).build(), HttpResponse.BodyHandlers.ofString());
        awaitSends(2);
        events.completeNext();
        events.errorNext(new TimeoutException("Expiring 1 record(s)"));
        HttpResponse<String> answer = pending.get();

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(json(answer).get("accepted").asInt()).isEqualTo(1);
        assertThat(json(answer).at("/unacknowledged/0/line").asInt()).isEqualTo(2);
        assertThat(json(answer).at("/unacknowledged/0/reason").asText()).contains("Expiring 1 record(s)");
        assertThat(get("/health").statusCode()).isEqualTo(503);

        // The resend produces only the line Kafka did not take.
        pending = http.sendAsync(request("application/x-ndjson", TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(batch)).build(), HttpResponse.BodyHandlers.ofString());
        awaitSends(3);
        events.completeNext();
        HttpResponse<String> resent = pending.get();
        assertThat(resent.statusCode()).isEqualTo(200);
        assertThat(json(resent).get("duplicates").asInt()).isEqualTo(1);
        assertThat(events.history()).extracting(r -> ((TranscriptLine) r.value().getPayload()).getText())
                .containsExactly("One.", "Two.", "Two.");
        assertThat(get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void refusesAndDeadLettersAnEventKafkaRefusesForWhatItIs() throws Exception {
        events = new MockProducer<>(false, null, new StringSerializer(), (topic, value) -> new byte[0]);
        start(config());
        CompletableFuture<HttpResponse<String>> pending = http.sendAsync(request("application/json", TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(line("c1", 0, 0, "One."))).build(),
                HttpResponse.BodyHandlers.ofString());
        awaitSends(1);
        events.errorNext(new InvalidTimestampException("Timestamp is out of range"));
        HttpResponse<String> answer = pending.get();

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(json(answer).at("/errors/0/reason").asText())
                .isEqualTo("Kafka refused the event: Timestamp is out of range");
        assertThat(letters.history()).singleElement().satisfies(letter -> assertThat(letter.value().getErrorClass())
                .isEqualTo(InvalidTimestampException.class.getName()));
    }

    @Test
    void closingLetsARequestInFlightHearFromKafkaFirst() throws Exception {
        events = new MockProducer<>(false, null, new StringSerializer(), (topic, value) -> new byte[0]);
        IngestHttpServer closing = start(config());
        CompletableFuture<HttpResponse<String>> pending = http.sendAsync(request("application/json", TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(line("c1", 0, 0, "One."))).build(),
                HttpResponse.BodyHandlers.ofString());
        awaitSends(1);

        CompletableFuture<Void> closed = CompletableFuture.runAsync(closing::close);
        assertThat(closed).as("close waits for the request in flight").isNotDone();
        events.completeNext();

        assertThat(pending.get().statusCode()).isEqualTo(200);
        closed.get();
        server = null;
    }

    private void awaitSends(int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (events.history().size() < count) {
            assertThat(System.nanoTime()).as("the server sent " + count + " record(s) in time").isLessThan(deadline);
            LockSupport.parkNanos(1_000_000);
        }
    }

    private HttpRequest.Builder request(String contentType, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(server.eventsUri()).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType);
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> post(String contentType, String body, String token) throws Exception {
        return http.send(request(contentType, token).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUri() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Sends bytes as they are and reads the answer (status line, headers, and the body by its Content-Length),
     * for requests HttpClient will not make. The request may be left unfinished on purpose.
     */
    private String raw(String request) throws Exception {
        try (Socket socket = new Socket(server.baseUri().getHost(), server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            StringBuilder head = new StringBuilder();
            while (head.indexOf("\r\n\r\n") < 0) {
                head.append((char) in.readUnsignedByte());
            }
            Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
            assertThat(length.find()).as("a Content-Length in " + head).isTrue();
            byte[] body = new byte[Integer.parseInt(length.group(1))];
            in.readFully(body);
            return head + new String(body, StandardCharsets.UTF_8);
        }
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }
}
