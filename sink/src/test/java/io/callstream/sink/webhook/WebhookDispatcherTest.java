package io.callstream.sink.webhook;

import static io.callstream.sink.testing.SinkRecords.alert;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

import io.callstream.avro.Alert;
import io.callstream.avro.DeadLetter;
import io.callstream.sink.testing.CollectingDeadLetters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookDispatcherTest {

    private static final String SECRET = "s3cret-shared-with-the-receiver";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T22:00:00Z"), ZoneOffset.UTC);

    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final CollectingDeadLetters deadLetterSink = new CollectingDeadLetters();
    private final List<DeadLetter> deadLetters = deadLetterSink.letters();
    private volatile Runnable duringBackoff = () -> { };
    private final Sleeper sleeper = d -> {
        sleeps.add(d);
        duringBackoff.run();
        Thread.sleep(d.toMillis()); // the backoff itself, recorded above
    };

    private LocalReceiver receiver;
    private WebhookDispatcher dispatcher;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = new LocalReceiver(SECRET, 1500);
    }

    @AfterEach
    void stop() {
        if (dispatcher != null) {
            dispatcher.close();
        }
        receiver.close();
    }

    private WebhookDispatcher dispatcher(URI url, String secret, int maxAttempts) {
        // Generous: a new HttpClient's first request can take a few hundred ms on a busy machine.
        return dispatcher(url, secret, maxAttempts, Duration.ofSeconds(3));
    }

    private WebhookDispatcher dispatcher(URI url, String secret, int maxAttempts, Duration timeout) {
        WebhookEndpoint endpoint = new WebhookEndpoint("test", url, secret, timeout, maxAttempts,
                Duration.ofMillis(5), Duration.ofMillis(20));
        dispatcher = new WebhookDispatcher(endpoint, 4, deadLetterSink, sleeper, CLOCK);
        return dispatcher;
    }

    private static List<DeliveryOutcome> await(List<CompletableFuture<DeliveryOutcome>> futures) throws Exception {
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        return futures.stream().map(CompletableFuture::join).toList();
    }

    @Test
    void deliversEachAlertOnceAfterTheReceiverFailsTheFirstAttempts() throws Exception {
        List<Alert> alerts = List.of(alert("call-x", "capital-raise", 3), alert("call-y", "guidance", 7));
        alerts.forEach(a -> receiver.script(a.getAlertId(), 503, 503));
        WebhookDispatcher d = dispatcher(receiver.url(), SECRET, 5);

        List<DeliveryOutcome> outcomes = await(alerts.stream().map(d::submit).toList());

        assertThat(outcomes).allSatisfy(o -> {
            assertThat(o.delivered()).isTrue();
            assertThat(o.attempts()).isEqualTo(3);
        });
        assertThat(receiver.accepted()).containsExactlyInAnyOrder("call-x/capital-raise/3", "call-y/guidance/7");
        assertThat(receiver.requests("call-x/capital-raise/3")).isEqualTo(3);
        assertThat(receiver.badSignatures()).isZero();
        assertThat(receiver.acceptedBodies()).allSatisfy(b -> assertThat(b).isNotEmpty());
        assertThat(d.attempted()).isEqualTo(6);
        assertThat(d.retried()).isEqualTo(4);
        assertThat(d.delivered()).isEqualTo(2);
        assertThat(d.deadLettered()).isZero();
        assertThat(deadLetters).isEmpty();
    }

    @Test
    void keepsOrderPerCallWhenTheFirstAlertNeedsRetries() throws Exception {
        Alert a1 = alert("call-x", "capital-raise", 3);
        Alert a2 = alert("call-x", "guidance", 4);
        Alert a3 = alert("call-x", "declined", 5);
        receiver.script(a1.getAlertId(), 503, 503);
        WebhookDispatcher d = dispatcher(receiver.url(), SECRET, 5);

        await(List.of(d.submit(a1), d.submit(a2), d.submit(a3)));

        assertThat(receiver.accepted()).containsExactly(a1.getAlertId(), a2.getAlertId(), a3.getAlertId());
        assertThat(receiver.requests(a2.getAlertId())).isEqualTo(1);
    }

    @Test
    void letsOtherCallsGoOnWhileACallWaitsForARetry() throws Exception {
        WebhookDispatcher d = dispatcher(receiver.url(), SECRET, 5);
        String otherCall = IntStream.range(0, 100).mapToObj(i -> "call-" + i)
                .filter(c -> d.laneOf(c) != d.laneOf("call-x")).findFirst().orElseThrow();
        Alert stuck = alert("call-x", "capital-raise", 3);
        Alert other = alert(otherCall, "guidance", 1);
        receiver.script(stuck.getAlertId(), 503);
        // call-x's backoff lasts until the other call's alert has arrived: it can only if that call is not queued
        // behind call-x (otherwise the wait gives up after 5 s and the order below is reversed).
        duringBackoff = () -> {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!receiver.accepted().contains(other.getAlertId()) && System.nanoTime() < end) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        };

        CompletableFuture<DeliveryOutcome> first = d.submit(stuck);
        await(List.of(first, d.submit(other)));

        assertThat(receiver.accepted()).containsExactly(other.getAlertId(), stuck.getAlertId());
    }

    @Test
    void deadLettersABadRequestAtOnce() throws Exception {
        Alert a = alert("call-x", "capital-raise", 3);
        receiver.script(a.getAlertId(), 400);
        WebhookDispatcher d = dispatcher(receiver.url(), SECRET, 5);

        DeliveryOutcome outcome = d.submit(a).get(10, TimeUnit.SECONDS);

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.attempts()).isEqualTo(1);
        assertThat(receiver.requests(a.getAlertId())).isEqualTo(1);
        assertThat(deadLetters).singleElement().satisfies(l -> {
            assertThat(l.getCallId()).isEqualTo("call-x");
            assertThat(l.getStage()).isEqualTo("sink-webhook");
            assertThat(l.getReason()).contains(a.getAlertId(), "after 1 attempt", "HTTP 400", "not retried");
            assertThat(l.getObservedAt()).isEqualTo(a.getObservedAt());
            assertThat(l.getPayload().remaining()).isPositive();
        });
        assertThat(d.deadLettered()).isEqualTo(1);
        assertThat(d.retried()).isZero();
    }

    @Test
    void deadLettersAWrongSecretInsteadOfRetryingForever() throws Exception {
        Alert a = alert("call-x", "capital-raise", 3);
        WebhookDispatcher d = dispatcher(receiver.url(), "not-the-shared-secret", 5);

        DeliveryOutcome outcome = d.submit(a).get(10, TimeUnit.SECONDS);

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.last().status()).isEqualTo(401);
        assertThat(receiver.badSignatures()).isEqualTo(1);
        assertThat(receiver.accepted()).isEmpty();
        assertThat(deadLetters).singleElement().satisfies(l -> assertThat(l.getReason()).contains("HTTP 401"));
    }

    @Test
    void deadLettersWithTheReasonAfterTheLastAttemptFails() throws Exception {
        Alert a = alert("call-x", "capital-raise", 3);
        receiver.script(a.getAlertId(), 503, 503, 503, 503, 503, 503);
        WebhookDispatcher d = dispatcher(receiver.url(), SECRET, 4);

        DeliveryOutcome outcome = d.submit(a).get(10, TimeUnit.SECONDS);

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.attempts()).isEqualTo(4);
        assertThat(receiver.requests(a.getAlertId())).isEqualTo(4);
        assertThat(sleeps).containsExactly(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(20));
        assertThat(deadLetters).singleElement()
                .satisfies(l -> assertThat(l.getReason()).contains("after 4 attempts", "HTTP 503"));
        assertThat(d.attempted()).isEqualTo(4);
        assertThat(d.retried()).isEqualTo(3);
        assertThat(d.deadLettered()).isEqualTo(1);
    }

    @Test
    void retriesATimeOutAndTheReceiverDeduplicatesTheRepeat() throws Exception {
        Alert a = alert("call-x", "capital-raise", 3);
        // The receiver takes the alert but answers after the dispatcher has given up on the request.
        receiver.script(a.getAlertId(), LocalReceiver.DELAY_THEN_OK);
        WebhookDispatcher d = dispatcher(receiver.url(), SECRET, 3, Duration.ofMillis(500));

        DeliveryOutcome outcome = d.submit(a).get(10, TimeUnit.SECONDS);

        assertThat(outcome.delivered()).isTrue();
        assertThat(outcome.attempts()).isEqualTo(2);
        assertThat(receiver.requests(a.getAlertId())).isEqualTo(2);
        assertThat(receiver.accepted()).containsExactly(a.getAlertId());
        assertThat(d.retried()).isEqualTo(1);
    }

    @Test
    void retriesWhenNothingListensThenDeadLettersWithTheException() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        WebhookDispatcher d = dispatcher(URI.create("http://127.0.0.1:" + port + "/alerts"), SECRET, 3);

        DeliveryOutcome outcome = d.submit(alert("call-x", "capital-raise", 3)).get(10, TimeUnit.SECONDS);

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.attempts()).isEqualTo(3);
        assertThat(deadLetters).singleElement().satisfies(l -> {
            assertThat(l.getErrorClass()).isEqualTo("java.net.ConnectException");
            assertThat(l.getReason()).contains("after 3 attempts");
        });
    }
}
