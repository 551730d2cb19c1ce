package io.callstream.ingest.source;

import java.util.List;

import io.callstream.avro.CallEvent;
import io.callstream.avro.Status;
import io.callstream.avro.TranscriptLine;

/**
 * One call read from an input, ready to publish.
 *
 * @param callId the call's id
 * @param source where it came from ("file:calls/tesla.txt")
 * @param format the layout it was read as
 * @param events its events in order, CallStarted first and CallEnded last
 */
public record LoadedCall(String callId, String source, String format, List<CallEvent> events) {

    public LoadedCall {
        events = List.copyOf(events);
    }

    /** Distinct lines: the FINAL revisions, not the PARTIAL ones before them. */
    public long lines() {
        return events.stream().filter(e -> e.getPayload() instanceof TranscriptLine line
                && line.getStatus() == Status.FINAL).count();
    }
}
