package io.callstream.enrich.tags;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.callstream.avro.TopicTag;
import org.apache.lucene.monitor.HighlightsMatch;
import io.callstream.enrich.text.Blanks;
import io.callstream.enrich.text.GrowingText;

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

    private static final Comparator<TopicTag> BY_TOPIC_THEN_TAXONOMY =
            Comparator.comparing(TopicTag::getTopicId).thenComparing(TopicTag::getTaxonomyId);

    private final TopicClauses clauses;
    private final SafeHarbourSentences.Presence notice = new SafeHarbourSentences.Presence();
    /** The hits of every leaf over the closed part of the turn, offsets into the turn. */
    private List<HighlightsMatch.Hit>[] closedHits;
    /** The hits of every leaf over the open part while topics are judged, by leaf id; else all null. */
    private List<HighlightsMatch.Hit>[] openHits;
    /** The last text tagged, which the next one should extend. */
    private String text = "";
    /** The length of the text tagged before {@link #text}. */
    private int previousLength;
    /** Where the closed part ends: the last seam, 0 before the first. */
    private int closedEnd;
    /** Whether the closed part was blanked as a turn with a safe-harbour notice. */
    private boolean closedWithNotice;
    /** The last snapshot's open part as matched (blanked or not), from {@link #closedEnd} to its end. */
    private String tailMatchable = "";
    /** The hits of the last snapshot's open part: {@link #tailMatchable}'s. */
    private Map<Integer, List<HighlightsMatch.Hit>> tailHits = Map.of();

    /** The tag each topic (by index in {@link TopicClauses#topics}) got on the last snapshot, null for none. */
    private final TopicTag[] lastTags;
    /** Whether {@link #lastTags} holds nothing reusable: no snapshot yet, or the closed part was read again. */
    private boolean judgedNone = true;
    /** The ticker {@link #lastTags} was judged for. */
    private String lastTicker;
    /** The leaves whose hits over the turn may differ from the last snapshot's. */
    private final java.util.BitSet touched = new java.util.BitSet();
    /** The leaves with a list of closed hits: those {@link #closedHits} holds. */
    private final java.util.BitSet closed = new java.util.BitSet();
    /** The leaves that match anywhere in the turn while topics are judged: closed, or in the open part. */
    private final java.util.BitSet matched = new java.util.BitSet();
    private final ClauseTree.LeafHits hitsAnywhere = this::addHitsAnywhere;

    public GrowingTurnTags(TopicTagger tagger) {
        this.clauses = tagger.clauses();
        this.lastTags = new TopicTag[clauses.topics().size()];
        // Grown as leaves match: most turns are short and match few of the leaves, so a turn need not start with
        // arrays of them all.
        this.closedHits = newLists(0);
        this.openHits = newLists(0);
    }

    /** The tags of {@code text} for a call of {@code ticker}: {@code tagger.tag(text, ticker)}. */
    public List<TopicTag> tag(String text, String ticker) {
        return tag(text, ticker, text != null && GrowingText.extendsText(text, this.text));
    }

    /**
     * {@link #tag(String, String)} where the caller says whether {@code text} starts with the last text this tagged
     * ({@code extendsLast}; false for the first): a caller feeding several growing readers the same texts compares
     * each text with the last once for all of them, a compare of the whole turn at every line.
     */
    public List<TopicTag> tag(String text, String ticker, boolean extendsLast) {
        if (text == null || text.isBlank()) {
            startOver();
            return List.of();
        }
        if (!extendsLast) {
            startOver();
        }
        touched.clear();
        this.previousLength = this.text.length();
        this.text = text;
        boolean withNotice = notice.in(text);
        if (withNotice != closedWithNotice) {
            forgetClosed(); // the closed part was blanked for the other answer
            closedWithNotice = withNotice;
        }
        closeLastTailIfItEndsOnASeam(text);
        // The last open part, unless it was just closed as it was, is read again: its leaves' hits may change.
        tailHits.keySet().forEach(touched::set);
        String open = text.substring(closedEnd);
        // The open part starts at a seam, which is a safe-harbour sentence start, so it can be blanked alone.
        String matchable = withNotice ? SafeHarbourSentences.blankSentences(open) : open;
        int seam = SentenceSeams.lastClosed(open, matchable);
        Map<Integer, List<HighlightsMatch.Hit>> tail;
        // The newly closed sentences and the open tail in one match: the sentence gap keeps every clause within its
        // sentence however many are matched together, and a Monitor call costs far more than a few words.
        Map<Integer, List<HighlightsMatch.Hit>> found = clauses.match(matchable, closedEnd);
        if (allLocated(found)) {
            int closedUpTo = closedEnd + seam;
            tail = new HashMap<>();
            for (Map.Entry<Integer, List<HighlightsMatch.Hit>> leafHits : found.entrySet()) {
                int leaf = leafHits.getKey();
                touched.set(leaf);
                List<HighlightsMatch.Hit> openHitsOfLeaf = null;
                for (HighlightsMatch.Hit hit : leafHits.getValue()) {
                    if (hit.startOffset < closedUpTo) {
                        closedOf(leaf).add(hit);
                    } else {
                        if (openHitsOfLeaf == null) {
                            openHitsOfLeaf = new ArrayList<>();
                            tail.put(leaf, openHitsOfLeaf);
                        }
                        openHitsOfLeaf.add(hit);
                    }
                }
            }
        } else {
            // A clause matched without offsets, so which side of the seam it matched on is unknown: match each
            // side alone. Never with the shipped rules, whose every clause has positions.
            if (seam > 0) {
                addClosed(clauses.match(matchable.substring(0, seam), closedEnd));
            }
            tail = clauses.match(matchable.substring(seam), closedEnd + seam);
            tail.keySet().forEach(touched::set);
        }
        closedEnd += seam;
        tailMatchable = matchable.substring(seam);
        tailHits = tail;
        return tags(text, ticker, tail);
    }

    /**
     * When the last snapshot's open part ends on what the new text makes a closed seam (its last sentence mark, now
     * followed by a blank), its hits are what matching it again inside the new open part would give, before the
     * seam: the part is the same sentences, blanked the same (the new text ends its last safe-harbour sentence where
     * the last one ended, and the notice answer is unchanged, or {@link #forgetClosed} ran), and no clause reaches
     * across a seam. They are closed as they are, and only the text after the seam is read: a line that ends a
     * sentence is not analysed twice.
     */
    private void closeLastTailIfItEndsOnASeam(String text) {
        int end = closedEnd + tailMatchable.length();
        if (tailMatchable.isEmpty() || end >= text.length() || end != this.previousLength
                || !Character.isWhitespace(text.charAt(end)) || !SafeHarbourSentences.endsSentence(text, end - 1)) {
            return;
        }
        // A seam is the end of a sentence mark of the matchable text: a run of '.', '!', '?' before a blank.
        int run = tailMatchable.length();
        while (run > 0 && "!.?".indexOf(tailMatchable.charAt(run - 1)) >= 0) {
            run--;
        }
        if (run == tailMatchable.length()) {
            return; // blanked
        }
        if (!Blanks.isBlank(text.charAt(end)) || !SentenceEnds.closes(tailMatchable, run, tailMatchable.length())) {
            return;
        }
        // Not touched: each of these leaves has the hits over the turn it had, the last ones now closed.
        tailHits.forEach((leaf, hits) -> closedOf(leaf).addAll(hits));
        closedEnd = end;
        tailMatchable = "";
        tailHits = Map.of();
    }

    /**
     * Judges the topics over the whole turn. A topic none of whose leaves was {@link #touched} has the very hits it
     * had on the last snapshot, all in text both snapshots share, so its verdict and evidence (whose spans read only
     * the text between its hits) are the last ones: only the others are judged again.
     */
    private List<TopicTag> tags(String text, String ticker, Map<Integer, List<HighlightsMatch.Hit>> tail) {
        List<TopicTag> tags = new ArrayList<>();
        List<TopicClauses.Topic> topics = clauses.topics();
        boolean all = judgedNone || !java.util.Objects.equals(ticker, lastTicker);
        tail.forEach((leaf, hits) -> openOf(leaf, hits));
        matched.clear();
        matched.or(closed);
        tail.keySet().forEach(matched::set);
        for (int t = 0; t < topics.size(); t++) {
            TopicClauses.Topic topic = topics.get(t);
            if (all || topic.readsAnyOf(touched)) {
                TopicTag tag = null;
                if (topic.rule().taxonomy().appliesTo(ticker) && topic.tree().matches(matched)) {
                    List<HighlightsMatch.Hit> hits = new ArrayList<>();
                    topic.tree().addHits(matched, hitsAnywhere, hits);
                    tag = topic.rule().tag(EvidenceSpans.of(text, hits));
                }
                lastTags[t] = tag;
            }
            if (lastTags[t] != null) {
                tags.add(lastTags[t]);
            }
        }
        tail.keySet().forEach(leaf -> openHits[leaf] = null);
        judgedNone = false;
        lastTicker = ticker;
        tags.sort(BY_TOPIC_THEN_TAXONOMY);
        return tags;
    }

    /** Adds a leaf's hits over the whole turn: the closed ones, then the open ones. */
    private void addHitsAnywhere(int leaf, List<HighlightsMatch.Hit> into) {
        if (leaf < closedHits.length && closedHits[leaf] != null) {
            into.addAll(closedHits[leaf]);
        }
        if (leaf < openHits.length && openHits[leaf] != null) {
            into.addAll(openHits[leaf]);
        }
    }

    /** Whether every leaf found has hits, each with offsets. */
    private static boolean allLocated(Map<Integer, List<HighlightsMatch.Hit>> found) {
        for (List<HighlightsMatch.Hit> hits : found.values()) {
            if (hits.isEmpty()) {
                return false;
            }
            for (HighlightsMatch.Hit hit : hits) {
                if (hit.startOffset < 0) {
                    return false;
                }
            }
        }
        return true;
    }

    private void addClosed(Map<Integer, List<HighlightsMatch.Hit>> piece) {
        piece.keySet().forEach(touched::set);
        piece.forEach((leaf, hits) -> closedOf(leaf).addAll(hits));
    }

    /** A leaf's closed hits, to add to. */
    private List<HighlightsMatch.Hit> closedOf(int leaf) {
        if (leaf >= closedHits.length) {
            closedHits = java.util.Arrays.copyOf(closedHits, grown(closedHits.length, leaf));
        }
        List<HighlightsMatch.Hit> hits = closedHits[leaf];
        if (hits == null) {
            hits = new ArrayList<>();
            closedHits[leaf] = hits;
            closed.set(leaf);
        }
        return hits;
    }

    private void openOf(int leaf, List<HighlightsMatch.Hit> hits) {
        if (leaf >= openHits.length) {
            openHits = java.util.Arrays.copyOf(openHits, grown(openHits.length, leaf));
        }
        openHits[leaf] = hits;
    }

    /** A length for an array of {@code length} that must hold {@code leaf}: doubled at least, so grown rarely. */
    private static int grown(int length, int leaf) {
        return Math.max(leaf + 1, Math.max(16, 2 * length));
    }

    @SuppressWarnings("unchecked")
    private static List<HighlightsMatch.Hit>[] newLists(int size) {
        return (List<HighlightsMatch.Hit>[]) new List<?>[size];
    }

    private void forgetClosed() {
        judgedNone = true;
        java.util.Arrays.fill(closedHits, null);
        closed.clear();
        closedEnd = 0;
        tailMatchable = "";
        tailHits = Map.of();
    }

    private void startOver() {
        forgetClosed();
        notice.reset();
        text = "";
    }
}
