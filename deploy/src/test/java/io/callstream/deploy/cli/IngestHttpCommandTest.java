package io.callstream.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.callstream.deploy.stack.EmbeddedStack;
import io.callstream.deploy.testing.ChildJava;
import io.callstream.schemas.topics.TopicCreator;
import io.callstream.schemas.topics.TopicNames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code callstream ingest http} as a user runs it: its refusals, and a separate JVM taking an event. */
@Tag("integration")
class IngestHttpCommandTest {

    private static EmbeddedStack stack;

    @BeforeAll
    static void startStack() {
        stack = EmbeddedStack.start();
        TopicCreator.ensure(stack.bootstrapServers(), TopicNames.defaults(), 1, (short) 1);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void refusesToStartWithoutATokenUnlessToldNoAuth() {
        StringWriter err = new StringWriter();
        var cli = CallstreamCommand.commandLine();
        cli.setErr(new PrintWriter(err));
        // The token's environment variable is unset in the test JVM (asserted, so this test cannot lie).
        assertThat(System.getenv(IngestHttpCommand.TOKEN_ENV)).isNull();

        int exit = cli.execute("ingest", "http", "--bootstrap-servers", stack.bootstrapServers(),
                "--schema-registry-url", stack.schemaRegistryUrl(), "--port", "0");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("No token: set CALLSTREAM_INGEST_TOKEN (or --token), or pass --no-auth");
    }

    @Test
    void refusesATokenTogetherWithNoAuth() {
        StringWriter err = new StringWriter();
        var cli = CallstreamCommand.commandLine();
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute("ingest", "http", "--token", "t", "--no-auth", "--bootstrap-servers", "x:1",
                "--schema-registry-url", "http://x");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("Both a token and --no-auth were given");
    }

    @Test
    void helpListsTheHttpSourceWithoutPrintingATokenDefault() {
        StringWriter out = new StringWriter();
        var cli = CallstreamCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("ingest", "--help")).isZero();
        assertThat(out.toString()).contains("http").contains("Take call events over HTTP");
        StringWriter httpHelp = new StringWriter();
        cli.setOut(new PrintWriter(httpHelp));
        assertThat(cli.execute("ingest", "http", "--help")).isZero();
        assertThat(httpHelp.toString()).contains("--bootstrap-servers", "--token", "--no-auth",
                "--max-request-bytes", "--topic", "default: call-events");
    }

    @Test
    void aSeparateProcessListensTakesAnEventWithTheTokenFromItsEnvironmentAndStopsOnSigterm() throws Exception {
        List<String> command = ChildJava.callstream("ingest", "http", "--port", "0", "--schema-registry-url",
                stack.schemaRegistryUrl());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers());
        builder.environment().put(IngestHttpCommand.TOKEN_ENV, "from-env");
        Process ingest = builder.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(ingest.getInputStream(),
                StandardCharsets.UTF_8))) {
            String url = null;
            StringBuilder printed = new StringBuilder();
            String line;
            while (url == null && (line = out.readLine()) != null) {
                printed.append(line).append('\n');
                if (line.startsWith("Listening on ")) {
                    url = line.substring("Listening on ".length()).split(" ")[0];
                }
            }
            assertThat(url).as("the command printed where it listens:\n" + printed).isNotNull()
                    .startsWith("http://127.0.0.1:").endsWith("/v1/events");

            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer from-env")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"callId\":\"cli-1\",\"callOffsetMs\":0,"
                            + "\"payload\":{\"CallStarted\":{\"company\":\"Tesla, Inc.\",\"source\":\"http\"}}}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        } finally {
            ingest.destroy(); // SIGTERM: the shutdown hook closes the server, then the producer
            if (!ingest.waitFor(30, TimeUnit.SECONDS)) {
                ingest.destroyForcibly();
            }
        }
        assertThat(ingest.exitValue()).as("stopped on SIGTERM").isIn(0, 143);
    }
}
