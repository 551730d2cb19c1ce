package io.callstream.schemas.registry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callstream.schemas.http.HttpServerLimits;
import io.callstream.schemas.http.SlowClients;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The registry under a slow-client attack: 20 connections that send a byte a second, as issue 13 reported. */
@Tag("integration")
class InProcessSchemaRegistrySlowClientTest {

    private static final Duration ONE_BYTE_A_SECOND = Duration.ofSeconds(1);
    private static final Duration PROMPTLY = Duration.ofSeconds(2);
    private static final String SLOW_REGISTRATION = "POST /subjects/slow-value/versions HTTP/1.1\r\n"
            + "Host: 127.0.0.1\r\nContent-Type: application/vnd.schemaregistry.v1+json\r\nContent-Length: 1000\r\n\r\n";

    private static URI subjects(InProcessSchemaRegistry registry) {
        return URI.create(registry.url() + "/subjects");
    }

    @Test
    void answersOthersWhileTwentyClientsTrickleTheirHeaders() {
        try (InProcessSchemaRegistry registry = InProcessSchemaRegistry.start();
             SlowClients slow = SlowClients.trickle(registry.port(), 20,
                     SlowClients.unfinishedHeaders("GET", "/subjects"), ONE_BYTE_A_SECOND)) {
            assertThat(SlowClients.statusWithin(subjects(registry), PROMPTLY, null)).isEqualTo(200);
            assertThat(slow.closedByServer()).as("slow clients are not refused, only timed").isZero();
        }
    }

    @Test
    void answersOthersWhileTwentyClientsTrickleTheirBodies() {
        try (InProcessSchemaRegistry registry = InProcessSchemaRegistry.start();
             SlowClients slow = SlowClients.trickleBody(registry.port(), 20, SLOW_REGISTRATION, "x".repeat(1000),
                     ONE_BYTE_A_SECOND)) {
            assertThat(SlowClients.statusWithin(subjects(registry), PROMPTLY, null)).isEqualTo(200);
            assertThat(slow.closedByServer()).isZero();
        }
    }

    @Test
    void closesConnectionsThatSendTheirRequestTooSlowly() {
        HttpServerLimits limits = HttpServerLimits.defaults().withRequestTimeout(Duration.ofSeconds(2));
        try (InProcessSchemaRegistry registry = InProcessSchemaRegistry.start(0, limits);
             SlowClients headers = SlowClients.trickle(registry.port(), 10,
                     SlowClients.unfinishedHeaders("GET", "/subjects"), ONE_BYTE_A_SECOND);
             SlowClients bodies = SlowClients.trickleBody(registry.port(), 10, SLOW_REGISTRATION, "x".repeat(1000),
                     ONE_BYTE_A_SECOND)) {
            // The timeout plus the clients' one-second poll, with room for a busy machine.
            await().atMost(Duration.ofSeconds(8)).untilAsserted(() -> {
                assertThat(headers.closedByServer()).isEqualTo(headers.count());
                assertThat(bodies.closedByServer()).isEqualTo(bodies.count());
            });
            assertThat(SlowClients.statusWithin(subjects(registry), PROMPTLY, null)).isEqualTo(200);
        }
    }
}
