package io.callstream.dashboard;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.callstream.avro.Alert;
import io.callstream.avro.EnrichedTurn;
import io.callstream.avro.QaExchange;
import io.callstream.avro.TopicTag;

/**
 * A call's state at one moment, copied out of {@link LiveCalls} so that a request can read it without holding the
 * lock. The records inside are the ones the feed read; nothing changes them.
 *
 * @param turns     the latest version of each turn, by turn index
 * @param exchanges the highest version of each exchange, by exchange index
 * @param alerts    each alert once, in call-time order
 */
public record CallView(CallSummary summary, List<EnrichedTurn> turns, List<QaExchange> exchanges,
                       List<Alert> alerts) {

    private static final long MINUTE_MS = 60_000;

    public CallView {
        turns = List.copyOf(turns);
        exchanges = List.copyOf(exchanges);
        alerts = List.copyOf(alerts);
    }

    public Map<Integer, EnrichedTurn> turnsByIndex() {
        Map<Integer, EnrichedTurn> byIndex = new HashMap<>();
        turns.forEach(t -> byIndex.put(t.getTurn().getTurnIndex(), t));
        return byIndex;
    }

    /** Turns that overlap the call-time range [fromMs, toMs], both ends included. */
    public List<EnrichedTurn> turnsBetween(long fromMs, long toMs) {
        return turns.stream()
                .filter(t -> t.getTurn().getStartOffsetMs() <= toMs && t.getTurn().getEndOffsetMs() >= fromMs)
                .toList();
    }

    /** The topic timeline of the turns held now; it covers the call up to its furthest call time. */
    public Timeline timeline() {
        if (turns.isEmpty() && summary.lastOffsetMs() == 0) {
            return new Timeline(0, List.of());
        }
        long furthest = summary.lastOffsetMs();
        for (EnrichedTurn t : turns) {
            furthest = Math.max(furthest, t.getTurn().getStartOffsetMs());
        }
        int minutes = Math.toIntExact(furthest / MINUTE_MS) + 1;
        // Ordered by first minute, then id, so a topic's row stays where it is as the call goes on.
        Map<String, int[]> counts = new HashMap<>();
        Map<String, String> labels = new HashMap<>();
        Map<String, Integer> firstMinute = new HashMap<>();
        for (EnrichedTurn t : turns) {
            int minute = Math.toIntExact(Math.max(0, t.getTurn().getStartOffsetMs()) / MINUTE_MS);
            // A topic counts once per turn, however many rules or spans found it there.
            for (String topicId : t.getTopics().stream().map(TopicTag::getTopicId).distinct().toList()) {
                counts.computeIfAbsent(topicId, id -> new int[minutes])[minute]++;
                firstMinute.merge(topicId, minute, Math::min);
            }
            for (TopicTag tag : t.getTopics()) {
                labels.put(tag.getTopicId(), tag.getLabel());
            }
        }
        List<Timeline.TopicCounts> topics = firstMinute.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> new Timeline.TopicCounts(e.getKey(), labels.get(e.getKey()),
                        Arrays.stream(counts.get(e.getKey())).boxed().toList()))
                .toList();
        return new Timeline(minutes, topics);
    }
}
