package io.callstream.dashboard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.callstream.avro.Alert;
import io.callstream.avro.CallEvent;
import io.callstream.avro.CallStarted;
import io.callstream.avro.EnrichedTurn;
import io.callstream.avro.QaExchange;
import io.callstream.avro.TranscriptLine;
import io.callstream.schemas.versions.LatestVersions;

/**
 * One call's fold: the latest version of each turn and exchange, each alert once, the call's description, and the
 * compacted log of events that tells clients about each change. Not thread-safe: {@link LiveCalls} guards it.
 *
 * <p>Every method returns whether the record changed anything; one that does not (an older version, an alert
 * already held) appends no event.
 */
final class LiveCall {

    private static final String CALL_ITEM = "call";
    private static final Comparator<Alert> CALL_TIME = Comparator.comparingLong(Alert::getCallOffsetMs)
            .thenComparingInt(Alert::getTurnIndex).thenComparing(Alert::getAlertId);

    private final String callId;
    private final EventLog log;
    private CallStarted started;
    private Instant startedAt;
    private boolean ended;
    private final Set<String> lineIds = new HashSet<>();
    private final LatestVersions<Integer, EnrichedTurn> turns = LatestVersions.inKeyOrder(t -> t.getTurn().getVersion());
    private final LatestVersions<String, QaExchange> exchanges = LatestVersions.inArrivalOrder(QaExchange::getVersion);
    private final Map<String, Alert> alerts = new HashMap<>();
    private long lastOffsetMs;

    LiveCall(String callId, long firstId) {
        this.callId = callId;
        this.log = new EventLog(firstId);
    }

    boolean started(CallEvent event, CallStarted payload) {
        started = payload;
        startedAt = event.getObservedAt();
        reached(event.getCallOffsetMs());
        return summaryChanged();
    }

    boolean ended(CallEvent event) {
        ended = true;
        reached(event.getCallOffsetMs());
        return summaryChanged();
    }

    boolean line(CallEvent event, TranscriptLine line) {
        lineIds.add(line.getLineId());
        reached(event.getCallOffsetMs());
        return summaryChanged();
    }

    boolean turn(EnrichedTurn enriched) {
        int index = enriched.getTurn().getTurnIndex();
        if (!turns.offer(index, enriched)) {
            return false;
        }
        reached(enriched.getTurn().getEndOffsetMs());
        boolean changed = log.put("turn/" + index, LiveEvent.TURN, LiveJson.text(LiveJson.turn(enriched)));
        // An exchange shows the topics of its turns: a turn that changed may change its exchanges.
        for (QaExchange q : exchanges.values()) {
            if (q.getQuestionTurns().contains(index) || q.getAnswerTurns().contains(index)) {
                changed |= putExchange(q);
            }
        }
        return summaryChanged() | changed;
    }

    boolean exchange(QaExchange q) {
        if (!exchanges.offer(q.getExchangeId(), q)) {
            return false;
        }
        reached(q.getEndOffsetMs());
        return putExchange(q) | summaryChanged();
    }

    boolean alert(Alert alert) {
        // The alert id is deterministic (call, rule, turn): the same alert read twice is one alert.
        if (alerts.putIfAbsent(alert.getAlertId(), alert) != null) {
            return false;
        }
        reached(alert.getCallOffsetMs());
        log.put("alert/" + alert.getAlertId(), LiveEvent.ALERT, LiveJson.text(LiveJson.alert(alert)));
        summaryChanged();
        return true;
    }

    private boolean putExchange(QaExchange q) {
        return log.put("exchange/" + q.getExchangeId(), LiveEvent.EXCHANGE,
                LiveJson.text(LiveJson.exchange(q, turns.asMap())));
    }

    private void reached(long offsetMs) {
        lastOffsetMs = Math.max(lastOffsetMs, offsetMs);
    }

    /** Appends a call event when the call's summary changed; the caller updates the global log too. */
    private boolean summaryChanged() {
        return log.put(CALL_ITEM, LiveEvent.CALL, summaryJson());
    }

    String summaryJson() {
        return LiveJson.text(LiveJson.call(summary()));
    }

    CallSummary summary() {
        return new CallSummary(callId,
                started == null ? null : started.getCompany(),
                started == null ? null : started.getTicker(),
                started == null ? null : started.getFiscalPeriod(),
                started == null ? null : started.getTitle(),
                startedAt, !ended, lineIds.size(), turns.size(), alerts.size(), exchanges.size(), lastOffsetMs);
    }

    CallView view() {
        List<QaExchange> byIndex = new ArrayList<>(exchanges.values());
        byIndex.sort(Comparator.comparingInt(QaExchange::getExchangeIndex).thenComparing(QaExchange::getExchangeId));
        List<Alert> byTime = new ArrayList<>(alerts.values());
        byTime.sort(CALL_TIME);
        return new CallView(summary(), new ArrayList<>(turns.values()), byIndex, byTime);
    }

    EventLog log() {
        return log;
    }

    boolean ended() {
        return ended;
    }

    String callId() {
        return callId;
    }
}
