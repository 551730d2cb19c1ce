package io.callstream.ingest.events;

import io.callstream.avro.CallEnded;
import io.callstream.avro.CallEvent;
import io.callstream.avro.CallStarted;
import io.callstream.avro.Status;
import io.callstream.avro.TranscriptLine;
import io.callstream.ingest.parse.ParsedLine;
import io.callstream.ingest.parse.ParsedTranscript;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a parsed transcript into the ordered events of its call: CallStarted, one FINAL TranscriptLine
 * per parsed line, CallEnded.
 *
 * <p>{@code lineId} is {@code <callId>-L<seq, five digits or more>} ({@code tesla-2016-q4-L00042}):
 * unique across calls, so a store can key on it alone, and sorting as the call runs. It derives from
 * {@code seq}, so it is stable for as long as the same text is parsed by the same rules.
 *
 * <p>{@code observedAt} is {@code scheduledStart + callOffsetMs}: a transcript records no time at
 * which it was seen, and the design keeps a replay on the call's own clock. Where the start is
 * unknown the epoch stands in for it, so events keep their spacing and their order and an observer
 * can tell from the 1970 date that the start was not known.
 */
public final class CallEventFactory {

    private CallEventFactory() {
    }

    public static List<CallEvent> events(CallMetadata call, ParsedTranscript transcript) {
        Instant start = call.scheduledStart() != null ? call.scheduledStart() : Instant.EPOCH;
        List<ParsedLine> lines = transcript.lines();
        List<CallEvent> events = new ArrayList<>(lines.size() + 2);
        events.add(event(call, start, 0, callStarted(call, transcript)));
        for (int seq = 0; seq < lines.size(); seq++) {
            ParsedLine line = lines.get(seq);
            events.add(event(call, start, line.callOffsetMs(), transcriptLine(call.callId(), seq, line)));
        }
        CallEnded ended = CallEnded.newBuilder().setLineCount(lines.size()).build();
        events.add(event(call, start, endOffset(lines), ended));
        return List.copyOf(events);
    }

    /** The id of the line at {@code seq} in the call {@code callId}. */
    public static String lineId(String callId, long seq) {
        return String.format(Locale.ROOT, "%s-L%05d", callId, seq);
    }

    private static CallStarted callStarted(CallMetadata call, ParsedTranscript transcript) {
        return CallStarted.newBuilder()
                .setCompany(call.company())
                .setTicker(call.ticker())
                .setFiscalPeriod(call.fiscalPeriod())
                .setScheduledStart(call.scheduledStart())
                .setTitle(call.title() != null ? call.title() : transcript.title())
                .setSource(call.source())
                .setCompanySource(call.companySource())
                .build();
    }

    private static TranscriptLine transcriptLine(String callId, int seq, ParsedLine line) {
        return TranscriptLine.newBuilder()
                .setLineId(lineId(callId, seq))
                .setSeq(seq)
                .setRevision(0)
                .setStatus(Status.FINAL)
                .setSpeakerLabel(line.speakerLabel())
                .setAffiliation(line.affiliation())
                .setSpeakerRole(line.role())
                .setSection(line.section())
                .setText(line.text())
                .setDurationMs(line.durationMs())
                .setFlags(List.copyOf(line.flags()))
                .build();
    }

    /**
     * Where the last line ends. Its duration is null when no later line or marker bounds it; the call
     * then ends, as far as the transcript can tell, where that line starts.
     */
    private static long endOffset(List<ParsedLine> lines) {
        if (lines.isEmpty()) {
            return 0;
        }
        ParsedLine last = lines.get(lines.size() - 1);
        return last.callOffsetMs() + (last.durationMs() != null ? last.durationMs() : 0);
    }

    private static CallEvent event(CallMetadata call, Instant start, long offsetMs, Object payload) {
        return CallEvent.newBuilder()
                .setCallId(call.callId())
                .setCallOffsetMs(offsetMs)
                .setObservedAt(start.plusMillis(offsetMs))
                .setPayload(payload)
                .build();
    }
}
