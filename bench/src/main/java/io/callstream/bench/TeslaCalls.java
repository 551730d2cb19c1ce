package io.callstream.bench;

import java.util.ArrayList;
import java.util.List;

import io.callstream.avro.CallEvent;
import io.callstream.avro.TranscriptLine;
import io.callstream.ingest.TeslaSample;
import io.callstream.ingest.events.CallEventFactory;
import io.callstream.ingest.events.CallMetadata;
import io.callstream.ingest.parse.ParsedTranscript;

/**
 * The bundled Tesla call as events under any call id, parsed once. The enrich benchmarks replay it under a new id
 * for every call they send: a repeated id would meet the state (or the end) of the call sent before it.
 */
final class TeslaCalls {

    private final ParsedTranscript transcript;

    private TeslaCalls(ParsedTranscript transcript) {
        this.transcript = transcript;
    }

    static TeslaCalls load() {
        return new TeslaCalls(TeslaSample.transcript());
    }

    /** CallStarted, every line, CallEnded: the call as ingest publishes it, under {@code callId}. */
    List<CallEvent> call(String callId) {
        CallMetadata m = TeslaSample.METADATA;
        return CallEventFactory.events(new CallMetadata(callId, m.company(), m.ticker(), m.fiscalPeriod(),
                m.scheduledStart(), m.source(), m.title()), transcript);
    }

    /**
     * CallStarted and {@code lines} lines of the call from line {@code from} on, renumbered from seq 0, without the
     * end: a call still under way, caught at any stretch of the Tesla call's text (a long answer, a quick exchange).
     */
    List<CallEvent> openCall(String callId, int from, int lines) {
        if (from < 0 || lines < 0 || from + lines > lineCount()) {
            throw new IllegalArgumentException(
                    "the Tesla call has " + lineCount() + " lines, not " + from + " + " + lines);
        }
        List<CallEvent> all = call(callId);
        List<CallEvent> open = new ArrayList<>(1 + lines);
        open.add(all.get(0));
        for (int seq = 0; seq < lines; seq++) {
            CallEvent event = all.get(1 + from + seq);
            TranscriptLine line = TranscriptLine.newBuilder((TranscriptLine) event.getPayload())
                    .setSeq(seq).setLineId(CallEventFactory.lineId(callId, seq)).build();
            open.add(CallEvent.newBuilder(event).setPayload(line).build());
        }
        return open;
    }

    /** The lines of one call: what the benchmarks count per second. */
    int lineCount() {
        return transcript.lines().size();
    }
}
