package io.callstream.ingest.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.avro.CallEnded;
import io.callstream.avro.CallEvent;
import io.callstream.avro.CallStarted;
import io.callstream.avro.LineFlag;
import io.callstream.avro.Section;
import io.callstream.avro.Status;
import io.callstream.avro.TranscriptLine;
import io.callstream.ingest.parse.ParsedLine;
import io.callstream.ingest.parse.ParsedTranscript;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallEventFactoryTest {

    private static final Instant START = Instant.parse("2017-02-22T22:30:00Z");
    private static final CallMetadata CALL = new CallMetadata(
            "acme-2020-q1", "Acme, Inc.", "ACME", "2020-Q1", START, "file:acme.txt", "Acme Q1 2020 earnings call");

    private static final ParsedTranscript TRANSCRIPT = new ParsedTranscript("From the file", List.of(
            new ParsedLine(null, null, Section.PREPARED_REMARKS, "Thank you.", 1_000, 4_000L,
                    Set.of(LineFlag.INTERPOLATED_TIME)),
            new ParsedLine("Operator", null, Section.QUESTIONS_AND_ANSWERS, "Your line is open.", 5_000, 2_500L,
                    Set.of()),
            new ParsedLine("Jane Doe", "Bank, Inc.", Section.QUESTIONS_AND_ANSWERS, "Hi.", 7_500, 1_000L,
                    Set.of(LineFlag.PHONETIC_SPELLING, LineFlag.INTERPOLATED_TIME))));

    private final List<CallEvent> events = CallEventFactory.events(CALL, TRANSCRIPT);

    @Test
    void startsWithCallStartedThenOneLinePerParsedLineThenCallEnded() {
        assertThat(events).extracting(CallEventFactoryTest::kind).containsExactly(
                "CallStarted", "TranscriptLine", "TranscriptLine", "TranscriptLine", "CallEnded");
        assertThat(events).extracting(CallEvent::getCallId).containsOnly("acme-2020-q1");
    }

    @Test
    void describesTheCallInCallStarted() {
        CallStarted started = (CallStarted) events.get(0).getPayload();

        assertThat(started.getCompany()).isEqualTo("Acme, Inc.");
        assertThat(started.getTicker()).isEqualTo("ACME");
        assertThat(started.getFiscalPeriod()).isEqualTo("2020-Q1");
        assertThat(started.getScheduledStart()).isEqualTo(START);
        assertThat(started.getSource()).isEqualTo("file:acme.txt");
        assertThat(started.getTitle()).isEqualTo("Acme Q1 2020 earnings call");
        assertThat(events.get(0).getCallOffsetMs()).isZero();
    }

    @Test
    void fallsBackToTheTranscriptsTitle() {
        CallMetadata untitled = new CallMetadata("c", "Acme", null, null, START, "file:x", null);

        CallStarted started = (CallStarted) CallEventFactory.events(untitled, TRANSCRIPT).get(0).getPayload();

        assertThat(started.getTitle()).isEqualTo("From the file");
    }

    @Test
    void numbersLinesFromZeroAsFinalFirstRevisions() {
        List<TranscriptLine> lines = lines();

        assertThat(lines).extracting(TranscriptLine::getSeq).containsExactly(0L, 1L, 2L);
        assertThat(lines).extracting(TranscriptLine::getLineId)
                .containsExactly("acme-2020-q1-L00000", "acme-2020-q1-L00001", "acme-2020-q1-L00002");
        assertThat(lines).extracting(TranscriptLine::getRevision).containsOnly(0);
        assertThat(lines).extracting(TranscriptLine::getStatus).containsOnly(Status.FINAL);
    }

    @Test
    void carriesEverythingTheParserFound() {
        TranscriptLine line = lines().get(2);

        assertThat(line.getSpeakerLabel()).isEqualTo("Jane Doe");
        assertThat(line.getAffiliation()).isEqualTo("Bank, Inc.");
        assertThat(line.getSection()).isEqualTo(Section.QUESTIONS_AND_ANSWERS);
        assertThat(line.getText()).isEqualTo("Hi.");
        assertThat(line.getDurationMs()).isEqualTo(1_000L);
        assertThat(line.getFlags()).containsExactly(LineFlag.PHONETIC_SPELLING, LineFlag.INTERPOLATED_TIME);
        assertThat(lines().get(0).getSpeakerLabel()).isNull();
    }

    @Test
    void observesEachEventAtTheScheduledStartPlusItsCallOffset() {
        assertThat(events).extracting(CallEvent::getCallOffsetMs).containsExactly(0L, 1_000L, 5_000L, 7_500L, 8_500L);
        assertThat(events).allSatisfy(event ->
                assertThat(event.getObservedAt()).isEqualTo(START.plusMillis(event.getCallOffsetMs())));
    }

    @Test
    void endsTheCallWhereTheLastLineEndsWithItsLineCount() {
        CallEvent last = events.get(events.size() - 1);

        assertThat(((CallEnded) last.getPayload()).getLineCount()).isEqualTo(3);
        assertThat(last.getCallOffsetMs()).isEqualTo(8_500);
    }

    @Test
    void endsTheCallAtTheLastLinesStartWhenItsDurationIsUnknown() {
        ParsedTranscript open = new ParsedTranscript(null, List.of(
                new ParsedLine("Operator", null, Section.UNKNOWN, "Goodbye.", 9_000, null, Set.of())));

        CallEvent last = CallEventFactory.events(CALL, open).get(2);

        assertThat(last.getCallOffsetMs()).isEqualTo(9_000);
    }

    @Test
    void usesTheEpochAsStartWhenTheScheduleIsUnknown() {
        CallMetadata unscheduled = new CallMetadata("c", "Acme", null, null, null, "file:x", null);

        List<CallEvent> unscheduledEvents = CallEventFactory.events(unscheduled, TRANSCRIPT);

        assertThat(unscheduledEvents).extracting(CallEvent::getObservedAt).containsExactly(
                Instant.ofEpochMilli(0), Instant.ofEpochMilli(1_000), Instant.ofEpochMilli(5_000),
                Instant.ofEpochMilli(7_500), Instant.ofEpochMilli(8_500));
        assertThat(((CallStarted) unscheduledEvents.get(0).getPayload()).getScheduledStart()).isNull();
    }

    @Test
    void emitsOnlyStartAndEndForAnEmptyTranscript() {
        List<CallEvent> empty = CallEventFactory.events(CALL, new ParsedTranscript(null, List.of()));

        assertThat(empty).extracting(CallEventFactoryTest::kind).containsExactly("CallStarted", "CallEnded");
        assertThat(((CallEnded) empty.get(1).getPayload()).getLineCount()).isZero();
    }

    @Test
    void widensTheLineIdBeyondFiveDigitsRatherThanWrapping() {
        assertThat(CallEventFactory.lineId("c", 123_456)).isEqualTo("c-L123456");
    }

    private static String kind(CallEvent event) {
        return event.getPayload().getClass().getSimpleName();
    }

    private List<TranscriptLine> lines() {
        return events.stream()
                .map(CallEvent::getPayload)
                .filter(TranscriptLine.class::isInstance)
                .map(TranscriptLine.class::cast)
                .toList();
    }
}
