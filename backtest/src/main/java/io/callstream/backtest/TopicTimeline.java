package io.callstream.backtest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import io.callstream.avro.EnrichedTurn;
import io.callstream.avro.Span;
import io.callstream.avro.SpeakerTurn;
import io.callstream.avro.TopicTag;

/**
 * A call's topics minute by minute: how many pieces of evidence for each topic its lines brought in each minute of
 * call time. A turn grows a line per snapshot, so evidence that starts past the previous snapshot's text lies in
 * the new line and is counted at that line's call time (a topic newly tagged with no new evidence, as a
 * proximity query completed by the new line can be, counts once); a turn's FINAL snapshot or a correction (same
 * text) adds nothing. Minute resolution is what the transcripts' own time stamps support.
 *
 * @param minutes the call's length in whole minutes, rounded up (the last line's call time)
 * @param topics  one row per topic mentioned, in order of first mention
 */
public record TopicTimeline(int minutes, List<Row> topics) {

    /** One topic: mentions per minute of call time (minute 0 is the first). */
    public record Row(String topicId, String label, SortedMap<Integer, Integer> mentionsByMinute) {

        public Row {
            mentionsByMinute = Collections.unmodifiableSortedMap(new TreeMap<>(mentionsByMinute));
        }

        public int total() {
            return mentionsByMinute.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    public TopicTimeline {
        topics = List.copyOf(topics);
    }

    public static TopicTimeline of(List<EnrichedTurn> snapshots) {
        Builder builder = new Builder();
        snapshots.forEach(builder::add);
        return builder.build();
    }

    /** Counts a call's snapshots handed one by one, in emission order. */
    static final class Builder {
        private final Map<Integer, Integer> previousLength = new HashMap<>();
        private final Map<Integer, Set<String>> previousTopics = new HashMap<>();
        private final Map<String, String> labels = new LinkedHashMap<>();
        private final Map<String, SortedMap<Integer, Integer>> counts = new HashMap<>();
        private long end;

        /** Reads what it counts of {@code snapshot} at once, so the snapshot may change afterwards. */
        void add(EnrichedTurn snapshot) {
            SpeakerTurn turn = snapshot.getTurn();
            int before = previousLength.getOrDefault(turn.getTurnIndex(), 0);
            previousLength.put(turn.getTurnIndex(), turn.getText().length());
            end = Math.max(end, turn.getEndOffsetMs());
            int minute = (int) Math.max(0, turn.getEndOffsetMs() / 60_000);
            Set<String> tagged = new HashSet<>();
            Set<String> taggedBefore = previousTopics.getOrDefault(turn.getTurnIndex(), Set.of());
            for (TopicTag tag : snapshot.getTopics()) {
                labels.putIfAbsent(tag.getTopicId(), tag.getLabel());
                tagged.add(tag.getTopicId());
                long added = tag.getEvidence().stream().map(Span::getStart).filter(start -> start >= before).count();
                if (added == 0 && !taggedBefore.contains(tag.getTopicId())) {
                    added = 1;
                }
                if (added > 0) {
                    counts.computeIfAbsent(tag.getTopicId(), id -> new TreeMap<>()).merge(minute, (int) added,
                            Integer::sum);
                }
            }
            previousTopics.put(turn.getTurnIndex(), tagged);
        }

        TopicTimeline build() {
            List<Row> rows = new ArrayList<>();
            labels.forEach((id, label) -> rows.add(new Row(id, label, counts.getOrDefault(id, new TreeMap<>()))));
            return new TopicTimeline((int) ((end + 59_999) / 60_000), rows);
        }
    }
}
