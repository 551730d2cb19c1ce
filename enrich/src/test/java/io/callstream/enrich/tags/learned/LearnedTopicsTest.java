package io.callstream.enrich.tags.learned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import io.callstream.avro.Span;
import io.callstream.avro.TopicTag;
import io.callstream.enrich.tags.Taxonomy;
import io.callstream.enrich.tags.TaxonomySet;
import org.junit.jupiter.api.Test;

class LearnedTopicsTest {

    private final KeywordEmbedder embedder = new KeywordEmbedder("margin", "debt");
    /** margins on the first dimension, financing on the second: a sentence with the keyword scores about 0.99. */
    private final TopicModel model = new TopicModel("general-learned", "7", embedder.id(), 0.5, List.of(
            new TopicModel.TopicWeights("margins", new float[] {10, 0, 0}, -5, 0.5),
            new TopicModel.TopicWeights("financing", new float[] {0, 10, 0}, -5, 0.5)), Map.of());
    private final LearnedTopics learned = new LearnedTopics(model, embedder);
    private final List<Taxonomy> general = TaxonomySet.defaults().forTicker(null);

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

    @Test
    void refusesAModelTrainedOnAnotherEmbedder() {
        assertThatThrownBy(() -> new LearnedTopics(model, new KeywordEmbedder("other")))
                .hasMessageContaining("was trained on embedder");
    }
}
