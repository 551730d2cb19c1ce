package io.callstream.sink.webhook;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.callstream.avro.Alert;
import io.callstream.schemas.errors.DeadLetters;
import io.callstream.schemas.json.AlertJson;
import io.callstream.sink.DeadLetterSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers alerts to one webhook endpoint: a signed JSON POST per alert, retried with backoff, dead-lettered when
 * the endpoint refuses it or after the endpoint's last attempt.
 *
 * <p>Ordering: the dispatcher has a fixed number of lanes, each one thread working through its queue in order, and
 * a call always goes to the same lane (by its id's hash). So a call's next alert waits until the one before it is
 * delivered or dead-lettered, while calls in other lanes go on; calls that share a lane wait for each other, the
 * price of a fixed thread count. One lane gives strict order across all calls.
 *
 * <p>At least once: an alert the receiver took but whose answer was lost (a time-out) is sent again with the same
 * {@code Idempotency-Key} (the alert id), so receivers deduplicate by it.
 */
public final class WebhookDispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final String STAGE = "sink-webhook";

    private final WebhookEndpoint endpoint;
    private final WebhookSigner signer;
    private final HttpClient http;
    private final DeadLetterSink deadLetters;
    private final Sleeper sleeper;
    private final Clock clock;
    private final List<ExecutorService> lanes;

    private final AtomicLong attempted = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();

    public WebhookDispatcher(WebhookEndpoint endpoint, int laneCount, DeadLetterSink deadLetters, Sleeper sleeper,
                             Clock clock) {
        if (laneCount < 1) {
            throw new IllegalArgumentException("A webhook dispatcher needs at least one lane");
        }
        this.endpoint = endpoint;
        this.signer = new WebhookSigner(endpoint.secret());
        this.http = HttpClient.newBuilder()
                .connectTimeout(endpoint.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.deadLetters = deadLetters;
        this.sleeper = sleeper;
        this.clock = clock;
        List<ExecutorService> l = new ArrayList<>(laneCount);
        for (int i = 0; i < laneCount; i++) {
            String threadName = "webhook-" + endpoint.name() + "-" + i;
            l.add(Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, threadName);
                t.setDaemon(true);
                return t;
            }));
        }
        this.lanes = List.copyOf(l);
    }

    public WebhookDispatcher(WebhookEndpoint endpoint, int laneCount, DeadLetterSink deadLetters) {
        this(endpoint, laneCount, deadLetters, Sleeper.REAL, Clock.systemUTC());
    }

    /**
     * Queues the alert behind the earlier alerts of its call. The future completes when it is delivered or
     * dead-lettered, and completes exceptionally only if the dispatcher was closed (interrupted) first: then the
     * alert was neither, and must be offered again.
     */
    public CompletableFuture<DeliveryOutcome> submit(Alert alert) {
        ExecutorService lane = lanes.get(laneOf(alert.getCallId()));
        Task task = new Task(alert);
        lane.execute(task);
        return task.result;
    }

    int laneOf(String callId) {
        return Math.floorMod(callId.hashCode(), lanes.size());
    }

    /** One alert in a lane's queue, kept as itself so that {@link #close()} can fail the ones never started. */
    private final class Task implements Runnable {
        private final Alert alert;
        private final CompletableFuture<DeliveryOutcome> result = new CompletableFuture<>();

        Task(Alert alert) {
            this.alert = alert;
        }

        @Override
        public void run() {
            try {
                result.complete(deliver(alert));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                result.completeExceptionally(e);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }
    }

    private DeliveryOutcome deliver(Alert alert) throws InterruptedException {
        byte[] body = AlertJson.toBytes(alert);
        AttemptResult last = null;
        int attempt = 0;
        while (attempt < endpoint.maxAttempts()) {
            if (attempt > 0) {
                retried.incrementAndGet();
                sleeper.sleep(endpoint.backoffAfter(attempt));
            }
            attempt++;
            attempted.incrementAndGet();
            last = post(alert.getAlertId(), body);
            if (last.delivered()) {
                delivered.incrementAndGet();
                log.debug("Alert {} delivered to {} on attempt {}", alert.getAlertId(), endpoint.name(), attempt);
                return new DeliveryOutcome(alert.getAlertId(), alert.getCallId(), true, attempt, last);
            }
            log.info("Alert {} to {}: attempt {} of {} failed with {}", alert.getAlertId(), endpoint.name(), attempt,
                    endpoint.maxAttempts(), last.describe());
            if (!last.retryable()) {
                break;
            }
        }
        deadLetter(alert, body, attempt, last);
        return new DeliveryOutcome(alert.getAlertId(), alert.getCallId(), false, attempt, last);
    }

    private AttemptResult post(String alertId, byte[] body) throws InterruptedException {
        long now = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(endpoint.url())
                .timeout(endpoint.timeout())
                .header("Content-Type", "application/json")
                .header(WebhookSigner.IDEMPOTENCY_KEY_HEADER, alertId)
                .header(WebhookSigner.TIMESTAMP_HEADER, Long.toString(now))
                .header(WebhookSigner.SIGNATURE_HEADER, signer.sign(now, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            return AttemptResult.status(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (IOException e) {
            // HttpTimeoutException and ConnectException are IOExceptions: both worth another attempt.
            return AttemptResult.error(e);
        }
    }

    private void deadLetter(Alert alert, byte[] body, int attempts, AttemptResult last) {
        String reason = "Webhook " + endpoint.name() + " (" + endpoint.url() + ") did not take alert "
                + alert.getAlertId() + " after " + attempts + (attempts == 1 ? " attempt" : " attempts") + ": "
                + last.describe() + (last.retryable() ? "" : " (not retried)");
        log.warn("Dead letter: {}", reason);
        deadLetters.send(DeadLetters.refusedInput(STAGE, reason, last.error(), alert.getCallId(),
                "webhook " + endpoint.name(), body, alert.getObservedAt()));
        deadLettered.incrementAndGet();
    }

    public WebhookEndpoint endpoint() {
        return endpoint;
    }

    /** HTTP requests sent, first tries and retries alike. */
    public long attempted() {
        return attempted.get();
    }

    public long delivered() {
        return delivered.get();
    }

    /** Attempts after the first, across all alerts. */
    public long retried() {
        return retried.get();
    }

    public long deadLettered() {
        return deadLettered.get();
    }

    /**
     * Stops the lanes, interrupting a delivery in progress. Alerts not yet delivered or dead-lettered have their
     * futures fail with a {@link CancellationException}: whoever offered them must offer them again.
     */
    @Override
    public void close() {
        for (ExecutorService lane : lanes) {
            for (Runnable queued : lane.shutdownNow()) {
                ((Task) queued).result.completeExceptionally(new CancellationException("Webhook dispatcher closed"));
            }
        }
        for (ExecutorService lane : lanes) {
            try {
                lane.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
