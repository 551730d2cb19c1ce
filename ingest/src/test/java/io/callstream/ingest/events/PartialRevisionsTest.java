package io.callstream.ingest.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import io.callstream.avro.CallEnded;
import io.callstream.avro.CallEvent;
import io.callstream.avro.Status;
import io.callstream.avro.TranscriptLine;
import org.junit.jupiter.api.Test;

class PartialRevisionsTest {

    private static final Instant START = Instant.parse("2021-05-04T13:00:00Z");

    private static CallEvent line(long offsetMs, Long durationMs, String text) {
        return CallEvent.newBuilder().setCallId("c").setCallOffsetMs(offsetMs).setObservedAt(START.plusMillis(offsetMs))
                .setPayload(TranscriptLine.newBuilder().setLineId("c-L00000").setSeq(0).setStatus(Status.FINAL)
                        .setText(text).setDurationMs(durationMs).setFlags(List.of()).build())
                .build();
    }

    private static TranscriptLine payload(CallEvent e) {
        return (TranscriptLine) e.getPayload();
    }

    @Test
    void sendsGrowingPrefixesAsPartialsThenTheFinalSentence() {
        List<CallEvent> out = new PartialRevisions(3).apply(List.of(line(1000, 4000L, "We expect five thousand a week.")));

        assertThat(out).extracting(e -> payload(e).getStatus())
                .containsExactly(Status.PARTIAL, Status.PARTIAL, Status.PARTIAL, Status.FINAL);
        assertThat(out).extracting(e -> payload(e).getRevision()).containsExactly(0, 1, 2, 3);
        assertThat(out).extracting(e -> payload(e).getText()).containsExactly(
                "We expect", "We expect five", "We expect five thousand a", "We expect five thousand a week.");
        assertThat(out).extracting(e -> payload(e).getLineId()).containsOnly("c-L00000");
    }

    @Test
    void spreadsRevisionsOverTheTimeTheSentenceIsSpokenAndKeepsItsAudioPosition() {
        List<CallEvent> out = new PartialRevisions(3).apply(List.of(line(1000, 4000L, "one two three four five")));

        assertThat(out).extracting(e -> e.getObservedAt().toEpochMilli() - START.toEpochMilli())
                .containsExactly(2000L, 3000L, 4000L, 5000L);
        assertThat(out).extracting(CallEvent::getCallOffsetMs).containsOnly(1000L);
    }

    @Test
    void aOneWordLineHasNoPartial() {
        assertThat(new PartialRevisions(3).apply(List.of(line(0, 500L, "Thanks."))))
                .extracting(e -> payload(e).getStatus()).containsExactly(Status.FINAL);
    }

    @Test
    void laterEventsAreNeverObservedBeforeEarlierOnes() {
        CallEvent ended = CallEvent.newBuilder().setCallId("c").setCallOffsetMs(1000).setObservedAt(START.plusMillis(1000))
                .setPayload(CallEnded.newBuilder().setLineCount(1).build()).build();

        List<CallEvent> out = new PartialRevisions(2).apply(List.of(line(1000, null, "a b c"), ended));

        for (int i = 1; i < out.size(); i++) {
            assertThat(out.get(i).getObservedAt()).isAfterOrEqualTo(out.get(i - 1).getObservedAt());
        }
    }
}
