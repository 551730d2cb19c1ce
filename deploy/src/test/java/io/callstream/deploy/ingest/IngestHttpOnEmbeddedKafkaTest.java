package io.callstream.deploy.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callstream.avro.CallEvent;
import io.callstream.avro.DeadLetter;
import io.callstream.avro.TranscriptLine;
import io.callstream.deploy.stack.EmbeddedStack;
import io.callstream.ingest.events.EventIdentity;
import io.callstream.ingest.http.IngestHttpConfig;
import io.callstream.ingest.http.IngestHttpServer;
import io.callstream.ingest.http.IngestProducer;
import io.callstream.schemas.http.BearerAuth;
import io.callstream.schemas.limits.RecordLimits;
import io.callstream.schemas.registry.RegistryClientConfig;
import io.callstream.schemas.registry.SchemaRegistryClient;
import io.callstream.schemas.topics.CallTopics;
import io.callstream.schemas.topics.TopicCreator;
import io.callstream.schemas.topics.TopicNames;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/events} against the real embedded broker and registry: what a client is told, and what lands
 * on call-events and call-dlq. Each test uses calls of its own, so they share one stack.
 */
@Tag("integration")
class IngestHttpOnEmbeddedKafkaTest {

    private static final String TOKEN = "tok-" + Long.toHexString(System.nanoTime());
    private static final ObjectMapper JSON = new ObjectMapper();

    private static EmbeddedStack stack;
    private static CallTopics topics;
    private static IngestProducer producer;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final List<IngestHttpServer> servers = new ArrayList<>();

    @BeforeAll
    static void startStack() {
        stack = EmbeddedStack.start();
        TopicNames names = TopicNames.defaults();
        TopicCreator.ensure(stack.bootstrapServers(), names, 3, (short) 1);
        topics = new CallTopics(names, new SchemaRegistryClient(RegistryClientConfig.of(stack.schemaRegistryUrl())));
        producer = IngestProducer.create(Map.of("bootstrap.servers", stack.bootstrapServers()), topics.callEvents(), topics.deadLetters());
    }

    @AfterAll
    static void stopStack() {
        if (producer != null) {
            producer.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @AfterEach
    void stopServers() {
        servers.forEach(IngestHttpServer::close);
    }

    private IngestHttpServer server(IngestHttpConfig config) {
        IngestHttpServer server = IngestHttpServer.start(config, producer);
        servers.add(server);
        return server;
    }

    private IngestHttpServer server() {
        return server(IngestHttpConfig.defaults(BearerAuth.token(TOKEN)));
    }

    static String line(String callId, int seq, int revision, String text) {
        return "{\"callId\":\"" + callId + "\",\"callOffsetMs\":" + (seq * 1000L) + ",\"observedAt\":\""
                + Instant.parse("2017-02-22T22:30:00Z").plusMillis(seq * 1000L) + "\",\"payload\":{\"TranscriptLine\":{"
                + "\"lineId\":\"" + callId + "-L" + seq + "\",\"seq\":" + seq + ",\"revision\":" + revision
                + ",\"status\":\"FINAL\",\"speakerLabel\":\"Speaker 1\",\"text\":\"" + text + "\"}}}";
    }

    @Test
    void refusesRequestsWithoutTheRightTokenAndProducesNothing() throws Exception {
        IngestHttpServer server = server();
        HttpResponse<String> none = http.send(HttpRequest.newBuilder(server.eventsUri())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(line("auth-1", 0, 0, "Hello."))).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> wrong = post(server, "application/json", line("auth-1", 0, 0, "Hello."), "not-" + TOKEN);

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("Bearer"));
        assertThat(json(none).get("error").asText()).contains("Authorization: Bearer");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
                .contains("error=\"invalid_token\""));
        assertThat(eventsOf("auth-1")).isEmpty();
        assertThat(deadLettersOf("auth-1")).isEmpty();
    }

    @Test
    void aGoodEventLandsOnCallEventsKeyedByCallIdAtItsObservedAt() throws Exception {
        IngestHttpServer server = server();

        HttpResponse<String> answer = post(server, "application/json", line("one-1", 7, 0, "Thank you."), TOKEN);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(json(answer).get("accepted").asInt()).isEqualTo(1);
        assertThat(eventsOf("one-1")).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("one-1");
            assertThat(record.timestamp()).isEqualTo(Instant.parse("2017-02-22T22:30:07Z").toEpochMilli());
            assertThat(record.value().getObservedAt()).isEqualTo(Instant.parse("2017-02-22T22:30:07Z"));
            assertThat(((TranscriptLine) record.value().getPayload()).getText()).isEqualTo("Thank you.");
        });
    }

    @Test
    void aBatchKeepsItsGoodLinesAndSendsEachBadLineToTheDeadLetterTopic() throws Exception {
        IngestHttpServer server = server();
        String unknownField = "{\"callId\":\"batch-1\",\"callOffsetMs\":0,\"observedAt\":0,\"speaker\":\"x\","
                + "\"payload\":{\"CallEnded\":{\"lineCount\":0}}}";
        String batch = line("batch-1", 0, 0, "One.") + "\n"
                + unknownField + "\n"
                + line("batch-1", 1, 0, "Two.") + "\n"
                + "{\"callId\":\"batch-1\",\"callOffsetMs\":1}\n"
                + line("batch-1", 2, 0, "Three.") + "\n";

        HttpResponse<String> answer = post(server, "application/x-ndjson", batch, TOKEN);

        assertThat(answer.statusCode()).isEqualTo(400);
        JsonNode body = json(answer);
        assertThat(body.get("accepted").asInt()).isEqualTo(3);
        assertThat(body.get("refused").asInt()).isEqualTo(2);
        assertThat(body.get("error").asText()).contains("were accepted and kept");
        assertThat(body.at("/errors/0/line").asInt()).isEqualTo(2);
        assertThat(body.at("/errors/0/reason").asText()).startsWith("speaker: unknown field;");
        assertThat(body.at("/errors/1/line").asInt()).isEqualTo(4);
        assertThat(body.at("/errors/1/reason").asText()).startsWith("payload: missing;");

        assertThat(eventsOf("batch-1")).extracting(r -> ((TranscriptLine) r.value().getPayload()).getText())
                .containsExactly("One.", "Two.", "Three.");
        List<ConsumerRecord<String, DeadLetter>> letters = deadLettersOf("batch-1");
        assertThat(letters).hasSize(2);
        assertThat(letters).extracting(r -> r.value().getSource())
                .containsExactlyInAnyOrder("http 127.0.0.1 line 2", "http 127.0.0.1 line 4");
        DeadLetter second = letters.stream().filter(r -> r.value().getSource().endsWith("line 2")).findFirst()
                .orElseThrow().value();
        assertThat(second.getStage()).isEqualTo("ingest");
        assertThat(second.getReason()).isEqualTo(body.at("/errors/0/reason").asText());
        assertThat(StandardCharsets.UTF_8.decode(second.getPayload()).toString()).isEqualTo(unknownField);
    }

    /**
     * Asserted: a resend to the same instance is answered 200 with every event counted as a duplicate, and
     * nothing more reaches call-events. Not asserted here, because it is not this stage's guarantee: that a
     * resend after a restart is skipped too (see the next test).
     */
    @Test
    void aRetriedBatchIsAcknowledgedWithoutProducingItTwice() throws Exception {
        IngestHttpServer server = server();
        String batch = IntStream.range(0, 5).mapToObj(i -> line("retry-1", i, 0, "Line " + i + "."))
                .collect(Collectors.joining("\n"));

        HttpResponse<String> first = post(server, "application/x-ndjson", batch, TOKEN);
        HttpResponse<String> retry = post(server, "application/x-ndjson", batch, TOKEN);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(json(first).get("duplicates").asInt()).isZero();
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(json(retry).get("accepted").asInt()).isEqualTo(5);
        assertThat(json(retry).get("duplicates").asInt()).isEqualTo(5);
        assertThat(eventsOf("retry-1")).hasSize(5);
    }

    /**
     * The memory of produced events is per instance: a resend to a fresh instance is produced again. What keeps
     * that harmless is the identity on every record, by which enrich drops exact duplicates (issue 4): the
     * topic holds each (callId, lineId, revision) with the very same content.
     */
    @Test
    void aRetryToAFreshInstanceIsProducedAgainWithTheSameIdentities() throws Exception {
        String batch = IntStream.range(0, 3).mapToObj(i -> line("retry-2", i, 0, "Line " + i + "."))
                .collect(Collectors.joining("\n"));
        assertThat(post(server(), "application/x-ndjson", batch, TOKEN).statusCode()).isEqualTo(200);
        assertThat(post(server(), "application/x-ndjson", batch, TOKEN).statusCode()).isEqualTo(200);

        List<CallEvent> events = eventsOf("retry-2").stream().map(ConsumerRecord::value).toList();
        assertThat(events).hasSize(6);
        Map<EventIdentity, List<CallEvent>> byIdentity = events.stream()
                .collect(Collectors.groupingBy(EventIdentity::of));
        assertThat(byIdentity).hasSize(3);
        assertThat(byIdentity.values()).allSatisfy(copies -> assertThat(copies.get(1)).isEqualTo(copies.get(0)));
    }

    @Test
    void refusesABodyOverTheLimitAndProducesNothingOfIt() throws Exception {
        IngestHttpServer server = server(IngestHttpConfig.defaults(BearerAuth.token(TOKEN)).withMaxRequestBytes(1024));
        String batch = IntStream.range(0, 20).mapToObj(i -> line("big-1", i, 0, "Line " + i + "."))
                .collect(Collectors.joining("\n"));
        assertThat(batch.length()).isGreaterThan(2048);

        HttpResponse<String> answer = post(server, "application/x-ndjson", batch, TOKEN);

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(json(answer).get("error").asText()).contains("larger than the limit of 1024 bytes");
        assertThat(eventsOf("big-1")).isEmpty();
        assertThat(post(server, "application/x-ndjson", line("big-1", 0, 0, "Small."), TOKEN).statusCode())
                .as("a request within the limit is taken").isEqualTo(200);
    }

    @Test
    void aLineOf900000CharactersIsRefusedWith422AndTheReasonAndNothingOfItIsProduced() throws Exception {
        IngestHttpServer server = server();
        String huge = line("huge-1", 0, 0, "word ".repeat(180_000));

        HttpResponse<String> answer = post(server, "application/json", huge, TOKEN);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(422);
        assertThat(json(answer).at("/errors/0/reason").asText()).isEqualTo("text is 900000 bytes of UTF-8, over the"
                + " limit of " + RecordLimits.MAX_LINE_TEXT_BYTES + ": split it into lines (sentences)");
        assertThat(eventsOf("huge-1")).isEmpty();
        assertThat(deadLettersOf("huge-1")).singleElement().satisfies(letter -> {
            assertThat(letter.value().getStage()).isEqualTo("ingest");
            assertThat(letter.value().getReason()).startsWith("text is 900000 bytes of UTF-8");
            assertThat(letter.value().getSource()).endsWith(" line 1");
        });
    }

    @Test
    void aLineWithANulIsRefusedWithTheReasonAndTheOtherLinesOfTheCallAreProduced() throws Exception {
        IngestHttpServer server = server();
        String batch = line("nul-1", 0, 0, "Good afternoon.") + "\n"
                + line("nul-1", 1, 0, "Revenue\\u0000 grew.") + "\n"
                + line("nul-1", 2, 0, "We ship <script>alert(1)</script> next quarter.") + "\n";

        HttpResponse<String> answer = post(server, "application/x-ndjson", batch, TOKEN);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(422);
        assertThat(json(answer).get("accepted").asInt()).isEqualTo(2);
        assertThat(json(answer).at("/errors/0/line").asInt()).isEqualTo(2);
        assertThat(json(answer).at("/errors/0/reason").asText()).contains("control character U+0000");
        assertThat(eventsOf("nul-1")).extracting(r -> ((TranscriptLine) r.value().getPayload()).getSeq())
                .containsExactly(0L, 2L);
        assertThat(deadLettersOf("nul-1")).singleElement().satisfies(letter -> assertThat(
                StandardCharsets.UTF_8.decode(letter.value().getPayload()).toString())
                .isEqualTo(line("nul-1", 1, 0, "Revenue\\u0000 grew.")));
    }

    @Test
    void concurrentPostersAreAllAcknowledgedAndEachEventIsOnTheTopicOnceInItsCallsOrder() throws Exception {
        IngestHttpServer server = server();
        int posters = 4;
        int perPoster = 50;
        ExecutorService pool = Executors.newFixedThreadPool(posters);
        try {
            List<Future<List<Integer>>> statuses = new ArrayList<>();
            for (int p = 0; p < posters; p++) {
                String callId = "concurrent-" + p;
                Callable<List<Integer>> poster = () -> {
                    List<Integer> codes = new ArrayList<>();
                    for (int seq = 0; seq < perPoster; seq++) {
                        codes.add(post(server, "application/json", line(callId, seq, 0, "Line " + seq + "."), TOKEN)
                                .statusCode());
                    }
                    return codes;
                };
                statuses.add(pool.submit(poster));
            }
            for (Future<List<Integer>> codes : statuses) {
                assertThat(codes.get()).hasSize(perPoster).containsOnly(200);
            }
        } finally {
            pool.shutdownNow();
        }

        for (int p = 0; p < posters; p++) {
            List<ConsumerRecord<String, CallEvent>> records = eventsOf("concurrent-" + p);
            assertThat(records).extracting(r -> ((TranscriptLine) r.value().getPayload()).getSeq())
                    .as("every event of the call once, in the order it was posted")
                    .containsExactlyElementsOf(LongStream.range(0, perPoster).boxed().toList());
            assertThat(records).extracting(ConsumerRecord::partition).as("one call, one partition").containsOnly(
                    records.get(0).partition());
        }
        assertThat(server.metrics().eventsProduced()).isEqualTo(posters * perPoster);
    }

    /** The call's events on call-events, in offset order (the call's own order: it is on one partition). */
    private static List<ConsumerRecord<String, CallEvent>> eventsOf(String callId) {
        return TopicReader.readAll(stack.bootstrapServers(), topics.callEvents()).stream()
                .filter(r -> callId.equals(r.key())).toList();
    }

    private static List<ConsumerRecord<String, DeadLetter>> deadLettersOf(String callId) {
        return TopicReader.readAll(stack.bootstrapServers(), topics.deadLetters()).stream()
                .filter(r -> callId.equals(r.key())).toList();
    }

    private HttpResponse<String> post(IngestHttpServer server, String contentType, String body, String token)
            throws Exception {
        return http.send(HttpRequest.newBuilder(server.eventsUri()).timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }
}
