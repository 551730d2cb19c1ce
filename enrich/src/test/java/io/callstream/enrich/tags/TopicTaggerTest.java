package io.callstream.enrich.tags;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.callstream.avro.Span;
import io.callstream.avro.TopicTag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** How rules match: phrases, proximity, stemming, fillers and sentences, and the spans that show why. */
class TopicTaggerTest {

    private static final String RULES = """
            taxonomy: demo
            version: 7
            topic: capital-raise
            label: Capital raise
            query: "raise capital"~3 OR "capital raise"~3 OR "equity offering"
            topic: capex
            label: Capital expenditure
            query: capex OR "capital expenditure"
            topic: supply-chain
            label: Supply chain
            query: supplier AND (parts OR tooling)
            """;

    private static final String WATCHLIST = """
            taxonomy: acme
            version: 2
            ticker: ACME
            topic: widgets
            label: Widgets
            query: widget
            """;

    private static TopicTagger tagger;

    @BeforeAll
    static void buildTagger() throws IOException {
        TaxonomyParser parser = new TaxonomyParser();
        tagger = TopicTagger.of(List.of(
                parser.parse(new StringReader(RULES), "demo.taxonomy"),
                parser.parse(new StringReader(WATCHLIST), "acme.taxonomy")));
    }

    @AfterAll
    static void closeTagger() {
        tagger.close();
    }

    @Test
    void findsAPhraseAndPointsAtItsWords() {
        String text = "We may do an equity offering later.";

        List<TopicTag> tags = tagger.tag(text);

        assertThat(tags).extracting(TopicTag::getTopicId).containsExactly("capital-raise");
        assertThat(tags.get(0).getEvidence()).singleElement().satisfies(span -> {
            assertThat(span.getText()).isEqualTo("equity offering");
            assertThat(text.substring(span.getStart(), span.getEnd())).isEqualTo("equity offering");
        });
    }

    @Test
    void matchesWordsWithinTheProximityInEitherOrder() {
        assertThat(topics("It makes sense to raise more capital.")).containsExactly("capital-raise");
        assertThat(topics("No capital needs to be raised.")).containsExactly("capital-raise");
        assertThat(topics("We raise prices, and that helps our working capital.")).isEmpty();
    }

    @Test
    void stemsTheTextAsTheRule() {
        assertThat(topics("We are raising capital.")).containsExactly("capital-raise");
        assertThat(topics("They raised capital twice.")).containsExactly("capital-raise");
        assertThat(topics("Capital expenditures rose.")).containsExactly("capex");
    }

    @Test
    void skipsFillersInsideAPhrase() {
        assertThat(topics("We will, uh, raise, um, the capital we need.")).containsExactly("capital-raise");
    }

    @Test
    void doesNotJoinWordsAcrossASentenceEnd() {
        assertThat(topics("Those are the targets we raised. Capital is fine.")).isEmpty();
        assertThat(topics("Did we raise? Capital is fine.")).isEmpty();
        // An abbreviation is not a sentence end.
        assertThat(topics("We will raise U.S. capital.")).containsExactly("capital-raise");
    }

    @Test
    void everySpanIsTheTextBetweenItsOffsets() {
        String text = "Uh, the supplier – one supplier – shipped tooling, and “parts” came late; CapEx was $522 million.\n"
                + "Then, we’ll raise, you know, some capital. Supplier’s parts!";

        List<TopicTag> tags = tagger.tag(text);

        assertThat(tags).extracting(TopicTag::getTopicId).containsExactly("capex", "capital-raise", "supply-chain");
        for (TopicTag tag : tags) {
            assertThat(tag.getEvidence()).isNotEmpty().allSatisfy(span ->
                    assertThat(text.substring(span.getStart(), span.getEnd())).isEqualTo(span.getText()));
        }
        assertThat(evidence(tags, "supply-chain"))
                .containsExactly("supplier", "supplier", "tooling", "parts", "Supplier’s parts");
        assertThat(evidence(tags, "capex")).containsExactly("CapEx");
    }

    @Test
    void joinsTheWordsOfAPhraseIntoOneSpan() {
        String text = "Our capital expenditure will rise.";

        assertThat(evidence(tagger.tag(text), "capex")).containsExactly("capital expenditure");
    }

    @Test
    void aTurnAboutNothingGetsNoTags() {
        assertThat(tagger.tag("Thanks for taking my question, and congratulations on the quarter.")).isEmpty();
        assertThat(tagger.tag("")).isEmpty();
        assertThat(tagger.tag("   ")).isEmpty();
        assertThat(tagger.tag(null)).isEmpty();
    }

    @Test
    void everyTagCarriesItsTaxonomyAndLabelInTopicOrder() {
        List<TopicTag> tags = tagger.tag("Widget capex, and a supplier of widget parts.");

        assertThat(tags).extracting(TopicTag::getTopicId, TopicTag::getLabel, TopicTag::getTaxonomyId,
                        TopicTag::getTaxonomyVersion)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("capex", "Capital expenditure", "demo", "7"),
                        org.assertj.core.groups.Tuple.tuple("supply-chain", "Supply chain", "demo", "7"),
                        org.assertj.core.groups.Tuple.tuple("widgets", "Widgets", "acme", "2"));
    }

    @Test
    void aWatchlistTagsOnlyTheCallsOfItsTicker() {
        String text = "Widget capex was up.";

        assertThat(tagger.tag(text, "ACME")).extracting(TopicTag::getTopicId).containsExactly("capex", "widgets");
        assertThat(tagger.tag(text, "OTHER")).extracting(TopicTag::getTopicId).containsExactly("capex");
        assertThat(tagger.tag(text, null)).extracting(TopicTag::getTopicId).containsExactly("capex");
    }

    @Test
    void tagsFromSeveralThreadsAtOnceAsFromOne() throws Exception {
        List<String> turns = List.of("It makes sense to raise more capital.", "Capital expenditures rose.",
                "A supplier was late with tooling.", "Thanks, operator.");
        List<List<TopicTag>> expected = turns.stream().map(tagger::tag).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<List<TopicTag>>>> runs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                runs.add(pool.submit(() -> {
                    List<List<TopicTag>> seen = new ArrayList<>();
                    for (int round = 0; round < 200; round++) {
                        seen.add(tagger.tag(turns.get(round % turns.size())));
                    }
                    return seen;
                }));
            }
            for (Future<List<List<TopicTag>>> run : runs) {
                List<List<TopicTag>> seen = run.get();
                for (int round = 0; round < seen.size(); round++) {
                    assertThat(seen.get(round)).isEqualTo(expected.get(round % turns.size()));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> topics(String text) {
        return tagger.tag(text).stream().map(TopicTag::getTopicId).toList();
    }

    private static List<String> evidence(List<TopicTag> tags, String topic) {
        return tags.stream().filter(tag -> tag.getTopicId().equals(topic)).findFirst().orElseThrow()
                .getEvidence().stream().map(Span::getText).toList();
    }
}
