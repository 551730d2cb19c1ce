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
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.callstream.deploy.stack.EmbeddedStack;
import io.callstream.deploy.testing.SinkHarness;
import io.callstream.deploy.topics.TopicCreator;
import io.callstream.schemas.topics.TopicNames;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code callstream serve} on a broker: prints its URL, serves the calls on the topics behind the token. */
class ServeCommandTest {

    private static final Pattern URL = Pattern.compile("dashboard: (http://\\S+)");

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
}
