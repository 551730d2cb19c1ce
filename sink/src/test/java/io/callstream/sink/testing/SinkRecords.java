package io.callstream.sink.testing;

import java.time.Instant;
import java.util.List;

import io.callstream.avro.Alert;
import io.callstream.avro.CallEnded;
import io.callstream.avro.CallEvent;
import io.callstream.avro.CallStarted;
import io.callstream.avro.EnrichedTurn;
import io.callstream.avro.NumberKind;
import io.callstream.avro.NumberMention;
import io.callstream.avro.QaExchange;
import io.callstream.avro.Role;
import io.callstream.avro.Section;
import io.callstream.avro.Severity;
import io.callstream.avro.Span;
import io.callstream.avro.Speaker;
import io.callstream.avro.SpeakerTurn;
import io.callstream.avro.Status;
import io.callstream.avro.TopicTag;
import io.callstream.avro.TranscriptLine;

/** Enriched records as the pipeline writes them, for the sink's tests. */
public final class SinkRecords {

    public static final Instant AT = Instant.parse("2017-02-22T22:31:00Z");

    private SinkRecords() {
    }

    public static Speaker executive() {
        return Speaker.newBuilder().setLabel("Elon Reeve Musk").setName("Elon Musk").setAffiliation("Tesla, Inc.")
                .setRole(Role.EXECUTIVE).build();
    }

    public static Speaker analyst() {
        return Speaker.newBuilder().setLabel("Ryan Brinkman").setName("Ryan Brinkman").setAffiliation("JPMorgan")
                .setRole(Role.ANALYST).build();
    }

    public static SpeakerTurn turn(String callId, int index, int version, Status status, String text) {
        return SpeakerTurn.newBuilder().setCallId(callId).setTurnIndex(index).setVersion(version).setStatus(status)
                .setSpeaker(executive()).setSection(Section.QUESTIONS_AND_ANSWERS).setText(text)
                .setLineCount(version + 1).setFirstLineId("L0").setLastLineId("L" + version).setFirstSeq(0)
                .setLastSeq(version).setStartOffsetMs(60_000L * index).setEndOffsetMs(60_000L * index + 1000L * version)
                .setFirstObservedAt(AT).setLastObservedAt(AT).setMissingSeqs(List.of()).build();
    }

    /** A turn tagged with each topic id (evidence: the first word) and one number per element of {@code numbers}. */
    public static EnrichedTurn enriched(SpeakerTurn turn, List<String> topicIds, List<String> numbers) {
        Span first = Span.newBuilder().setStart(0).setEnd(Math.min(3, turn.getText().length()))
                .setText(turn.getText().substring(0, Math.min(3, turn.getText().length()))).build();
        List<TopicTag> tags = topicIds.stream().map(id -> TopicTag.newBuilder().setTopicId(id).setLabel("Label " + id)
                .setTaxonomyId("general").setTaxonomyVersion("2026-11-27.5").setEvidence(List.of(first)).build())
                .toList();
        List<NumberMention> mentions = numbers.stream().map(n -> NumberMention.newBuilder().setKind(NumberKind.MONEY)
                .setSpan(first).setValue(2.0e9).setUnit("USD").setNormalized(n).build()).toList();
        return EnrichedTurn.newBuilder().setTurn(turn).setTopics(tags).setNumbers(mentions).setForwardLooking(true)
                .setForwardLookingEvidence(first).setExchangeId(null).build();
    }

    public static EnrichedTurn enriched(String callId, int index, int version, Status status, String text,
                                        String... topicIds) {
        return enriched(turn(callId, index, version, status, text), List.of(topicIds), List.of());
    }

    public static QaExchange exchange(String callId, int index, int version, Status status) {
        return QaExchange.newBuilder().setCallId(callId).setExchangeId(callId + "/q" + index).setExchangeIndex(index)
                .setVersion(version).setStatus(status).setAnalyst(analyst()).setQuestionTurns(List.of(2 * index))
                .setAnswerTurns(List.of(2 * index + 1)).setAnsweredBy(List.of(executive())).setDeclined(false)
                .setStartOffsetMs(1000L * index).setEndOffsetMs(1000L * index + 500L * version).build();
    }

    public static CallEvent started(String callId) {
        return CallEvent.newBuilder().setCallId(callId).setCallOffsetMs(0).setObservedAt(AT)
                .setPayload(CallStarted.newBuilder().setCompany("Tesla, Inc.").setTicker("TSLA")
                        .setFiscalPeriod("2016-Q4").setTitle("Q4 2016 Earnings Call").setSource("file:test").build())
                .build();
    }

    public static CallEvent ended(String callId, long lineCount) {
        return CallEvent.newBuilder().setCallId(callId).setCallOffsetMs(3_600_000).setObservedAt(AT.plusSeconds(3600))
                .setPayload(CallEnded.newBuilder().setLineCount(lineCount).build()).build();
    }

    public static CallEvent line(String callId, long seq, String text) {
        return CallEvent.newBuilder().setCallId(callId).setCallOffsetMs(seq * 1000).setObservedAt(AT)
                .setPayload(TranscriptLine.newBuilder().setLineId("L" + seq).setSeq(seq).setText(text).build())
                .build();
    }

    public static Alert alert(String callId, String ruleId, int turnIndex) {
        return Alert.newBuilder()
                .setAlertId(callId + "/" + ruleId + "/" + turnIndex)
                .setCallId(callId).setRuleId(ruleId).setRulesId("default").setRuleVersion("2026-11-27.1")
                .setSeverity(Severity.HIGH).setTitle("Capital raise mentioned by an executive")
                .setTurnIndex(turnIndex).setTurnVersion(2).setTurnStatus(Status.PARTIAL)
                .setSpeaker(Speaker.newBuilder().setLabel("Elon Reeve Musk").setName("Elon Musk")
                        .setAffiliation("Tesla, Inc.").setRole(Role.EXECUTIVE).build())
                .setSection(Section.QUESTIONS_AND_ANSWERS)
                .setTopicIds(List.of("capital-raise"))
                .setEvidence(List.of(Span.newBuilder().setStart(7).setEnd(20).setText("raise capital").build()))
                .setExcerpt("We may  raise capital\nlater this year.")
                .setCallOffsetMs(1_385_000).setKnownAtSeq(412)
                .setObservedAt(Instant.parse("2017-02-22T22:53:05.123Z"))
                .setEmittedAt(null)
                .build();
    }
}
