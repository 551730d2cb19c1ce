package io.callstream.enrich.tags;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.monitor.HighlightsMatch;
import org.apache.lucene.monitor.MatchingQueries;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;

/**
 * The topics of a {@link TopicTagger} taken apart for matching a turn piece by piece ({@link GrowingTurnTags}):
 * every leaf query of every topic (a term, a phrase, a prefix: what matches within one sentence) is its own query
 * in a second {@link Monitor}, once however many topics share it, and each topic keeps its Boolean structure as a
 * {@link ClauseTree} to judge over the whole turn. A piece is matched by {@link LeafMatcher} (the piece analysed
 * once, terms and exact phrases looked up directly, Lucene only for the other leaves that may match), which gives
 * the Monitor's hits at a fraction of its fixed cost per match; the Monitor remains for the pieces it cannot read.
 *
 * <p>Thread-safe, as the tagger: matching does not change the Monitor. Closed with the tagger.
 */
final class TopicClauses implements AutoCloseable {

    /** A topic with what its tag says and the tree its match is judged by. */
    record Topic(TopicTagger.Rule rule, ClauseTree tree, java.util.BitSet leaves) {

        Topic(TopicTagger.Rule rule, ClauseTree tree) {
            this(rule, tree, leavesOf(tree, new java.util.BitSet()));
        }

        /** Whether any of {@code leaves} is a leaf of this topic's tree. */
        boolean readsAnyOf(java.util.BitSet leaves) {
            return this.leaves.intersects(leaves);
        }

        private static java.util.BitSet leavesOf(ClauseTree tree, java.util.BitSet into) {
            if (tree instanceof ClauseTree.Leaf leaf) {
                into.set(leaf.id());
            } else if (tree instanceof ClauseTree.Bool bool) {
                bool.clauses().forEach(clause -> leavesOf(clause.tree(), into));
            }
            return into;
        }
    }

    private final Monitor monitor;
    private final LeafMatcher direct;
    private final List<Topic> topics;

    private TopicClauses(Monitor monitor, LeafMatcher direct, List<Topic> topics) {
        this.monitor = monitor;
        this.direct = direct;
        this.topics = topics;
    }

    /** The clauses of {@code rules}' queries, parsed with {@code queries} and matched with {@code analyzer}. */
    static TopicClauses of(Analyzer analyzer, TopicQueries queries, List<TopicTagger.Rule> rules) {
        Map<Query, Integer> leaves = new HashMap<>();
        List<Topic> topics = new ArrayList<>();
        for (TopicTagger.Rule rule : rules) {
            List<ClauseTree.Clause> lines = new ArrayList<>();
            for (TopicRule.QueryLine line : rule.topic().queries()) {
                try {
                    lines.add(new ClauseTree.Clause(BooleanClause.Occur.SHOULD,
                            tree(queries.parse(line.query()), leaves)));
                } catch (TopicQueries.InvalidQueryException e) {
                    throw new TaxonomyException(rule.taxonomy().source(), line.line(), "invalid query: " + e.getMessage());
                }
            }
            // As TopicTagger registers a topic: its lines OR-ed in one BooleanQuery.
            topics.add(new Topic(rule, new ClauseTree.Bool(lines, 0)));
        }
        List<MonitorQuery> registered = new ArrayList<>();
        leaves.forEach((query, id) -> registered.add(new MonitorQuery(Integer.toString(id), query)));
        Monitor monitor = null;
        try {
            monitor = new Monitor(analyzer);
            monitor.register(registered);
            return new TopicClauses(monitor, new LeafMatcher(analyzer, leaves), List.copyOf(topics));
        } catch (IOException | RuntimeException e) {
            if (monitor != null) {
                try {
                    monitor.close();
                } catch (IOException closing) {
                    e.addSuppressed(closing);
                }
            }
            throw e instanceof IOException io ? new UncheckedIOException("cannot build the tag clauses", io)
                    : (RuntimeException) e;
        }
    }

    /** Boolean queries become nodes, boosts (which change no match) are looked through, the rest are leaves. */
    private static ClauseTree tree(Query query, Map<Query, Integer> leaves) {
        if (query instanceof BoostQuery boost) {
            return tree(boost.getQuery(), leaves);
        }
        if (query instanceof BooleanQuery bool) {
            List<ClauseTree.Clause> clauses = new ArrayList<>();
            for (BooleanClause clause : bool.clauses()) {
                clauses.add(new ClauseTree.Clause(clause.getOccur(), tree(clause.getQuery(), leaves)));
            }
            return new ClauseTree.Bool(clauses, bool.getMinimumNumberShouldMatch());
        }
        return new ClauseTree.Leaf(leaves.computeIfAbsent(query, q -> leaves.size()));
    }

    List<Topic> topics() {
        return topics;
    }

    /**
     * The leaves that match {@code matchable} (a piece of a turn, already blanked, cut at seams), with their hits,
     * offsets moved by {@code offset} so that they point into the turn.
     */
    Map<Integer, List<HighlightsMatch.Hit>> match(String matchable, int offset) {
        Map<Integer, List<HighlightsMatch.Hit>> found = direct.match(matchable, offset);
        return found != null ? found : monitorMatch(matchable, offset);
    }

    /** As {@link #match}, always with the Monitor: the reference {@link LeafMatcher} is checked against. */
    Map<Integer, List<HighlightsMatch.Hit>> monitorMatch(String matchable, int offset) {
        Document piece = new Document();
        piece.add(new Field(TopicAnalyzer.FIELD, matchable, TopicTagger.TEXT_WITH_OFFSETS));
        MatchingQueries<HighlightsMatch> matches;
        try {
            matches = monitor.match(piece, HighlightsMatch.MATCHER);
        } catch (IOException e) {
            throw new UncheckedIOException("matching a turn against the tag clauses", e); // all in memory
        }
        if (!matches.getErrors().isEmpty()) {
            Map.Entry<String, Exception> first = matches.getErrors().entrySet().iterator().next();
            throw new IllegalStateException("tag clause " + first.getKey() + " failed", first.getValue());
        }
        Map<Integer, List<HighlightsMatch.Hit>> found = new HashMap<>();
        for (HighlightsMatch match : matches.getMatches()) {
            List<HighlightsMatch.Hit> hits = new ArrayList<>();
            for (HighlightsMatch.Hit hit : match.getHits(TopicAnalyzer.FIELD)) {
                // A hit without offsets (-1) stays without: EvidenceSpans leaves it out.
                hits.add(offset == 0 || hit.startOffset < 0 ? hit : new HighlightsMatch.Hit(hit.startPosition,
                        hit.startOffset + offset, hit.endPosition, hit.endOffset + offset));
            }
            found.put(Integer.parseInt(match.getQueryId()), hits);
        }
        return found;
    }

    @Override
    public void close() {
        try {
            monitor.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the tag clauses", e);
        }
    }
}
