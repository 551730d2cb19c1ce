package io.callstream.ingest.publish;

import io.callstream.avro.CallEvent;

/**
 * An event a sender did not produce because it breaks {@link io.callstream.schemas.limits.EventText}'s rule, with
 * the rule's reason: for the caller to dead-letter, since only it knows where the event came from.
 */
public record RefusedEvent(CallEvent event, String reason) {
}
