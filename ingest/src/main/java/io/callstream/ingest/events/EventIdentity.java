package io.callstream.ingest.events;

import io.callstream.avro.CallEvent;
import io.callstream.avro.TranscriptLine;
import java.util.Objects;

/**
 * What makes two call events the same event, so a resent one can be recognised.
 *
 * <p>A line is {@code (callId, lineId, revision)}: the issue's identity, and the one enrich deduplicates by. A
 * feed that changes a line sends a higher revision; the same revision twice is the same line, resent. Every other
 * event (call started, speaker identified, call ended) is identified by its whole payload: the same fact sent
 * twice is one fact, and a changed one (a corrected ticker) is a new event.
 *
 * @param type the payload's record name ({@code TranscriptLine}, {@code CallStarted}, ...)
 * @param key  for a line, {@code lineId#revision}; otherwise the payload's Avro JSON text
 */
public record EventIdentity(String callId, String type, String key) {

    public EventIdentity {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(key, "key");
    }

    public static EventIdentity of(CallEvent event) {
        Object payload = event.getPayload();
        String type = payload.getClass().getSimpleName();
        if (payload instanceof TranscriptLine line) {
            // The revision is a number, so the last '#' always separates it, whatever the lineId holds.
            return new EventIdentity(event.getCallId(), type, line.getLineId() + "#" + line.getRevision());
        }
        return new EventIdentity(event.getCallId(), type, payload.toString());
    }

    public boolean isLine() {
        return TranscriptLine.class.getSimpleName().equals(type);
    }
}
