package io.callstream.enrich.alerts;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.callstream.avro.Alert;
import io.callstream.avro.CallEnded;
import io.callstream.avro.CallEvent;
import io.callstream.avro.EnrichedTurn;
import io.callstream.avro.Span;
import io.callstream.avro.SpeakerTurn;
import io.callstream.avro.TopicTag;
import io.callstream.avro.state.AlertCallState;
import io.callstream.enrich.qa.DeclinePhrases;
import io.callstream.enrich.qa.GrowingRefusal;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Raises alerts from enriched turn snapshots. Input: every snapshot of a call's turns (PARTIAL ones included), in
 * the order the assembler emits them, then the call's CallEnded. A rule fires on the first snapshot on which its
 * condition holds, that is on the line that completed it, and never again for the same (call, rule, turn), or the
 * same (call, rule) for a once-per-call rule: the alert id is exactly that key, so consumers can deduplicate too.
 *
 * <p>State (store {@link #STORE}, by callId): the alert ids sent and the first turn that mentioned each topic;
 * deleted when the call ends. A correction re-issued later does not take back an alert already sent.
 */
public final class RaiseAlerts implements Processor<String, SpecificRecord, String, Alert> {

    public static final String NAME = "raise-alerts";
    public static final String STORE = "alert-state";
    public static final String ALERTS = "write-call-alerts";

    private final AlertEvaluator evaluator;
    private final Clock clock;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, AlertCallState> store;
    /** Each call's newest turn's refusal finder, by call id; dropped when the call ends. Only saves time. */
    private final Map<String, NewestTurn> newestTurns = new HashMap<>();

    /** {@code clock} stamps {@code emittedAt} only; nothing else in an alert depends on it. */
    public RaiseAlerts(AlertRules rules, Clock clock) {
        this.evaluator = new AlertEvaluator(rules);
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        String callId = record.key();
        if (callId == null) {
            return;
        }
        if (record.value() instanceof CallEvent event && event.getPayload() instanceof CallEnded) {
            store.delete(callId);
            newestTurns.remove(callId);
            return;
        }
        if (!(record.value() instanceof EnrichedTurn enriched)) {
            return;
        }
        AlertCallState state = store.get(callId);
        if (state == null) {
            state = AlertCallState.newBuilder().build();
        }
        SpeakerTurn turn = enriched.getTurn();
        List<String> fired = new ArrayList<>(state.getFired());
        boolean changed = false;
        for (AlertEvaluator.Firing firing : evaluator.evaluate(enriched, state.getFirstMentions(),
                refusals(callId, turn.getTurnIndex()))) {
            String alertId = alertId(callId, firing.rule(), turn.getTurnIndex());
            if (fired.contains(alertId)) {
                continue;
            }
            fired.add(alertId);
            changed = true;
            context.forward(new Record<>(callId, alert(alertId, firing, turn), record.timestamp(), record.headers()),
                    ALERTS);
        }
        Map<String, Integer> firstMentions = new HashMap<>(state.getFirstMentions());
        for (TopicTag tag : enriched.getTopics()) {
            changed |= firstMentions.putIfAbsent(tag.getTopicId(), turn.getTurnIndex()) == null;
        }
        // Most snapshots change nothing here; not rewriting the state then spares its changelog a record per line.
        if (changed) {
            store.put(callId, new AlertCallState(firstMentions, fired));
        }
    }

    /**
     * Finds refusals in the call's newest turn incrementally ({@link GrowingRefusal}: a line costs its new words, not
     * the turn again), in an older turn (a correction) by reading it whole; the same answer either way.
     */
    private Function<String, Optional<Span>> refusals(String callId, int turnIndex) {
        NewestTurn newest = newestTurns.get(callId);
        if (newest == null || newest.turnIndex() < turnIndex) {
            newest = new NewestTurn(turnIndex, new GrowingRefusal());
            newestTurns.put(callId, newest);
        }
        return newest.turnIndex() == turnIndex ? newest.refusal()::find : DeclinePhrases::find;
    }

    /** A call's newest turn and its refusal finder. */
    private record NewestTurn(int turnIndex, GrowingRefusal refusal) {
    }

    static String alertId(String callId, AlertRule rule, int turnIndex) {
        return rule.once() == AlertRule.Once.PER_CALL ? callId + "/" + rule.id() : callId + "/" + rule.id() + "/" + turnIndex;
    }

    private Alert alert(String alertId, AlertEvaluator.Firing firing, SpeakerTurn turn) {
        AlertRules rules = evaluator.rules();
        return Alert.newBuilder()
                .setAlertId(alertId)
                .setCallId(turn.getCallId())
                .setRuleId(firing.rule().id())
                .setRulesId(rules.id())
                .setRuleVersion(rules.version())
                .setSeverity(firing.rule().severity())
                .setTitle(firing.rule().title())
                .setTurnIndex(turn.getTurnIndex())
                .setTurnVersion(turn.getVersion())
                .setTurnStatus(turn.getStatus())
                .setSpeaker(turn.getSpeaker())
                .setSection(turn.getSection())
                .setTopicIds(firing.topicIds())
                .setEvidence(firing.evidence())
                // The newest evidence: on a growing turn, the words of the line that completed the condition.
                .setExcerpt(Excerpts.around(turn.getText(),
                        firing.evidence().isEmpty() ? null : firing.evidence().get(firing.evidence().size() - 1)))
                // The line that completed the condition is the snapshot's last: its end in call time. Known at the
                // snapshot's knownAtSeq: that same line on a growing turn, a later one on a corrected re-issue.
                .setCallOffsetMs(turn.getEndOffsetMs())
                .setKnownAtSeq(turn.getKnownAtSeq())
                .setObservedAt(turn.getLastObservedAt())
                .setEmittedAt(clock.instant())
                .build();
    }
}
