package io.callstream.enrich.tags;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

import org.apache.lucene.monitor.HighlightsMatch;
import org.apache.lucene.search.BooleanClause;
import org.junit.jupiter.api.Test;

/**
 * {@link ClauseTree}'s two steps, whether a tree matches and then its hits, give what one walk building the hits of
 * every node gives ({@link #reference}, as {@code BooleanWeight.matches} judges a BooleanQuery and as the tree
 * judged topics before): the same verdict and the same hits in the same order, on random trees of every clause
 * kind with minimum-should-match, ORs of ORs, repeated leaves, and leaves that match nowhere, with hits, or with an empty list.
 */
class ClauseTreeTest {

    private static final BooleanClause.Occur[] OCCURS = BooleanClause.Occur.values();

    @Test
    void twoStepsGiveTheVerdictAndHitsOfOneWalk() {
        Random random = SeededRandom.of("ClauseTreeTest");
        int matched = 0;
        for (int i = 0; i < 200_000; i++) {
            ClauseTree tree = tree(random, 3);
            List<List<HighlightsMatch.Hit>> leaves = new ArrayList<>();
            for (int leaf = 0; leaf < 6; leaf++) {
                leaves.add(switch (random.nextInt(4)) {
                    case 0, 1 -> null;
                    case 2 -> List.of();
                    default -> List.of(new HighlightsMatch.Hit(leaf, leaf * 10, leaf, leaf * 10 + 3),
                            new HighlightsMatch.Hit(leaf + 1, leaf * 10 + 4, leaf + 1, leaf * 10 + 7));
                });
            }
            List<HighlightsMatch.Hit> expected = reference(tree, leaves::get);
            java.util.BitSet matchedLeaves = new java.util.BitSet();
            for (int leaf = 0; leaf < leaves.size(); leaf++) {
                if (leaves.get(leaf) != null) {
                    matchedLeaves.set(leaf);
                }
            }
            boolean matches = tree.matches(matchedLeaves);
            assertThat(matches).as("%s with %s", tree, leaves).isEqualTo(expected != null);
            if (matches) {
                List<HighlightsMatch.Hit> hits = new ArrayList<>();
                tree.addHits(matchedLeaves, (leaf, into) -> into.addAll(leaves.get(leaf)), hits);
                assertThat(hits).as("%s with %s", tree, leaves).containsExactlyElementsOf(expected);
                matched++;
            }
        }
        assertThat(matched).isGreaterThan(10_000);
    }

    private static ClauseTree tree(Random random, int depth) {
        if (depth == 0 || random.nextInt(3) == 0) {
            return new ClauseTree.Leaf(random.nextInt(6));
        }
        List<ClauseTree.Clause> clauses = new ArrayList<>();
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
            clauses.add(new ClauseTree.Clause(OCCURS[random.nextInt(OCCURS.length)], tree(random, depth - 1)));
        }
        // Often all optional, so that ORs of ORs are common too.
        if (random.nextBoolean()) {
            clauses.replaceAll(clause -> new ClauseTree.Clause(BooleanClause.Occur.SHOULD, clause.tree()));
        }
        return new ClauseTree.Bool(clauses, random.nextInt(4) == 0 ? random.nextInt(3) : 0);
    }

    /** The hits that make the tree match, or null: one walk that builds every node's hits. */
    static List<HighlightsMatch.Hit> reference(ClauseTree tree, IntFunction<List<HighlightsMatch.Hit>> leafHits) {
        if (tree instanceof ClauseTree.Leaf leaf) {
            return leafHits.apply(leaf.id());
        }
        ClauseTree.Bool bool = (ClauseTree.Bool) tree;
        List<HighlightsMatch.Hit> hits = new ArrayList<>();
        int matched = 0;
        int shouldMatched = 0;
        for (ClauseTree.Clause clause : bool.clauses()) {
            List<HighlightsMatch.Hit> sub = reference(clause.tree(), leafHits);
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
        return matched == 0 || shouldMatched < bool.minimumShouldMatch() ? null : hits;
    }
}
