package io.callstream.sink.webhook;

/** How an alert's delivery to one endpoint ended: delivered, or dead-lettered after {@code attempts} tries. */
public record DeliveryOutcome(String alertId, String callId, boolean delivered, int attempts, AttemptResult last) {
}
