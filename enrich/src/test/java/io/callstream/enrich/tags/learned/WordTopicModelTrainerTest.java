package io.callstream.enrich.tags.learned;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordTopicModelTrainerTest {

    @TempDir
    Path dir;

    private static TopicModelTrainer.LabelledSentence sentence(String text, String... carries) {
        return new TopicModelTrainer.LabelledSentence(text, null, Set.of(carries));
    }

    /** Six calls: margins and financing turns with their evidence, and turns about nothing. */
    private static List<TopicModelTrainer.LabelledTurn> turns() {
        List<TopicModelTrainer.LabelledTurn> turns = new ArrayList<>();
        for (int call = 0; call < 6; call++) {
            String id = "call-" + call;
            turns.add(new TopicModelTrainer.LabelledTurn(id, Set.of("margins"), Set.of(), List.of(
                    sentence("Gross margin expanded in the quarter.", "margins"),
                    sentence("Thanks for the question."))));
            turns.add(new TopicModelTrainer.LabelledTurn(id, Set.of("financing"), Set.of(), List.of(
                    sentence("We refinanced our debt at a lower rate.", "financing"))));
            turns.add(new TopicModelTrainer.LabelledTurn(id, Set.of(), Set.of(), List.of(
                    sentence("The weather was fine in the quarter."), sentence("Good morning."))));
        }
        return turns;
    }

    private static WordTopicModel train() {
        return new WordTopicModelTrainer(List.of("financing", "margins"))
                .train("general-words", "1", turns(), Map.of("labels", "toy"));
    }

    @Test
    void learnsEachTopicFromTheWordsOfTheSentencesQuotedAsItsEvidence() {
        WordTopicModel model = train();

        double[] margin = model.scores("Our gross margin will grow.", null);
        double[] debt = model.scores("The debt fell.", null);
        double[] weather = model.scores("The weather again.", null);
        assertThat(margin[1]).isGreaterThanOrEqualTo(model.threshold(1)).isGreaterThan(margin[0]);
        assertThat(debt[0]).isGreaterThanOrEqualTo(model.threshold(0)).isGreaterThan(debt[1]);
        assertThat(weather[0]).isLessThan(model.threshold(0));
        assertThat(weather[1]).isLessThan(model.threshold(1));
        assertThat(model.provenance()).containsEntry("calls", 6).containsEntry("turns", 18)
                .containsEntry("labels", "toy").containsKey("crossValidation");
        // "good morning" and "fine" stand in no topic's sentence: only the words that speak for or against one stay
        assertThat(model.weights()).containsKey("margin").containsKey("debt").doesNotContainKey("bogus");
    }

    @Test
    void givesTheSameFileForTheSameLabels() throws Exception {
        train().write(dir.resolve("a.json"));
        train().write(dir.resolve("b.json"));

        assertThat(Files.readString(dir.resolve("b.json"))).isEqualTo(Files.readString(dir.resolve("a.json")));
    }
}
