package io.callstream.backtest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.callstream.avro.EnrichedTurn;
import io.callstream.avro.Span;
import io.callstream.avro.Speaker;
import io.callstream.avro.SpeakerTurn;
import io.callstream.avro.TopicTag;

/**
 * The first time a call mentioned a topic, as a reader of the enriched turns learnt it: the first snapshot tagged
 * with it, PARTIAL ones included, so its call time and seq are those of the line that brought the words (the
 * convention of alerts' {@code callOffsetMs} and {@code knownAtSeq}), never a later point of the call.
 *
 * @param callOffsetMs the call time of that line (the snapshot's {@code endOffsetMs})
 * @param knownAtSeq   that line's seq (the snapshot's {@code lastSeq})
 * @param evidence     the words that made the topic fire, in the turn
 */
public record FirstMention(String topicId, String label, int turnIndex, long callOffsetMs, long knownAtSeq,
                           Speaker speaker, List<String> evidence) {

    public FirstMention {
        evidence = List.copyOf(evidence);
    }

    /** The first mention of each topic, in the order the call first mentioned them. */
    public static List<FirstMention> of(List<EnrichedTurn> snapshots) {
        Finder finder = new Finder();
        snapshots.forEach(finder::add);
        return finder.found();
    }

    /** Finds first mentions in a call's snapshots handed one by one, in emission order. */
    static final class Finder {
        private final Set<String> seen = new HashSet<>();
        private final List<FirstMention> firsts = new ArrayList<>();

        /** Reads what it keeps of {@code snapshot} at once, so the snapshot may change afterwards. */
        void add(EnrichedTurn snapshot) {
            SpeakerTurn turn = snapshot.getTurn();
            for (TopicTag tag : snapshot.getTopics()) {
                if (seen.add(tag.getTopicId())) {
                    firsts.add(new FirstMention(tag.getTopicId(), tag.getLabel(), turn.getTurnIndex(),
                            turn.getEndOffsetMs(), turn.getLastSeq(), Speaker.newBuilder(turn.getSpeaker()).build(),
                            tag.getEvidence().stream().map(Span::getText).toList()));
                }
            }
        }

        List<FirstMention> found() {
            return List.copyOf(firsts);
        }
    }
}
