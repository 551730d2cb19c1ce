package io.callstream.enrich.tags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import io.callstream.enrich.SweepSlice;
import org.apache.lucene.monitor.HighlightsMatch;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link LeafMatcher} gives, leaf by leaf, the hits the clause Monitor gives (positions and offsets), on the pieces
 * of real calls {@link GrowingTurnTags} matches: every line alone, every line after the one before (a sentence
 * closed across the seam, the open tail of the last), every whole turn; and on hand-made rules with the leaf kinds
 * the shipped taxonomies lack (prefix, single-word phrase, slop), where it hands the leaf to Lucene.
 */
class LeafMatcherTest {

    @Tag("sweep")
    @Test
    void givesTheMonitorsHitsOnEveryPieceOfEveryCall() {
        List<TurnLines.Call> calls = new ArrayList<>(SweepSlice.current().of(TurnLines.shared(), TurnLines.Call::name));
        calls.add(TurnLines.tesla());
        if (calls.size() == 1) {
            System.out.println("no shared transcripts in " + TurnLines.sharedDataDir() + ": the bundled call only");
        }
        try (TopicTagger tagger = TopicTagger.of(TaxonomySet.defaults().all())) {
            TopicClauses clauses = tagger.clauses();
            long[] compared = calls.parallelStream().mapToLong(call -> {
                long pieces = 0;
                long hits = 0;
                for (List<String> lines : call.turns()) {
                    List<String> texts = new ArrayList<>(lines);
                    for (int n = 1; n < lines.size(); n++) {
                        texts.add(lines.get(n - 1) + " " + lines.get(n));
                    }
                    texts.add(String.join(" ", lines));
                    for (String text : texts) {
                        String matchable = SafeHarbourSentences.blank(text);
                        Map<Integer, TreeSet<String>> direct = comparable(clauses.match(matchable, 3));
                        assertThat(direct).as("%s: %s", call.name(), text)
                                .isEqualTo(comparable(clauses.monitorMatch(matchable, 3)));
                        pieces++;
                        hits += direct.values().stream().mapToInt(TreeSet::size).sum();
                    }
                }
                return pieces << 32 | hits;
            }).toArray();
            long pieces = 0;
            long hits = 0;
            for (long both : compared) {
                pieces += both >>> 32;
                hits += both & 0xffffffffL;
            }
            System.out.println("direct leaf hits equal Monitor leaf hits on " + pieces + " pieces (" + hits
                    + " hits) of " + calls.size() + " calls");
            assertThat(hits).isPositive();
        }
    }

    @Test
    void handsLeafKindsItDoesNotReadToLucene() throws IOException {
        String rules = """
                taxonomy: kinds
                version: 1

                topic: prefixes
                label: Prefixes
                query: capit* OR "raise capital"~3 OR "g&a" OR "the end of the year" OR "cash" OR "a a"
                query: "model 3 ramp"~10 OR (supplier NOT "payment terms")
                """;
        Taxonomy taxonomy = new TaxonomyParser().parse(new StringReader(rules), "kinds.taxonomy");
        try (TopicTagger tagger = TopicTagger.of(List.of(taxonomy))) {
            TopicClauses clauses = tagger.clauses();
            for (String text : List.of(
                    "We raised, uh, capital at the end of the year. Capitalized G&A fell.",
                    "The capital we will raise. A a a model, um, 3 is ramping! Suppliers' payment terms",
                    "Cash, cash and capitalism at the end of the year; the end of the year.",
                    "nothing here")) {
                assertThat(comparable(clauses.match(text, 0))).as(text)
                        .isEqualTo(comparable(clauses.monitorMatch(text, 0)));
            }
            assertThat(comparable(clauses.match("Capitalized G&A", 0))).isNotEmpty();
        }
    }

    /**
     * Phrases left to Lucene are asked of it only when their words stand near enough to each other: on fuzzed
     * texts of few words, so that the words of sloppy phrases (in and out of order, repeated, across sentence ends
     * and fillers) are often all there and near or far, the hits are still the Monitor's; and so are those of
     * terms with surrogates.
     */
    @Tag("sweep")
    @Test
    void asksLuceneOnlyOfPhrasesWhoseWordsAreNearYetMissesNoMatch() throws IOException {
        String rules = """
                taxonomy: sloppy
                version: 1

                topic: phrases
                label: Phrases
                query: "raise capital"~3 OR "capital raise"~1 OR "model 3 ramp"~10 OR "a a"~2 OR "raise a raise"~4
                query: "ramp"~2 OR "the capital"~0 OR ("model 3"~1 NOT "3 model"~2) OR "capital the model"~6
                query: "3 ramp the"~1 OR "ramp a capital raise"~5 OR "x y"~9 OR "y x raise"~3 OR "a the"~20
                """;
        Taxonomy taxonomy = new TaxonomyParser().parse(new StringReader(rules), "sloppy.taxonomy");
        // Surrogates too, paired and alone, which terms are looked up by their bytes for.
        List<String> words = List.of("raise", "raised", "capital", "model", "3", "ramp", "the", "a", "uh", "x",
                "y", ".", ",", "?", "!", "ra\uD83D\uDE00ise", "capital\uDE00", "\uD83D\uDE00", "\uD800ramp");
        java.util.Random random = SeededRandom.of("LeafMatcherTest");
        try (TopicTagger tagger = TopicTagger.of(List.of(taxonomy))) {
            TopicClauses clauses = tagger.clauses();
            long hits = 0;
            for (int i = 0; i < 40_000; i++) {
                StringBuilder text = new StringBuilder();
                for (int n = 1 + random.nextInt(30); n > 0; n--) {
                    String word = words.get(random.nextInt(words.size()));
                    text.append(word.length() == 1 && !Character.isLetterOrDigit(word.charAt(0)) ? word : " " + word);
                }
                Map<Integer, TreeSet<String>> direct = comparable(clauses.match(text.toString(), 5));
                assertThat(direct).as(text.toString()).isEqualTo(comparable(clauses.monitorMatch(text.toString(), 5)));
                hits += direct.values().stream().mapToInt(TreeSet::size).sum();
            }
            assertThat(hits).isPositive();
        }
    }

    private static Map<Integer, TreeSet<String>> comparable(Map<Integer, List<HighlightsMatch.Hit>> found) {
        Map<Integer, TreeSet<String>> out = new TreeMap<>();
        found.forEach((leaf, hits) -> {
            TreeSet<String> set = new TreeSet<>();
            for (HighlightsMatch.Hit hit : hits) {
                set.add(hit.startPosition + "/" + hit.startOffset + "-" + hit.endPosition + "/" + hit.endOffset);
            }
            out.put(leaf, set);
        });
        return out;
    }
}
