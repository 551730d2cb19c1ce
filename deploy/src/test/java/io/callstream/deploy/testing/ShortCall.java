package io.callstream.deploy.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.callstream.avro.CallEnded;
import io.callstream.avro.CallEvent;
import io.callstream.avro.CallStarted;
import io.callstream.avro.Section;
import io.callstream.avro.Status;
import io.callstream.avro.TranscriptLine;

/**
 * A short call (about 6 s of call time, a line every 800 ms) so that replaying it at its own pace stays cheap: one
 * exchange with a follow-up and a declined answer, then the operator's next introduction.
 */
public final class ShortCall {

    public static final Instant START = Instant.parse("2017-02-22T22:30:00Z");

    private ShortCall() {
    }

    public static List<CallEvent> events(String callId) {
        List<CallEvent> events = new ArrayList<>();
        events.add(event(callId, 0, CallStarted.newBuilder().setCompany("Tesla, Inc.").setTicker("TSLA")
                .setSource("test").build()));
        String[][] lines = {
                {"Operator", null, "Our first question comes from the line of Adam Jonas with Morgan Stanley."},
                {"Adam Michael Jonas", "Morgan Stanley & Co. LLC", "How many Model 3s a week by the end of the year?"},
                {"Elon Reeve Musk", "Tesla, Inc.", "We expect to get to 5,000 a week."},
                {"Elon Reeve Musk", "Tesla, Inc.", "That is the plan."},
                {"Adam Michael Jonas", "Morgan Stanley & Co. LLC", "And the cash burn?"},
                {"Jason S. Wheeler", "Tesla, Inc.", "We don't break that down."},
                {"Operator", null, "Our next question comes from Ryan Brinkman with JPMorgan."}};
        for (int i = 0; i < lines.length; i++) {
            events.add(event(callId, 800L * (i + 1), TranscriptLine.newBuilder().setLineId("c-L" + i).setSeq(i)
                    .setStatus(Status.FINAL).setSpeakerLabel(lines[i][0]).setAffiliation(lines[i][1])
                    .setSection(Section.QUESTIONS_AND_ANSWERS).setText(lines[i][2]).setDurationMs(800L)
                    .setFlags(List.of()).build()));
        }
        events.add(event(callId, 800L * (lines.length + 1), CallEnded.newBuilder().setLineCount(lines.length).build()));
        return events;
    }

    private static CallEvent event(String callId, long offsetMs, Object payload) {
        return CallEvent.newBuilder().setCallId(callId).setCallOffsetMs(offsetMs)
                .setObservedAt(START.plusMillis(offsetMs)).setPayload(payload).build();
    }
}
