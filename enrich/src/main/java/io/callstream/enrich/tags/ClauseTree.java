package io.callstream.enrich.tags;

import java.util.BitSet;
import java.util.List;

import org.apache.lucene.monitor.HighlightsMatch;
import org.apache.lucene.search.BooleanClause;

/**
 * A topic's query as a tree of Boolean nodes over leaf queries (terms, phrases, prefixes), so that a turn matched
 * sentence by sentence can be judged as a whole: a leaf matches the turn when it matches any of its sentences, and
 * the Boolean logic then runs over the whole turn, as Lucene's {@code BooleanWeight.matches} runs it over the turn
 * as one document ("demand NOT \"on demand\"" loses the tag when "on demand" comes any number of sentences later).
 *
 * <p>A tree is judged in two steps: whether it matches, from which leaves match alone, and only then its hits. Most
 * topics a line touches are ORs that one leaf decides, and a topic that does not match builds no lists.
 */
sealed interface ClauseTree {

    /** Whether the tree matches, {@code matched} holding the leaves that match anywhere in the turn. */
    boolean matches(BitSet matched);

    /**
     * Adds to {@code into} the hits that make a tree that {@link #matches} match: a leaf's hits over the turn, and
     * for a Boolean node those of its required clauses and of every matching optional one, clause by clause.
     */
    void addHits(BitSet matched, LeafHits hits, List<HighlightsMatch.Hit> into);

    /** A leaf's hits over the turn. */
    @FunctionalInterface
    interface LeafHits {
        void addTo(int leaf, List<HighlightsMatch.Hit> into);
    }

    /** A query with no Boolean structure, registered with the clause Monitor under {@code id}. */
    record Leaf(int id) implements ClauseTree {

        @Override
        public boolean matches(BitSet matched) {
            return matched.get(id);
        }

        @Override
        public void addHits(BitSet matched, LeafHits hits, List<HighlightsMatch.Hit> into) {
            hits.addTo(id, into);
        }
    }

    /** One clause of a {@link Bool}. */
    record Clause(BooleanClause.Occur occur, ClauseTree tree) {
    }

    /**
     * A BooleanQuery. As {@code BooleanWeight.matches}: a prohibited clause that matches, or a required one that
     * does not, fails it; the hits are those of the required clauses and of every matching optional one; and a
     * match needs at least one of those clauses to match (Lucene returns null Matches for an empty list), and at
     * least {@code minimumShouldMatch} optional ones.
     *
     * <p>{@code anyLeaf}, derived from the clauses, holds the leaves of a node that is an OR of leaves and such
     * nodes, all optional, at most one needed (most topics, and the lines of the rest): it matches when any of them
     * does, one test of two bit sets. Null for any other node.
     */
    record Bool(List<Clause> clauses, int minimumShouldMatch, BitSet anyLeaf) implements ClauseTree {

        Bool(List<Clause> clauses, int minimumShouldMatch) {
            this(clauses, minimumShouldMatch, anyLeafOf(clauses, minimumShouldMatch));
        }

        public Bool {
            clauses = List.copyOf(clauses);
            anyLeaf = anyLeaf == null ? null : (BitSet) anyLeaf.clone();
        }

        private static BitSet anyLeafOf(List<Clause> clauses, int minimumShouldMatch) {
            if (minimumShouldMatch > 1) {
                return null;
            }
            BitSet leaves = new BitSet();
            for (Clause clause : clauses) {
                if (clause.occur() != BooleanClause.Occur.SHOULD) {
                    return null;
                }
                if (clause.tree() instanceof Leaf leaf) {
                    leaves.set(leaf.id());
                } else if (clause.tree() instanceof Bool bool && bool.anyLeaf() != null) {
                    leaves.or(bool.anyLeaf());
                } else {
                    return null;
                }
            }
            return leaves;
        }

        @Override
        public boolean matches(BitSet matched) {
            if (anyLeaf != null) {
                return anyLeaf.intersects(matched);
            }
            // The verdict reads every clause alike, in no order: the prohibited and required ones first, which can
            // fail it, then the optional ones only until enough match.
            int required = 0;
            // Index loops: an iterator per node and call was most of what judging a line allocated.
            for (int i = 0; i < clauses.size(); i++) {
                Clause clause = clauses.get(i);
                switch (clause.occur()) {
                    case MUST_NOT -> {
                        if (clause.tree().matches(matched)) {
                            return false;
                        }
                    }
                    case MUST, FILTER -> {
                        if (!clause.tree().matches(matched)) {
                            return false;
                        }
                        required++;
                    }
                    case SHOULD -> {
                    }
                }
            }
            int needed = Math.max(minimumShouldMatch, required > 0 ? 0 : 1);
            int optional = 0;
            for (int i = 0; i < clauses.size() && optional < needed; i++) {
                Clause clause = clauses.get(i);
                if (clause.occur() == BooleanClause.Occur.SHOULD && clause.tree().matches(matched)) {
                    optional++;
                }
            }
            return optional >= needed;
        }

        @Override
        public void addHits(BitSet matched, LeafHits hits, List<HighlightsMatch.Hit> into) {
            for (int i = 0; i < clauses.size(); i++) {
                Clause clause = clauses.get(i);
                switch (clause.occur()) {
                    case MUST, FILTER -> clause.tree().addHits(matched, hits, into);
                    case SHOULD -> {
                        if (clause.tree().matches(matched)) {
                            clause.tree().addHits(matched, hits, into);
                        }
                    }
                    case MUST_NOT -> {
                    }
                }
            }
        }
    }
}
