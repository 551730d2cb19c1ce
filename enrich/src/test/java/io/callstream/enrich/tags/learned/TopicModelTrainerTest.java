package io.callstream.enrich.tags.learned;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class TopicModelTrainerTest {

    private final KeywordEmbedder embedder = new KeywordEmbedder("margin", "debt", "weather", "thanks");

    private LabelledSentence sentence(String text, String... carries) {
        return new LabelledSentence(text, embedder.embed(text), Set.of(carries));
    }

    /** Six calls: margins and financing turns with their evidence, and turns about nothing. */
    private List<LabelledTurn> turns() {
        List<LabelledTurn> turns = new ArrayList<>();
        for (int call = 0; call < 6; call++) {
            String id = "call-" + call;
            turns.add(new LabelledTurn(id, Set.of("margins"), Set.of(), List.of(
                    sentence("Gross margin expanded.", "margins"), sentence("Thanks for the question."))));
            turns.add(new LabelledTurn(id, Set.of("financing"), Set.of(), List.of(
                    sentence("We refinanced our debt.", "financing"))));
            turns.add(new LabelledTurn(id, Set.of(), Set.of(), List.of(
                    sentence("The weather was fine."), sentence("Good morning."))));
        }
        return turns;
    }

    private TopicModel train() {
        return new TopicModelTrainer(List.of("financing", "margins"))
                .train("test-model", "1", embedder.id(), turns(), Map.of("labels", "toy"));
    }

    @Test
    void learnsEachTopicFromTheSentencesQuotedAsItsEvidence() {
        TopicModel model = train();

        double[] margin = model.scores(embedder.embed("Our margin will grow."));
        double[] debt = model.scores(embedder.embed("Debt fell."));
        double[] weather = model.scores(embedder.embed("Weather again."));
        assertThat(margin[1]).isGreaterThan(model.topics().get(1).threshold()).isGreaterThan(margin[0]);
        assertThat(debt[0]).isGreaterThan(model.topics().get(0).threshold()).isGreaterThan(debt[1]);
        assertThat(weather[0]).isLessThan(model.topics().get(0).threshold());
        assertThat(weather[1]).isLessThan(model.topics().get(1).threshold());
        assertThat(model.provenance()).containsEntry("calls", 6).containsEntry("turns", 18)
                .containsEntry("labels", "toy").containsKey("crossValidation");
    }

    @Test
    void givesTheSameModelForTheSameLabels() {
        TopicModel first = train();
        TopicModel second = train();

        for (int t = 0; t < first.topics().size(); t++) {
            assertThat(second.topics().get(t).weights()).containsExactly(first.topics().get(t).weights());
            assertThat(second.topics().get(t).bias()).isEqualTo(first.topics().get(t).bias());
            assertThat(second.topics().get(t).threshold()).isEqualTo(first.topics().get(t).threshold());
        }
    }

    @Test
    void leavesOutTheUnquotedSentencesOfATurnWithTheTopicRatherThanTeachingThemAsNegatives() {
        // "Thanks for the question." sits in every margins turn without being its evidence: were it a negative, the
        // model would learn that "thanks" speaks against margins; left out, it knows nothing of it either way.
        TopicModel model = train();
        double thanks = model.scores(embedder.embed("Thanks for the question."))[1];
        double weather = model.scores(embedder.embed("The weather was fine."))[1];
        assertThat(thanks).isGreaterThan(weather);
    }
}
