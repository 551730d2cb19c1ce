package io.callstream.enrich.tags;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.callstream.avro.TopicTag;
import org.apache.lucene.monitor.HighlightsMatch;

/**
 * Tags the snapshots of one growing speaker turn, each exactly as {@link TopicTagger#tag(String, String)} tags it,
 * evidence included, at a cost that grows with the new words instead of the whole turn.
 *
 * <p>A turn's text grows line by line. Its closed sentences ({@link SentenceSeams}: parts that are analysed alone as
 * in the whole turn and that no phrase can reach across) are matched once, leaf clause by leaf clause
 * ({@link TopicClauses}), and their hits kept; each snapshot matches only the open tail after the last seam. A
 * topic is then judged over the whole turn from the leaves' hits ({@link ClauseTree}), so AND and NOT act across
 * sentences as they do on the whole text, and its evidence is built from the same hits by {@link EvidenceSpans}.
 *
 * <p>A snapshot that does not extend the previous one (a revised line, another turn) starts over from its start:
 * still exact, at the cost of one whole read. So does the rare turn where a safe-harbour notice first shows up,
 * since that changes which sentences are blanked ({@link SafeHarbourSentences#blank}) all through the turn.
 *
 * <p>One instance per open turn, not thread-safe; the {@link TopicTagger} may be shared by all of them.
 */
public final class GrowingTurnTags {

    private final TopicClauses clauses;
    private final SafeHarbourSentences.Presence notice = new SafeHarbourSentences.Presence();
    /** The hits of every leaf over the closed part of the turn, offsets into the turn. */
    private final Map<Integer, List<HighlightsMatch.Hit>> closedHits = new HashMap<>();
    /** The last text tagged, which the next one should extend. */
    private String text = "";
    /** Where the closed part ends: the last seam, 0 before the first. */
    private int closedEnd;
    /** Whether the closed part was blanked as a turn with a safe-harbour notice. */
    private boolean closedWithNotice;

    public GrowingTurnTags(TopicTagger tagger) {
        this.clauses = tagger.clauses();
    }

    /** The tags of {@code text} for a call of {@code ticker}: {@code tagger.tag(text, ticker)}. */
    public List<TopicTag> tag(String text, String ticker) {
        if (text == null || text.isBlank()) {
            startOver();
            return List.of();
        }
        if (!text.startsWith(this.text)) {
            startOver();
        }
        this.text = text;
        boolean withNotice = notice.in(text);
        if (withNotice != closedWithNotice) {
            forgetClosed(); // the closed part was blanked for the other answer
            closedWithNotice = withNotice;
        }
        String open = text.substring(closedEnd);
        // The open part starts at a seam, which is a safe-harbour sentence start, so it can be blanked alone.
        String matchable = withNotice ? SafeHarbourSentences.blankSentences(open) : open;
        List<Integer> seams = SentenceSeams.closed(open, matchable);
        int seam = seams.isEmpty() ? 0 : seams.get(seams.size() - 1);
        Map<Integer, List<HighlightsMatch.Hit>> tail;
        // The newly closed sentences and the open tail in one match: the sentence gap keeps every clause within its
        // sentence however many are matched together, and a Monitor call costs far more than a few words.
        Map<Integer, List<HighlightsMatch.Hit>> found = clauses.match(matchable, closedEnd);
        if (found.values().stream().allMatch(GrowingTurnTags::located)) {
            int closedUpTo = closedEnd + seam;
            tail = new HashMap<>();
            found.forEach((leaf, hits) -> hits.forEach(hit ->
                    (hit.startOffset < closedUpTo ? closedHits : tail).computeIfAbsent(leaf, k -> new ArrayList<>())
                            .add(hit)));
        } else {
            // A clause matched without offsets, so which side of the seam it matched on is unknown: match each
            // side alone. Never with the shipped rules, whose every clause has positions.
            if (seam > 0) {
                addClosed(clauses.match(matchable.substring(0, seam), closedEnd));
            }
            tail = clauses.match(matchable.substring(seam), closedEnd + seam);
        }
        closedEnd += seam;
        return tags(text, ticker, tail);
    }

    private List<TopicTag> tags(String text, String ticker, Map<Integer, List<HighlightsMatch.Hit>> tail) {
        List<TopicTag> tags = new ArrayList<>();
        for (TopicClauses.Topic topic : clauses.topics()) {
            if (!topic.rule().taxonomy().appliesTo(ticker)) {
                continue;
            }
            List<HighlightsMatch.Hit> hits = topic.tree().hits(leaf -> hitsOf(leaf, tail));
            if (hits != null) {
                tags.add(topic.rule().tag(EvidenceSpans.of(text, hits)));
            }
        }
        tags.sort(Comparator.comparing(TopicTag::getTopicId).thenComparing(TopicTag::getTaxonomyId));
        return tags;
    }

    /** A leaf's hits over the whole turn, or null when it matches nowhere. */
    private List<HighlightsMatch.Hit> hitsOf(int leaf, Map<Integer, List<HighlightsMatch.Hit>> tail) {
        List<HighlightsMatch.Hit> closed = closedHits.get(leaf);
        List<HighlightsMatch.Hit> open = tail.get(leaf);
        if (closed == null || open == null) {
            return closed == null ? open : closed;
        }
        List<HighlightsMatch.Hit> both = new ArrayList<>(closed.size() + open.size());
        both.addAll(closed);
        both.addAll(open);
        return both;
    }

    private static boolean located(List<HighlightsMatch.Hit> hits) {
        return !hits.isEmpty() && hits.stream().allMatch(hit -> hit.startOffset >= 0);
    }

    private void addClosed(Map<Integer, List<HighlightsMatch.Hit>> piece) {
        piece.forEach((leaf, hits) -> closedHits.computeIfAbsent(leaf, k -> new ArrayList<>()).addAll(hits));
    }

    private void forgetClosed() {
        closedHits.clear();
        closedEnd = 0;
    }

    private void startOver() {
        forgetClosed();
        notice.reset();
        text = "";
    }
}
