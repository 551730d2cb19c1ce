package io.callstream.enrich.tags;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import org.apache.lucene.monitor.HighlightsMatch;
import org.apache.lucene.search.BooleanClause;

/**
 * A topic's query as a tree of Boolean nodes over leaf queries (terms, phrases, prefixes), so that a turn matched
 * sentence by sentence can be judged as a whole: a leaf matches the turn when it matches any of its sentences, and
 * the Boolean logic then runs over the whole turn, as Lucene's {@code BooleanWeight.matches} runs it over the turn
 * as one document ("demand NOT \"on demand\"" loses the tag when "on demand" comes any number of sentences later).
 */
sealed interface ClauseTree {

    /**
     * The hits that make the tree match, or null when it does not match. {@code leafHits} gives a leaf's hits over
     * the whole turn, or null when the leaf matches nowhere.
     */
    List<HighlightsMatch.Hit> hits(IntFunction<List<HighlightsMatch.Hit>> leafHits);

    /** A query with no Boolean structure, registered with the clause Monitor under {@code id}. */
    record Leaf(int id) implements ClauseTree {

        @Override
        public List<HighlightsMatch.Hit> hits(IntFunction<List<HighlightsMatch.Hit>> leafHits) {
            return leafHits.apply(id);
        }
    }

    /** One clause of a {@link Bool}. */
    record Clause(BooleanClause.Occur occur, ClauseTree tree) {
    }

    /**
     * A BooleanQuery. As {@code BooleanWeight.matches}: a prohibited clause that matches, or a required one that
     * does not, fails it; the hits are those of the required clauses and of every matching optional one; and a
     * match needs at least one of those clauses to match (Lucene returns null Matches for an empty list).
     */
    record Bool(List<Clause> clauses, int minimumShouldMatch) implements ClauseTree {

        public Bool {
            clauses = List.copyOf(clauses);
        }

        @Override
        public List<HighlightsMatch.Hit> hits(IntFunction<List<HighlightsMatch.Hit>> leafHits) {
            List<HighlightsMatch.Hit> hits = new ArrayList<>();
            int matched = 0;
            int shouldMatched = 0;
            for (Clause clause : clauses) {
                List<HighlightsMatch.Hit> sub = clause.tree().hits(leafHits);
                switch (clause.occur()) {
                    case MUST_NOT -> {
                        if (sub != null) {
                            return null;
                        }
                    }
                    case MUST, FILTER -> {
                        if (sub == null) {
                            return null;
                        }
                        hits.addAll(sub);
                        matched++;
                    }
                    case SHOULD -> {
                        if (sub != null) {
                            hits.addAll(sub);
                            matched++;
                            shouldMatched++;
                        }
                    }
                }
            }
            return matched == 0 || shouldMatched < minimumShouldMatch ? null : hits;
        }
    }
}
