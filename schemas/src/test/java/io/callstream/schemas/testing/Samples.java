package io.callstream.schemas.testing;

import io.callstream.avro.Alert;
import io.callstream.avro.CallEnded;
import io.callstream.avro.CallEvent;
import io.callstream.avro.CallStarted;
import io.callstream.avro.DeadLetter;
import io.callstream.avro.EnrichedTurn;
import io.callstream.avro.LineFlag;
import io.callstream.avro.NumberKind;
import io.callstream.avro.NumberMention;
import io.callstream.avro.QaExchange;
import io.callstream.avro.Role;
import io.callstream.avro.Section;
import io.callstream.avro.Severity;
import io.callstream.avro.Span;
import io.callstream.avro.Speaker;
import io.callstream.avro.SpeakerIdentified;
import io.callstream.avro.SpeakerTurn;
import io.callstream.avro.Status;
import io.callstream.avro.TopicTag;
import io.callstream.avro.TranscriptLine;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Fully populated records, every optional field set, for round-trip tests. */
public final class Samples {

    public static final String CALL_ID = "tesla-2016-q4";
    // Millisecond precision, as timestamp-millis keeps.
    private static final Instant OBSERVED = Instant.ofEpochMilli(1_487_195_400_123L);

    private Samples() {
    }

    /** One call event per branch of the payload union. */
    public static List<CallEvent> callEvents() {
        return List.of(
                callEvent(0, CallStarted.newBuilder()
                        .setCompany("Tesla, Inc.").setTicker("TSLA").setFiscalPeriod("2016-Q4")
                        .setScheduledStart(Instant.ofEpochMilli(1_487_195_400_000L))
                        .setTitle("Tesla Q4 2016 Earnings Call").setSource("file:tesla.txt").build()),
                callEvent(12_000, TranscriptLine.newBuilder()
                        .setLineId("L7").setSeq(7).setRevision(2).setStatus(Status.PARTIAL)
                        .setSpeakerLabel("Elon Reeve Musk").setAffiliation("Tesla, Inc.")
                        .setSpeakerRole(Role.EXECUTIVE)
                        .setSection(Section.QUESTIONS_AND_ANSWERS)
                        .setText("We expect to produce 5,000 Model 3s a week by the end of this year — €, 日本.")
                        .setDurationMs(4_200L)
                        .setFlags(List.of(LineFlag.PHONETIC_SPELLING, LineFlag.INTERPOLATED_TIME)).build()),
                callEvent(13_000, SpeakerIdentified.newBuilder()
                        .setSpeakerLabel("Speaker 3").setName("Adam Jonas").setAffiliation("Morgan Stanley")
                        .setRole(Role.ANALYST).build()),
                callEvent(3_600_000, CallEnded.newBuilder().setLineCount(412).setReason("feed lost").build()));
    }

    private static CallEvent callEvent(long offsetMs, Object payload) {
        return CallEvent.newBuilder().setCallId(CALL_ID).setCallOffsetMs(offsetMs)
                .setObservedAt(OBSERVED.plusMillis(offsetMs)).setPayload(payload).build();
    }

    public static Speaker executive() {
        return Speaker.newBuilder().setLabel("Elon Reeve Musk").setName("Elon Musk").setAffiliation("Tesla, Inc.")
                .setRole(Role.EXECUTIVE).build();
    }

    public static Speaker analyst() {
        return Speaker.newBuilder().setLabel("Speaker 3").setName("Adam Jonas").setAffiliation("Morgan Stanley")
                .setRole(Role.ANALYST).build();
    }

    public static Span span(int start, int end, String text) {
        return Span.newBuilder().setStart(start).setEnd(end).setText(text).build();
    }

    public static SpeakerTurn speakerTurn() {
        return SpeakerTurn.newBuilder()
                .setCallId(CALL_ID).setTurnIndex(12).setVersion(3).setStatus(Status.FINAL)
                .setSpeaker(executive()).setSection(Section.QUESTIONS_AND_ANSWERS)
                .setText("We expect to produce 5,000 Model 3s a week by the end of this year.")
                .setLineCount(2).setFirstLineId("L7").setLastLineId("L8").setFirstSeq(7).setLastSeq(8)
                .setStartOffsetMs(12_000).setEndOffsetMs(20_500)
                .setFirstObservedAt(OBSERVED).setLastObservedAt(OBSERVED.plusMillis(8_500))
                .setMissingSeqs(List.of(5L, 6L)).build();
    }

    public static EnrichedTurn enrichedTurn() {
        return EnrichedTurn.newBuilder()
                .setTurn(speakerTurn())
                .setTopics(List.of(TopicTag.newBuilder()
                        .setTopicId("model-3-ramp").setLabel("Model 3 ramp").setTaxonomyId("tesla")
                        .setTaxonomyVersion("2026-11-01").setEvidence(List.of(span(24, 45, "5,000 Model 3s a week")))
                        .build()))
                .setNumbers(List.of(NumberMention.newBuilder()
                        .setKind(NumberKind.RATE).setSpan(span(24, 29, "5,000")).setValue(5000.0)
                        .setUnit("units/week").setNormalized("5000 units/week").build()))
                .setForwardLooking(true).setExchangeId(CALL_ID + "-qa-3").build();
    }

    public static QaExchange qaExchange() {
        return QaExchange.newBuilder()
                .setCallId(CALL_ID).setExchangeId(CALL_ID + "-qa-3").setExchangeIndex(3).setVersion(4)
                .setStatus(Status.PARTIAL).setAnalyst(analyst())
                .setQuestionTurns(List.of(11)).setAnswerTurns(List.of(12, 14))
                .setAnsweredBy(List.of(executive())).setDeclined(true)
                .setDeclineEvidence(span(0, 31, "we don't break that down"))
                .setStartOffsetMs(11_000).setEndOffsetMs(25_000).build();
    }

    public static Alert alert() {
        return Alert.newBuilder()
                .setAlertId(CALL_ID + "/capital-raise/12").setCallId(CALL_ID).setRuleId("capital-raise")
                .setSeverity(Severity.HIGH).setTitle("Capital raise mentioned by the CEO")
                .setTurnIndex(12).setTurnVersion(2).setTurnStatus(Status.PARTIAL).setSpeaker(executive())
                .setSection(Section.QUESTIONS_AND_ANSWERS).setTopicIds(List.of("capital-raise", "model-3-ramp"))
                .setEvidence(List.of(span(3, 16, "raise capital"))).setCallOffsetMs(14_000).setKnownAtSeq(8)
                .setObservedAt(OBSERVED).build();
    }

    public static DeadLetter deadLetter() {
        return DeadLetter.newBuilder()
                .setCallId(CALL_ID).setStage("enrich").setReason("line seq 9 arrived after the call ended")
                .setErrorClass("java.lang.IllegalStateException").setSourceTopic("call-events")
                .setSourcePartition(3).setSourceOffset(1_234_567L).setSource("file:tesla.txt line 12")
                .setPayload(ByteBuffer.wrap("raw bytes \u0000\u00ff".getBytes(StandardCharsets.UTF_8)))
                .setObservedAt(OBSERVED).build();
    }
}
