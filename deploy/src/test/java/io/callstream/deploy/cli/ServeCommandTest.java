package io.callstream.deploy.cli;

import static io.callstream.sink.testing.SinkRecords.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callstream.avro.state.TurnAssemblyState;
import io.callstream.deploy.stack.EmbeddedStack;
import io.callstream.deploy.testing.SinkHarness;
import io.callstream.enrich.EnrichOptions;
import io.callstream.enrich.EnrichSettings;
import io.callstream.enrich.EnrichTopology;
import io.callstream.schemas.registry.RegistryClientConfig;
import io.callstream.schemas.registry.SchemaRegistryClient;
import io.callstream.schemas.serde.AvroSerde;
import io.callstream.schemas.topics.CallTopics;
import io.callstream.schemas.topics.TopicCreator;
import io.callstream.schemas.topics.TopicNames;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code callstream serve} on a broker: prints its URL, serves the calls on the topics behind the token. */
@Tag("integration")
class ServeCommandTest {

    private static final Pattern URL = Pattern.compile("dashboard: (http://\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path stateDir;

    @Test
    void servesTheCallsOnTheTopicsBehindTheTokenUntilStopped() throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.start()) {
            TopicCreator.ensure(stack.bootstrapServers(), TopicNames.defaults(), 2, (short) 1);
            new SinkHarness(stack.endpoints(), TopicNames.defaults()).produce(List.of(started("served-call")));
            StringWriter out = new StringWriter();
            CommandLine cli = CallstreamCommand.commandLine();
            cli.setOut(new PrintWriter(out, true));
            AtomicInteger exit = new AtomicInteger(-1);
            Thread serve = new Thread(() -> exit.set(cli.execute("serve", "--port", "0", "--token", "s3cret",
                    "--bootstrap-servers", stack.bootstrapServers(),
                    "--schema-registry-url", stack.schemaRegistryUrl())), "serve-under-test");
            serve.start();
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> URL.matcher(out.toString()).find());
                Matcher m = URL.matcher(out.toString());
                assertThat(m.find()).isTrue();
                URI url = URI.create(m.group(1));
                assertThat(url.getQuery()).isEqualTo("token=s3cret");
                HttpClient http = HttpClient.newHttpClient();
                URI calls = url.resolve("/api/calls");
                assertThat(http.send(HttpRequest.newBuilder(calls).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode()).isEqualTo(401);
                await().atMost(Duration.ofSeconds(30)).until(() -> http.send(HttpRequest.newBuilder(calls)
                        .header("Authorization", "Bearer s3cret").build(), HttpResponse.BodyHandlers.ofString())
                        .body().contains("\"served-call\""));
                assertThat(http.send(HttpRequest.newBuilder(url.resolve("/health/live")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
                assertThat(http.send(HttpRequest.newBuilder(url.resolve("/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body()).contains("callstream_consumer_lag{group=\"callstream-enrich\"}");
            } finally {
                serve.interrupt();
                serve.join(30_000);
            }
            assertThat(serve.isAlive()).isFalse();
            assertThat(exit.get()).isZero();
        }
    }

    @Test
    void readyOnlyWhileAnEnrichInstanceRunsAndSaysWhatToDoOnceItStops() throws Exception {
        String applicationId = "served-enrich";
        try (EmbeddedStack stack = EmbeddedStack.start()) {
            TopicCreator.ensure(stack.bootstrapServers(), TopicNames.defaults(), 2, (short) 1);
            StringWriter out = new StringWriter();
            CommandLine cli = CallstreamCommand.commandLine();
            cli.setOut(new PrintWriter(out, true));
            Thread serve = new Thread(() -> cli.execute("serve", "--port", "0",
                    "--enrich-application-id", applicationId, "--bootstrap-servers", stack.bootstrapServers(),
                    "--schema-registry-url", stack.schemaRegistryUrl()), "serve-under-test");
            serve.start();
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> URL.matcher(out.toString()).find());
                Matcher m = URL.matcher(out.toString());
                assertThat(m.find()).isTrue();
                URI ready = URI.create(m.group(1)).resolve("/health/ready");
                HttpClient http = HttpClient.newHttpClient();

                // Awaited: on a fresh broker the first group request waits for the offsets topic to be made.
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    JsonNode never = get(http, ready);
                    assertThat(never.path("status").asText()).isEqualTo("DOWN");
                    assertThat(never.path("details").path("enrich").asText())
                            .startsWith("no enrich instance has run with application id served-enrich on this cluster")
                            .contains("start ./callstream enrich", "--enrich-application-id");
                });

                // The broker's minimum session: a closed instance leaves its group 6 s later rather than 45 s.
                EnrichSettings settings = EnrichSettings.defaults(stack.bootstrapServers(), stack.schemaRegistryUrl(),
                                stateDir).withOverrides(Map.of("session.timeout.ms", "6000"));
                settings = new EnrichSettings(applicationId, settings.bootstrapServers(), settings.registryUrl(),
                        settings.topics(), stateDir, settings.processingGuarantee(), settings.overrides());
                SchemaRegistryClient registry = new SchemaRegistryClient(RegistryClientConfig.of(stack.schemaRegistryUrl()));
                KafkaStreams enrich = new KafkaStreams(EnrichTopology.build(new CallTopics(TopicNames.defaults(), registry),
                        new AvroSerde<>(TurnAssemblyState.class, registry, false), EnrichOptions.defaults()),
                        settings.toStreamsProperties());
                // One instance; the classic rebalance protocol counts a member per stream thread.
                Object threads = settings.toStreamsProperties().get("num.stream.threads");
                try {
                    enrich.start();
                    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                        JsonNode up = get(http, ready);
                        assertThat(up.path("status").asText()).as(up.toString()).isEqualTo("UP");
                        assertThat(up.path("details").path("enrich").asText())
                                .startsWith("running: group served-enrich has " + threads + " member");
                    });
                } finally {
                    enrich.close(Duration.ofSeconds(30));
                }

                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    JsonNode down = get(http, ready);
                    assertThat(down.path("status").asText()).as(down.toString()).isEqualTo("DOWN");
                    assertThat(down.path("details").path("enrich").asText())
                            .startsWith("no enrich instance is running: group served-enrich has no members")
                            .contains("start ./callstream enrich --application-id served-enrich");
                });
            } finally {
                serve.interrupt();
                serve.join(30_000);
            }
            assertThat(serve.isAlive()).isFalse();
        }
    }

    private static JsonNode get(HttpClient http, URI uri) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(answer.body());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo("UP".equals(body.path("status").asText()) ? 200 : 503);
        return body;
    }
}
