package io.callstream.schemas.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class LimitedHttpServerTest {

    private static final Duration ONE_BYTE_A_SECOND = Duration.ofSeconds(1);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private LimitedHttpServer server;

    private LimitedHttpServer start(HttpServerLimits limits) throws IOException {
        server = LimitedHttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), limits, "test");
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static void answer(HttpExchange exchange, int status, String text) throws IOException {
        try (exchange) {
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Tag("integration")
    @Test
    void closesConnectionsBeyondMaxConnectionsAtOnceAndServesAgainWhenTheSlowOnesTimeOut() throws Exception {
        start(HttpServerLimits.defaults().withMaxConnections(4).withRequestTimeout(Duration.ofSeconds(2)));
        server.handle("/", exchange -> answer(exchange, 200, "ok"));
        server.start();
        try (SlowClients slow = SlowClients.trickle(server.port(), 4, SlowClients.unfinishedHeaders("GET", "/"),
                ONE_BYTE_A_SECOND)) {
            assertThatThrownBy(() -> get("/")).as("a fifth connection while four are being read")
                    .isInstanceOf(IOException.class);
            await().atMost(Duration.ofSeconds(8)).until(() -> slow.closedByServer() == slow.count());
            assertThat(get("/").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void answers503WhenEveryWorkerIsBusyAndTheQueueIsFull() throws Exception {
        start(HttpServerLimits.defaults().withWorkers(1).withQueue(1));
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch working = new CountDownLatch(1);
        server.handle("/", exchange -> {
            try {
                if (!server.workers().enter()) {
                    answer(exchange, 503, "busy");
                    return;
                }
                try {
                    working.countDown();
                    release.await(10, TimeUnit.SECONDS);
                    answer(exchange, 200, "done");
                } finally {
                    server.workers().exit();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answer(exchange, 503, "stopping");
            }
        });
        server.start();
        HttpRequest request = HttpRequest.newBuilder(uri("/")).timeout(Duration.ofSeconds(10)).build();
        CompletableFuture<HttpResponse<String>> running = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        assertThat(working.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<HttpResponse<String>> second = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        CompletableFuture<HttpResponse<String>> third = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());

        // While one request runs, one of these two waits in the queue and the other finds it full.
        CompletableFuture.anyOf(second, third).get(5, TimeUnit.SECONDS);
        release.countDown();
        assertThat(running.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(List.of(second.get(5, TimeUnit.SECONDS).statusCode(),
                third.get(5, TimeUnit.SECONDS).statusCode())).containsExactlyInAnyOrder(200, 503);
    }

    @Tag("integration")
    @Test
    void neverCutsAnAnswerThatTakesLongerThanTheRequestTimeout() throws Exception {
        start(HttpServerLimits.defaults().withRequestTimeout(Duration.ofSeconds(1)));
        server.handle("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            try {
                // Work that outlasts the request timeout, as a wait for Kafka's acknowledgement may.
                new CountDownLatch(1).await(1500, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answer(exchange, 500, "interrupted");
                return;
            }
            answer(exchange, 200, "got " + body);
        });
        server.start();

        HttpRequest post = HttpRequest.newBuilder(uri("/")).timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString("hello")).build();
        HttpResponse<String> first = http.send(post, HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> again = http.send(post, HttpResponse.BodyHandlers.ofString());

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("got hello");
        assertThat(again.statusCode()).as("the kept-alive connection serves its next request").isEqualTo(200);
    }

    @Test
    void processSettingsKeepAnOperatorsValue() {
        String before = System.getProperty(JdkHttpServers.IDLE_INTERVAL_PROPERTY);
        try {
            System.setProperty(JdkHttpServers.IDLE_INTERVAL_PROPERTY, "45");
            JdkHttpServers.applyProcessSettings();
            assertThat(System.getProperty(JdkHttpServers.IDLE_INTERVAL_PROPERTY)).isEqualTo("45");
            assertThat(System.getProperty(JdkHttpServers.MAX_CONNECTIONS_PROPERTY)).isNotNull();
        } finally {
            if (before == null) {
                System.clearProperty(JdkHttpServers.IDLE_INTERVAL_PROPERTY);
            } else {
                System.setProperty(JdkHttpServers.IDLE_INTERVAL_PROPERTY, before);
            }
        }
    }
}
