package io.callstream.deploy.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.callstream.avro.CallEnded;
import io.callstream.avro.CallEvent;
import io.callstream.avro.CallStarted;
import io.callstream.avro.QaExchange;
import io.callstream.avro.Section;
import io.callstream.avro.SpeakerTurn;
import io.callstream.avro.Status;
import io.callstream.avro.TranscriptLine;
import io.callstream.deploy.demo.DemoRun;
import io.callstream.deploy.stack.EmbeddedStack;
import io.callstream.deploy.testing.TopicContents;
import io.callstream.ingest.publish.Pace;
import io.callstream.schemas.topics.TopicNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same call through the whole pipeline on a real broker, twice as fast as possible and once at its own pace,
 * gives the same turns and exchanges, record for record: output depends on the records, never on when they came.
 */
class ReplayDeterminismTest {

    private static final Instant START = Instant.parse("2017-02-22T22:30:00Z");

    @TempDir
    Path dir;

    /** A short call (about 6 s of call time) so that replaying it at its own pace stays cheap. */
    private static List<CallEvent> shortCall() {
        List<CallEvent> events = new ArrayList<>();
        events.add(event(0, CallStarted.newBuilder().setCompany("Tesla, Inc.").setTicker("TSLA").setSource("test").build()));
        String[][] lines = {
                {"Operator", null, "Our first question comes from the line of Adam Jonas with Morgan Stanley."},
                {"Adam Michael Jonas", "Morgan Stanley & Co. LLC", "How many Model 3s a week by the end of the year?"},
                {"Elon Reeve Musk", "Tesla, Inc.", "We expect to get to 5,000 a week."},
                {"Elon Reeve Musk", "Tesla, Inc.", "That is the plan."},
                {"Adam Michael Jonas", "Morgan Stanley & Co. LLC", "And the cash burn?"},
                {"Jason S. Wheeler", "Tesla, Inc.", "We don't break that down."},
                {"Operator", null, "Our next question comes from Ryan Brinkman with JPMorgan."}};
        for (int i = 0; i < lines.length; i++) {
            events.add(event(800L * (i + 1), TranscriptLine.newBuilder().setLineId("c-L" + i).setSeq(i)
                    .setStatus(Status.FINAL).setSpeakerLabel(lines[i][0]).setAffiliation(lines[i][1])
                    .setSection(Section.QUESTIONS_AND_ANSWERS).setText(lines[i][2]).setDurationMs(800L)
                    .setFlags(List.of()).build()));
        }
        events.add(event(800L * (lines.length + 1), CallEnded.newBuilder().setLineCount(lines.length).build()));
        return events;
    }

    private static CallEvent event(long offsetMs, Object payload) {
        return CallEvent.newBuilder().setCallId("determinism").setCallOffsetMs(offsetMs)
                .setObservedAt(START.plusMillis(offsetMs)).setPayload(payload).build();
    }

    private record Output(List<SpeakerTurn> turns, List<QaExchange> exchanges) {
    }

    private Output run(Pace pace, String name) throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.start()) {
            DemoRun.run(stack.endpoints(), DemoRun.Options.of(shortCall(), pace, dir.resolve(name + ".db"), null));
            return new Output(
                    TopicContents.readAll(stack.endpoints(), TopicNames.defaults().callTurns(), SpeakerTurn.class),
                    TopicContents.readAll(stack.endpoints(), TopicNames.defaults().qa(), QaExchange.class));
        }
    }

    @Test
    void replayingAtAnyPaceGivesTheSameTurnsAndExchanges() throws Exception {
        Output first = run(Pace.MAX, "first");
        Output second = run(Pace.MAX, "second");
        Output ownPace = run(Pace.parse("1"), "own-pace");

        assertThat(first.turns()).isNotEmpty();
        assertThat(first.exchanges()).isNotEmpty();
        assertThat(second).isEqualTo(first);
        assertThat(ownPace).isEqualTo(first);
    }
}
