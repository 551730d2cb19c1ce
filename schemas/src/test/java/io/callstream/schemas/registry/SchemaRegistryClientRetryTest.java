package io.callstream.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client's retry policy, against a stub registry that answers from a script. */
class SchemaRegistryClientRetryTest {

    private static final Schema SCHEMA = SchemaBuilder.record("Ping").namespace("io.callstream.test")
            .fields().requiredString("text").endRecord();

    private record Answer(int status, String body) {
    }

    private final Deque<Answer> script = new ArrayDeque<>();
    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer stub;

    @BeforeEach
    void startStub() throws IOException {
        stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stub.createContext("/", this::answer);
        stub.start();
    }

    @AfterEach
    void stopStub() {
        stub.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        exchange.getRequestBody().readAllBytes();
        Answer answer;
        synchronized (script) {
            answer = script.size() > 1 ? script.poll() : script.peek();
        }
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(answer.status(), body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private SchemaRegistryClient client(int maxAttempts) {
        String url = "http://127.0.0.1:" + stub.getAddress().getPort();
        return new SchemaRegistryClient(new RegistryClientConfig(url, Duration.ofSeconds(5), maxAttempts,
                Duration.ofMillis(20)));
    }

    @Test
    void retriesWithBackoffOn503ThenSucceeds() {
        script.add(new Answer(503, "{\"error_code\":50003,\"message\":\"Error while forwarding the request\"}"));
        script.add(new Answer(503, "<html>Service Unavailable</html>"));
        script.add(new Answer(200, "{\"id\":7}"));

        long started = System.nanoTime();
        int id = client(5).register("pings-value", SCHEMA);
        Duration waited = Duration.ofNanos(System.nanoTime() - started);

        assertThat(id).isEqualTo(7);
        assertThat(requests).hasValue(3);
        // Two backoffs: 20 ms, then 40 ms.
        assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(60));
    }

    @Test
    void retriesOn429And408() {
        script.add(new Answer(429, "{\"error_code\":429,\"message\":\"Too many requests\"}"));
        script.add(new Answer(408, "{\"error_code\":408,\"message\":\"Request timeout\"}"));
        script.add(new Answer(200, "{\"id\":3}"));

        assertThat(client(5).register("pings-value", SCHEMA)).isEqualTo(3);
        assertThat(requests).hasValue(3);
    }

    @Test
    void doesNotRetryAConflict() {
        script.add(new Answer(409, "{\"error_code\":409,\"message\":\"Schema being registered is incompatible\"}"));

        assertThatThrownBy(() -> client(5).register("pings-value", SCHEMA))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo(409);
                    assertThat(e.registryMessage()).isEqualTo("Schema being registered is incompatible");
                });
        assertThat(requests).hasValue(1);
    }

    @Test
    void doesNotRetryNotFoundAndCarriesTheRegistrysErrorCodeAndMessage() {
        script.add(new Answer(404, "{\"error_code\":40401,\"message\":\"Subject 'x' not found.\"}"));

        assertThatThrownBy(() -> client(5).latest("x"))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(40401);
                    assertThat(e.registryMessage()).isEqualTo("Subject 'x' not found.");
                    assertThat(e.isNotFound()).isTrue();
                    assertThat(e.getMessage())
                            .contains("GET http://127.0.0.1:", "/subjects/x/versions/latest", "40401",
                                    "Subject 'x' not found.", "Register a schema under the subject first");
                });
        assertThat(requests).hasValue(1);
    }

    @Test
    void givesUpAfterMaxAttemptsOnPersistent5xx() {
        script.add(new Answer(500, "{\"error_code\":50001,\"message\":\"Error in the backend data store\"}"));

        assertThatThrownBy(() -> client(3).schemaById(1))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(500);
                    assertThat(e.errorCode()).isEqualTo(50001);
                    assertThat(e.getMessage()).contains("Gave up after 3 attempt(s)");
                });
        assertThat(requests).hasValue(3);
    }

    @Test
    void keepsANonJsonErrorBodyAsTheMessage() {
        script.add(new Answer(403, "Forbidden by proxy"));

        assertThatThrownBy(() -> client(3).subjects())
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(403);
                    assertThat(e.errorCode()).isEqualTo(403);
                    assertThat(e.registryMessage()).isEqualTo("Forbidden by proxy");
                });
        assertThat(requests).hasValue(1);
    }

    @Test
    void retriesConnectionErrorsThenSaysTheRegistryIsUnreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        SchemaRegistryClient client = new SchemaRegistryClient(new RegistryClientConfig(
                "http://127.0.0.1:" + closedPort, Duration.ofSeconds(2), 3, Duration.ofMillis(10)));

        assertThatThrownBy(() -> client.subjects())
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(SchemaRegistryException.NONE);
                    assertThat(e.getMessage()).contains("Could not reach the schema registry", "after 3 attempt(s)",
                            "Is the registry running");
                });
    }
}
