package io.callstream.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import io.callstream.avro.CallEvent;
import io.callstream.avro.Role;
import io.callstream.avro.Section;
import io.callstream.avro.Status;
import io.callstream.avro.TranscriptLine;
import io.callstream.deploy.stack.EmbeddedStack;
import io.callstream.ingest.canonical.CanonicalJson;
import io.callstream.ingest.http.IngestHttpConfig;
import io.callstream.ingest.http.IngestHttpMetrics;
import io.callstream.ingest.http.IngestHttpServer;
import io.callstream.ingest.http.IngestProducer;
import io.callstream.ingest.publish.ProducerSettings;
import io.callstream.schemas.AvroClassTrust;
import io.callstream.schemas.http.BearerAuth;
import io.callstream.schemas.registry.RegistryClientConfig;
import io.callstream.schemas.registry.SchemaRegistryClient;
import io.callstream.schemas.topics.CallTopics;
import io.callstream.schemas.topics.TopicCreator;
import io.callstream.schemas.topics.TopicNames;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Events per second acknowledged through {@code POST /v1/events}, against a baseline measured in the same run on
 * the same embedded broker: the same events sent by a producer configured as ingest's, waiting for every
 * acknowledgement. The ratio is what the HTTP layer costs (client rendering JSON, the request, the server parsing
 * it back); {@link #renderBatch} measures the client's rendering alone, to tell the two apart.
 *
 * <p>Each operation is a batch of {@value #BATCH} lines of a call of its own: the server skips identities it
 * produced recently, so a repeated batch would be answered without reaching Kafka and measure nothing. With JMH's
 * one thread, each path is one client waiting for each answer before sending the next batch; {@code -t N} gives N
 * concurrent posters (the state is shared and its counters are atomic).
 *
 * <p>Broker, registry, server and client share this JVM (and, on a small machine, its cores), so the figures are
 * the endpoint's cost relative to the producer's, not the capacity of a deployment. The warmup is long because
 * the broker's, the server's and both clients' code must all be compiled: throughput still climbs for about
 * 20 s after the first request.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class HttpIngestBenchmark {

    static final int BATCH = 100;
    private static final String TOKEN = "bench";
    private static final Duration ACK_WAIT = Duration.ofSeconds(30);
    /** A line of ordinary length for an earnings call (about 140 characters). */
    private static final String TEXT = "Revenue grew in every region this quarter, and we expect gross margin to"
            + " improve further as the new line ramps through the second half.";

    private final CanonicalJson<CallEvent> json = CanonicalJson.callEvents();
    /** Numbers the batches, so every line sent has an identity never sent before. */
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong postedEvents = new AtomicLong();
    private final String run = "bench-" + Long.toHexString(System.currentTimeMillis());

    private EmbeddedStack stack;
    private IngestProducer ingestProducer;
    private IngestHttpServer server;
    private KafkaProducer<String, CallEvent> direct;
    private String eventsTopic;
    private HttpClient http;

    @Setup(Level.Trial)
    public void start() {
        try {
            startAll();
        } catch (RuntimeException e) {
            // Whatever started must stop here: the broker's threads would keep the forked JVM from exiting.
            closeAll();
            throw e;
        }
    }

    private void startAll() {
        // As callstream's main does: the server decodes into generated classes, which Avro loads by name.
        AvroClassTrust.trustGeneratedClasses();
        stack = EmbeddedStack.start();
        TopicNames names = TopicNames.defaults();
        TopicCreator.ensure(stack.bootstrapServers(), names, TopicCreator.DEFAULT_PARTITIONS, (short) 1);
        CallTopics topics = new CallTopics(names,
                new SchemaRegistryClient(RegistryClientConfig.of(stack.schemaRegistryUrl())));
        Map<String, String> clients = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        ingestProducer = IngestProducer.create(clients, topics.callEvents(), topics.deadLetters());
        server = IngestHttpServer.start(IngestHttpConfig.defaults(BearerAuth.token(TOKEN)).withPort(0),
                ingestProducer);
        direct = ProducerSettings.keyedByCall(clients, topics.callEvents().valueSerde().serializer());
        eventsTopic = topics.callEvents().name();
        // The JDK server speaks HTTP/1.1 only; without this the client offers an h2c upgrade on each new connection.
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        System.out.printf("%n# %d events per operation, %d bytes as NDJSON; broker %s, endpoint %s%n", BATCH,
                ndjson(nextBatch("size")).getBytes(StandardCharsets.UTF_8).length, stack.bootstrapServers(),
                server.eventsUri());
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int postBatch() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(server.eventsUri())
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(ndjson(nextBatch("http"))))
                .build();
        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("POST answered " + answer.statusCode() + ": " + answer.body());
        }
        postedEvents.addAndGet(BATCH);
        return answer.statusCode();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long produceDirectly() throws InterruptedException, ExecutionException, TimeoutException {
        List<Future<RecordMetadata>> acks = new ArrayList<>(BATCH);
        // Keyed and stamped as IngestProducer does: by callId, at observedAt.
        for (CallEvent event : nextBatch("direct")) {
            acks.add(direct.send(new ProducerRecord<>(eventsTopic, null, event.getObservedAt().toEpochMilli(),
                    event.getCallId(), event)));
        }
        long offsets = 0;
        for (Future<RecordMetadata> ack : acks) {
            offsets += ack.get(ACK_WAIT.toSeconds(), TimeUnit.SECONDS).offset();
        }
        return offsets;
    }

    /** The client's share of {@link #postBatch}: building the batch and rendering it as canonical JSON Lines. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public String renderBatch() {
        return ndjson(nextBatch("render"));
    }

    /**
     * Closes everything, then fails the run if the endpoint did not produce every event posted: a benchmark that
     * the server answered from its memory of recent events would have measured nothing.
     */
    @TearDown(Level.Trial)
    public void stop() {
        IngestHttpMetrics.Snapshot counts = server == null ? null : server.metrics();
        try {
            closeAll();
        } finally {
            if (counts != null && (counts.eventsProduced() != postedEvents.get() || counts.duplicatesSkipped() != 0
                    || counts.linesRefused() != 0 || counts.kafkaFailures() != 0)) {
                throw new IllegalStateException("The endpoint did not produce exactly the " + postedEvents.get()
                        + " events posted: " + counts);
            }
        }
    }

    /** Closes what was started, each once (fields are cleared), whatever fails on the way. */
    private void closeAll() {
        // The server before its producer: requests in flight still wait for acknowledgements.
        try {
            if (server != null) {
                server.close();
                server = null;
            }
        } finally {
            try {
                if (ingestProducer != null) {
                    ingestProducer.close();
                    ingestProducer = null;
                }
            } finally {
                try {
                    if (direct != null) {
                        direct.close(Duration.ofSeconds(10));
                        direct = null;
                    }
                } finally {
                    if (stack != null) {
                        stack.close();
                        stack = null;
                    }
                }
            }
        }
    }

    /** {@value #BATCH} lines of a new call: a call per batch, as a live feed posts a stretch of one call. */
    private List<CallEvent> nextBatch(String path) {
        String callId = run + "-" + path + "-" + batches.incrementAndGet();
        Instant observedAt = Instant.ofEpochMilli(System.currentTimeMillis());
        List<CallEvent> events = new ArrayList<>(BATCH);
        for (int seq = 0; seq < BATCH; seq++) {
            // Every field set, as CallEventFactory does: the builder's defaults would load enum classes by name.
            TranscriptLine line = TranscriptLine.newBuilder()
                    .setLineId("L" + seq)
                    .setSeq(seq)
                    .setRevision(0)
                    .setStatus(Status.FINAL)
                    .setSpeakerLabel("Speaker 1")
                    .setAffiliation(null)
                    .setSpeakerRole(Role.UNKNOWN)
                    .setSection(Section.UNKNOWN)
                    .setText(TEXT)
                    .setDurationMs(4_000L)
                    .setFlags(List.of())
                    .build();
            events.add(CallEvent.newBuilder()
                    .setCallId(callId)
                    .setCallOffsetMs(seq * 4_000L)
                    .setObservedAt(observedAt)
                    .setPayload(line)
                    .build());
        }
        return events;
    }

    private String ndjson(List<CallEvent> events) {
        StringBuilder body = new StringBuilder(events.size() * 512);
        for (CallEvent event : events) {
            body.append(json.write(event)).append('\n');
        }
        return body.toString();
    }
}
