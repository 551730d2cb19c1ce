package io.callstream.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import io.callstream.avro.CallEnded;
import io.callstream.avro.CallEvent;
import org.junit.jupiter.api.Test;

class ReplayScheduleTest {

    private static CallEvent at(String callId, Instant start, long elapsedMs) {
        return CallEvent.newBuilder().setCallId(callId).setCallOffsetMs(elapsedMs).setObservedAt(start.plusMillis(elapsedMs))
                .setPayload(CallEnded.newBuilder().setLineCount(0).build()).build();
    }

    @Test
    void interleavesCallsAsIfTheyStartedTogether() {
        Instant monday = Instant.parse("2021-05-03T13:00:00Z");
        Instant friday = Instant.parse("2021-05-07T21:00:00Z");
        List<CallEvent> a = List.of(at("a", monday, 0), at("a", monday, 3000), at("a", monday, 5000));
        List<CallEvent> b = List.of(at("b", friday, 0), at("b", friday, 1000), at("b", friday, 4000));

        List<ReplaySchedule.Entry> schedule = ReplaySchedule.of(List.of(a, b));

        assertThat(schedule).extracting(e -> e.event().getCallId() + "@" + e.elapsedMs())
                .containsExactly("a@0", "b@0", "b@1000", "a@3000", "b@4000", "a@5000");
    }

    @Test
    void neverReordersACallWhoseClockGoesBackwards() {
        Instant start = Instant.parse("2021-05-03T13:00:00Z");
        List<CallEvent> a = List.of(at("a", start, 0), at("a", start, 2000), at("a", start, 1500));

        assertThat(ReplaySchedule.of(List.of(a))).extracting(ReplaySchedule.Entry::elapsedMs)
                .containsExactly(0L, 2000L, 2000L);
    }

    @Test
    void paceDividesTheCallsClock() {
        assertThat(Pace.parse("10").dueAfterMs(5000)).isEqualTo(500);
        assertThat(Pace.parse("1x").dueAfterMs(5000)).isEqualTo(5000);
        assertThat(Pace.MAX.dueAfterMs(5000)).isZero();
    }
}
