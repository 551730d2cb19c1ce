package io.callstream.enrich.tags.learned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.callstream.avro.Span;
import io.callstream.avro.TopicTag;
import io.callstream.enrich.tags.Taxonomy;
import io.callstream.enrich.tags.TaxonomySet;
import io.callstream.enrich.tags.TurnLines;
import org.junit.jupiter.api.Test;

class LearnedTopicsTest {

    private final KeywordEmbedder embedder = new KeywordEmbedder("margin", "debt");
    /** margins on the first dimension, financing on the second: a sentence with the keyword scores about 0.99. */
    private final TopicModel model = new TopicModel("general-learned", "7", embedder.id(), 0.5, List.of(
            new TopicModel.TopicWeights("margins", new float[] {10, 0, 0}, -5, 0.5),
            new TopicModel.TopicWeights("financing", new float[] {0, 10, 0}, -5, 0.5)), Map.of());
    private final List<Taxonomy> general = TaxonomySet.defaults().forTicker(null);
    private final LearnedTopics learned = new LearnedTopics(model, TaxonomySet.of(general), embedder);

    @Test
    void tagsATopicTheRulesMissedWithItsSentencesTheScoreAndTheModel() {
        String text = "Thanks. Our margin held up well. See you.";

        List<TopicTag> tags = learned.tag(text, List.of(), general);

        assertThat(tags).singleElement().satisfies(tag -> {
            assertThat(tag.getTopicId()).isEqualTo("margins");
            assertThat(tag.getTaxonomyId()).isEqualTo("general");
            assertThat(tag.getLabel()).isEqualTo("Margins & profitability");
            assertThat(tag.getEvidence()).containsExactly(new Span(8, 32, "Our margin held up well."));
            assertThat(tag.getModelId()).isEqualTo("general-learned");
            assertThat(tag.getModelVersion()).isEqualTo("7");
            assertThat(tag.getScore()).isGreaterThan(0.9);
        });
    }

    @Test
    void keepsTheRulesTagWhereTheRulesFoundTheTopic() {
        TopicTag rule = TopicTag.newBuilder().setTopicId("margins").setLabel("Margins & profitability")
                .setTaxonomyId("general").setTaxonomyVersion("1").setEvidence(List.of(new Span(4, 10, "margin")))
                .build();

        List<TopicTag> tags = learned.tag("Our margin and our debt.", List.of(rule), general);

        assertThat(tags).extracting(TopicTag::getTopicId).containsExactly("financing", "margins");
        assertThat(tags.get(1)).isSameAs(rule);
        assertThat(tags.get(0).getModelId()).isEqualTo("general-learned");
    }

    @Test
    void tagsOnlyTopicsOfTheTaxonomiesThatApplyToTheCall() {
        assertThat(learned.tag("Our margin held.", List.of(), List.of())).isEmpty();
    }

    @Test
    void skipsSafeHarbourSentencesAsTheRulesDo() {
        String notice = "Today's remarks include forward-looking statements, and actual results may differ "
                + "materially, including our margin.";
        assertThat(learned.tag(notice, List.of(), general)).isEmpty();
    }

    @Test
    void embedsASentenceOnceHoweverOftenAGrowingTurnShowsIt() {
        learned.tag("Our margin held up.", List.of(), general);
        learned.tag("Our margin held up. And the", List.of(), general);
        learned.tag("Our margin held up. And the debt fell.", List.of(), general);

        assertThat(embedder.embedded).containsExactly("Our margin held up.", "And the", "And the debt fell.");
    }

    /**
     * The growing reading of a turn gives at every snapshot what a reading of its whole text gives: every line of
     * every turn of the bundled call, and a turn whose safe-harbour notice shows up at its second line; then a
     * snapshot that revises the last, a blank one, and one that grows from the blank one.
     */
    @Test
    void aGrowingTurnIsTaggedAtEverySnapshotAsItsWholeTextIs() {
        List<List<String>> turns = new ArrayList<>(TurnLines.tesla().turns());
        turns.add(List.of("Our margin held up.",
                "These statements are forward-looking statements and actual results may differ, margin included.",
                "Debt fell. The margin", "rose again."));
        long tagged = 0;
        for (List<String> lines : turns) {
            LearnedTopics.Growing growing = learned.growing();
            for (int k = 1; k <= lines.size(); k++) {
                String text = TurnLines.prefix(lines, k);
                List<TopicTag> expected = learned.tag(text, List.of(), general);
                assertThat(growing.tag(text, k > 1, List.of(), general)).as("'%s'", text).isEqualTo(expected);
                tagged += expected.size();
            }
            String revised = "Margins, debt. " + TurnLines.prefix(lines, 1);
            assertThat(growing.tag(revised, false, List.of(), general))
                    .isEqualTo(learned.tag(revised, List.of(), general));
            assertThat(growing.tag("  ", false, List.of(), general)).isEmpty();
            String grown = "  More debt. " + revised;
            assertThat(growing.tag(grown, true, List.of(), general)).isEqualTo(learned.tag(grown, List.of(), general));
        }
        assertThat(tagged).isGreaterThan(15);
    }

    /**
     * A snapshot of a call no taxonomy of the tier applies to reads nothing, and the next snapshot, which grows from
     * it for a call the tier does apply to, is read from its start.
     */
    @Test
    void aGrowingTurnReadsFromItsStartAfterASnapshotItDidNotRead() throws Exception {
        Taxonomy watch = fundWatch();
        LearnedTopics byExample = new LearnedTopics(null, TaxonomySet.of(List.of(watch)), embedder);
        LearnedTopics.Growing growing = byExample.growing();
        String unread = "Margins fell. The debt";
        String grown = unread + " rose. Our debt is lower. And";

        assertThat(growing.tag("Our debt is too high. Margins held.", false, List.of(), List.of(watch))).hasSize(1);
        assertThat(growing.tag(unread, false, List.of(), List.of())).isEmpty();
        assertThat(growing.tag(grown, true, List.of(), List.of(watch)))
                .isEqualTo(byExample.tag(grown, List.of(), List.of(watch)))
                .singleElement().satisfies(tag -> assertThat(tag.getEvidence()).hasSize(2));
    }

    /** A fund's watchlist with one topic defined by an example alone. */
    private static Taxonomy fundWatch() throws Exception {
        return new io.callstream.enrich.tags.TaxonomyParser().parse(new java.io.StringReader("""
                taxonomy: fund-watch
                version: 3
                topic: debt-load
                label: Debt load
                description: how much the company owes
                example: Our debt is too high.
                similarity: 0.9
                """), "fund-watch.taxonomy");
    }

    @Test
    void aWordModelTagsWithoutEmbeddingUnlessATopicDefinedByExamplesAppliesToTheCall() throws Exception {
        Taxonomy watch = fundWatch();
        KeywordEmbedder keywords = new KeywordEmbedder("margin", "debt");
        WordTopicModel words = new WordTopicModel("general-words", "2", 0.5,
                List.of(new WordTopicModel.Topic("margins", -5f, 0.5)),
                new java.util.TreeMap<>(Map.of("margin", new float[] {10f})), Map.of());
        LearnedTopics tier = new LearnedTopics(words, TaxonomySet.of(List.of(general.get(0), watch)), keywords);
        keywords.embedded.clear(); // the watchlist's example, embedded once at start-up

        List<TopicTag> generalOnly = tier.tag("Our debt is too high. The margin held.", List.of(), general);
        assertThat(keywords.embedded).isEmpty();
        List<TopicTag> watched = tier.tag("Our debt is too high. The margin held.", List.of(),
                List.of(general.get(0), watch));

        assertThat(generalOnly).singleElement().satisfies(tag -> {
            assertThat(tag.getTopicId()).isEqualTo("margins");
            assertThat(tag.getModelId()).isEqualTo("general-words");
            assertThat(tag.getModelVersion()).isEqualTo("2");
            assertThat(tag.getEvidence()).containsExactly(new Span(22, 38, "The margin held."));
        });
        // The same sentences, read again for a call the watchlist applies to: embedded now, and both tiers tag.
        assertThat(keywords.embedded).containsExactly("Our debt is too high.", "The margin held.");
        assertThat(watched).extracting(TopicTag::getTopicId).containsExactly("debt-load", "margins");
        assertThat(watched.get(1)).isEqualTo(generalOnly.get(0));
    }

    @Test
    void refusesAModelTrainedOnAnotherEmbedder() {
        assertThatThrownBy(() -> new LearnedTopics(model, TaxonomySet.defaults(), new KeywordEmbedder("other")))
                .hasMessageContaining("was trained on embedder");
    }

    @Test
    void tagsATopicDefinedByExamplesAloneWithTheSentencesCloseToThemAndNoTraining() throws Exception {
        Taxonomy watch = fundWatch();
        KeywordEmbedder keywords = new KeywordEmbedder("margin", "debt");
        LearnedTopics byExample = new LearnedTopics(null, TaxonomySet.of(List.of(watch)), keywords);

        List<TopicTag> tags = byExample.tag("Margins held. The debt fell.", List.of(), List.of(watch));

        assertThat(tags).singleElement().satisfies(tag -> {
            assertThat(tag.getTopicId()).isEqualTo("debt-load");
            assertThat(tag.getTaxonomyId()).isEqualTo("fund-watch");
            assertThat(tag.getTaxonomyVersion()).isEqualTo("3");
            assertThat(tag.getEvidence()).containsExactly(new Span(14, 28, "The debt fell."));
            assertThat(tag.getModelId()).isEqualTo(LearnedTopics.EXAMPLES);
            assertThat(tag.getModelVersion()).isEqualTo(keywords.id());
            assertThat(tag.getScore()).isGreaterThanOrEqualTo(0.9);
        });
        // A call the watchlist does not apply to gets nothing, and pays for no embedding.
        int embedded = keywords.embedded.size();
        assertThat(byExample.tag("The debt fell again.", List.of(), List.of())).isEmpty();
        assertThat(keywords.embedded).hasSize(embedded);
    }
}
