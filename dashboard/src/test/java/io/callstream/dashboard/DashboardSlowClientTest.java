package io.callstream.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callstream.schemas.http.HttpServerLimits;
import io.callstream.schemas.http.SlowClients;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The dashboard under a slow-client attack: 20 connections that send a byte a second, as issue 13 reported. */
@Tag("integration")
class DashboardSlowClientTest {

    private static final String TOKEN = DashboardServerTest.TOKEN;
    private static final Duration ONE_BYTE_A_SECOND = Duration.ofSeconds(1);
    private static final Duration PROMPTLY = Duration.ofSeconds(2);
    private static final String SLOW_BODY = "GET /api/calls HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
            + TOKEN + "\r\nContent-Length: 1000\r\n\r\n";

    private DashboardServer server;

    private DashboardServer start(DashboardConfig config) {
        server = DashboardServer.start(config, new LiveCalls(10, 0), DashboardHooks.none(),
                DashboardServerTest.TEST_PAGE);
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private URI uri(String path) {
        return server.baseUri().resolve(path);
    }

    @Test
    void answersHealthAndTheApiWhileTwentyClientsTrickleTheirHeaders() {
        start(DashboardConfig.defaults(TOKEN));
        try (SlowClients slow = SlowClients.trickle(server.port(), 20,
                SlowClients.unfinishedHeaders("GET", "/api/calls"), ONE_BYTE_A_SECOND)) {
            assertThat(SlowClients.statusWithin(uri("/health/live"), PROMPTLY, null)).isEqualTo(200);
            assertThat(SlowClients.statusWithin(uri("/api/calls"), PROMPTLY, "Bearer " + TOKEN)).isEqualTo(200);
            assertThat(slow.closedByServer()).as("slow clients are not refused, only timed").isZero();
        }
    }

    @Test
    void answersHealthAndTheApiWhileTwentyClientsTrickleABody() {
        start(DashboardConfig.defaults(TOKEN));
        try (SlowClients slow = SlowClients.trickleBody(server.port(), 20, SLOW_BODY, "x".repeat(1000),
                ONE_BYTE_A_SECOND)) {
            assertThat(SlowClients.statusWithin(uri("/health/live"), PROMPTLY, null)).isEqualTo(200);
            assertThat(SlowClients.statusWithin(uri("/api/calls"), PROMPTLY, "Bearer " + TOKEN))
                    .as("a slow body holds no worker").isEqualTo(200);
            assertThat(slow.closedByServer()).isZero();
        }
    }

    @Test
    void closesConnectionsThatSendTheirRequestTooSlowly() {
        start(DashboardConfig.defaults(TOKEN)
                .withLimits(HttpServerLimits.defaults().withRequestTimeout(Duration.ofSeconds(2))));
        try (SlowClients headers = SlowClients.trickle(server.port(), 10,
                SlowClients.unfinishedHeaders("GET", "/api/calls"), ONE_BYTE_A_SECOND);
             SlowClients bodies = SlowClients.trickleBody(server.port(), 10, SLOW_BODY, "x".repeat(1000),
                     ONE_BYTE_A_SECOND)) {
            // The timeout plus the clients' one-second poll, with room for a busy machine.
            await().atMost(Duration.ofSeconds(8)).untilAsserted(() -> {
                assertThat(headers.closedByServer()).isEqualTo(headers.count());
                assertThat(bodies.closedByServer()).isEqualTo(bodies.count());
            });
            assertThat(SlowClients.statusWithin(uri("/health/live"), PROMPTLY, null)).isEqualTo(200);
        }
    }
}
