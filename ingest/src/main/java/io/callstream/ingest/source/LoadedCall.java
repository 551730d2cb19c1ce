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
 * @param sourceLines for each event, the line of the input it was read from (from 1; 0 for none, such as a
 *                    transcript's CallStarted); empty when not known
 */
public record LoadedCall(String callId, String source, String format, List<CallEvent> events,
                         List<Integer> sourceLines) {

    public LoadedCall {
        events = List.copyOf(events);
        sourceLines = List.copyOf(sourceLines);
        if (!sourceLines.isEmpty() && sourceLines.size() != events.size()) {
            throw new IllegalArgumentException(sourceLines.size() + " source lines for " + events.size() + " events");
        }
    }

    /** A call whose events are not tied to lines of its input. */
    public LoadedCall(String callId, String source, String format, List<CallEvent> events) {
        this(callId, source, format, events, List.of());
    }

    /** The line of the input event {@code index} was read from, or 0 when unknown. */
    public int sourceLine(int index) {
        return sourceLines.isEmpty() ? 0 : sourceLines.get(index);
    }

    /** The same call with other events (fewer, or revised), no longer tied to lines of the input. */
    public LoadedCall withEvents(List<CallEvent> others) {
        return new LoadedCall(callId, source, format, others);
    }

    /** Distinct lines: the FINAL revisions, not the PARTIAL ones before them. */
    public long lines() {
        return events.stream().filter(e -> e.getPayload() instanceof TranscriptLine line
                && line.getStatus() == Status.FINAL).count();
    }
}
