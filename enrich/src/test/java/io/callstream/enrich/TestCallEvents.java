package io.callstream.enrich;

import java.time.Instant;
import java.util.List;

import io.callstream.avro.CallEnded;
import io.callstream.avro.CallEvent;
import io.callstream.avro.CallStarted;
import io.callstream.avro.Role;
import io.callstream.avro.Section;
import io.callstream.avro.SpeakerIdentified;
import io.callstream.avro.Status;
import io.callstream.avro.TranscriptLine;

/** Builds a small call's events for topology tests: lines one second apart, in order. */
public final class TestCallEvents {

    public static final Instant CALL_START = Instant.parse("2017-02-22T22:30:00Z");

    private final String callId;
    private final Instant start;
    private long seq;

    public TestCallEvents(String callId) {
        this(callId, CALL_START);
    }

    /** A call whose observedAt clock starts at {@code start}. */
    public TestCallEvents(String callId, Instant start) {
        this.callId = callId;
        this.start = start;
    }

    public CallEvent started(String company) {
        return event(0, CallStarted.newBuilder().setCompany(company).setTicker("TSLA").setSource("test").build());
    }

    public CallEvent line(String label, String affiliation, Section section, String text) {
        long s = seq++;
        return event(1000 * (s + 1), TranscriptLine.newBuilder()
                .setLineId("L" + s).setSeq(s).setRevision(0).setStatus(Status.FINAL)
                .setSpeakerLabel(label).setAffiliation(affiliation).setSection(section).setText(text)
                .setFlags(List.of()).build());
    }

    /** A line at a chosen seq, lineId {@code L<seq>}, at call time {@code 1000 * (seq + 1)}; does not move the counter. */
    public CallEvent line(long seq, int revision, Status status, String label, Section section, String text) {
        return event(1000 * (seq + 1), TranscriptLine.newBuilder()
                .setLineId("L" + seq).setSeq(seq).setRevision(revision).setStatus(status)
                .setSpeakerLabel(label).setSection(section).setText(text)
                .setFlags(List.of()).build());
    }

    /** The next line, at a chosen call time (and observedAt), for tests of stream-time bounds. */
    public CallEvent lineAt(long offsetMs, String label, String text) {
        long s = seq++;
        return event(offsetMs, TranscriptLine.newBuilder()
                .setLineId("L" + s).setSeq(s).setRevision(0).setStatus(Status.FINAL)
                .setSpeakerLabel(label).setText(text).setFlags(List.of()).build());
    }

    /** A source saying who {@code label} is, at the call time of the last line. */
    public CallEvent identified(String label, String name, String affiliation, Role role) {
        return event(1000 * seq, SpeakerIdentified.newBuilder().setSpeakerLabel(label).setName(name)
                .setAffiliation(affiliation).setRole(role).build());
    }

    /** The call's end, saying the source sent {@code lineCount} lines. */
    public CallEvent ended(long lineCount) {
        return event(1000 * (lineCount + 1), CallEnded.newBuilder().setLineCount(lineCount).build());
    }

    public CallEvent ended() {
        return event(1000 * (seq + 1), CallEnded.newBuilder().setLineCount(seq).build());
    }

    private CallEvent event(long offsetMs, Object payload) {
        return CallEvent.newBuilder().setCallId(callId).setCallOffsetMs(offsetMs)
                .setObservedAt(start.plusMillis(offsetMs)).setPayload(payload).build();
    }
}
