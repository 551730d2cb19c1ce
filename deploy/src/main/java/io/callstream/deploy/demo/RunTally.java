package io.callstream.deploy.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import io.callstream.avro.Alert;
import io.callstream.avro.EnrichedTurn;
import io.callstream.avro.SpeakerTurn;
import io.callstream.avro.Status;
import io.callstream.avro.TopicTag;
import io.callstream.schemas.versions.LatestVersions;

/**
 * What the enriched-turn and alert feeds saw during a run: each turn's topics at its latest version, and each alert
 * once (by alertId, which consumers deduplicate on). Called from the feeds' threads.
 */
final class RunTally {

    private record Tagged(int version, Status status, List<String> topicIds) {
    }

    private final LatestVersions<String, Tagged> turns = LatestVersions.concurrent(Tagged::version);
    private final Map<String, Alert> alerts = new ConcurrentHashMap<>();

    void turn(EnrichedTurn enriched) {
        SpeakerTurn turn = enriched.getTurn();
        List<String> ids = enriched.getTopics().stream().map(TopicTag::getTopicId).toList();
        turns.offer(key(turn), new Tagged(turn.getVersion(), turn.getStatus(), ids));
    }

    /** True the first time an alert id is seen. */
    boolean alert(Alert alert) {
        return alerts.putIfAbsent(alert.getAlertId(), alert) == null;
    }

    /** The topic ids of the turn's latest version seen, or none. */
    List<String> topicsOf(SpeakerTurn turn) {
        Tagged tagged = turns.get(key(turn));
        return tagged == null ? List.of() : tagged.topicIds();
    }

    /** Topic id to the number of FINAL turns tagged with it. */
    Map<String, Long> topics() {
        Map<String, Long> counts = new TreeMap<>();
        turns.values().stream().filter(t -> t.status() == Status.FINAL)
                .forEach(t -> t.topicIds().forEach(id -> counts.merge(id, 1L, Long::sum)));
        return counts;
    }

    /** The alerts, in call order (call time, then turn). */
    List<DemoSummary.AlertLine> alerts() {
        List<Alert> all = new ArrayList<>(alerts.values());
        all.sort(Comparator.comparing(Alert::getCallId).thenComparingLong(Alert::getCallOffsetMs)
                .thenComparingInt(Alert::getTurnIndex).thenComparing(Alert::getRuleId));
        return all.stream().map(DemoSummary.AlertLine::of).toList();
    }

    private static String key(SpeakerTurn turn) {
        return turn.getCallId() + "/" + turn.getTurnIndex();
    }
}
