package io.callstream.sink.webhook;

import java.time.Instant;
import java.util.List;

import io.callstream.avro.Alert;
import io.callstream.avro.Role;
import io.callstream.avro.Section;
import io.callstream.avro.Severity;
import io.callstream.avro.Span;
import io.callstream.avro.Speaker;
import io.callstream.avro.Status;

/** Alerts for tests. */
final class Alerts {

    private Alerts() {
    }

    static Alert alert(String callId, String ruleId, int turnIndex) {
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
