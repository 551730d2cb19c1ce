package io.callstream.enrich.tags.learned;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordTopicModelTrainerTest {

    @TempDir
    Path dir;

    private static LabelledSentence sentence(String text, String... carries) {
        return new LabelledSentence(text, null, Set.of(carries));
    }

    /** Six calls: margins and financing turns with their evidence, and turns about nothing. */
    private static List<LabelledTurn> turns() {
        List<LabelledTurn> turns = new ArrayList<>();
        for (int call = 0; call < 6; call++) {
            String id = "call-" + call;
            turns.add(new LabelledTurn(id, Set.of("margins"), Set.of(), List.of(
                    sentence("Gross margin expanded in the quarter.", "margins"),
                    sentence("Thanks for the question."))));
            turns.add(new LabelledTurn(id, Set.of("financing"), Set.of(), List.of(
                    sentence("We refinanced our debt at a lower rate.", "financing"))));
            turns.add(new LabelledTurn(id, Set.of(), Set.of(), List.of(
                    sentence(call == 0 ? "The weather was fine in the quarter, remarkably." : "The weather was fine in "
                            + "the quarter."), sentence("Good morning."))));
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
        assertThat(model.weights()).containsKey("margin").containsKey("debt");
    }

    @Test
    void keepsNeitherAWordOfOneSentenceNorAWeightTooSmallToMatter() {
        WordTopicModel model = train();

        // "remarkably" is in one training sentence only: under MIN_COUNT, never a feature
        assertThat(model.weights()).isNotEmpty().doesNotContainKey("remarkably")
                .doesNotContainKey("quarter, remarkably").doesNotContainKey("quarter remarkably");
    }

    @Test
    void leavesOutEachWeightUnderTheKeptSizeAndEachFeatureLeftWithNone() {
        WordTopicModelTrainer trainer = new WordTopicModelTrainer(List.of("financing", "margins"));
        WordTopicModel all = trainer.fit(turns(), 0.5, 0);
        float[] sizes = new float[0];
        for (float[] weights : all.weights().values()) {
            for (float w : weights) {
                sizes = Arrays.copyOf(sizes, sizes.length + 1);
                sizes[sizes.length - 1] = Math.abs(w);
            }
        }
        Arrays.sort(sizes);
        int middle = sizes.length / 2;
        while (sizes[middle - 1] == sizes[middle]) {
            middle++;
        }
        // halfway between two sizes, so that no weight sits on the line in float or in double
        double kept = (sizes[middle - 1] + (double) sizes[middle]) / 2;

        WordTopicModel pruned = trainer.fit(turns(), 0.5, kept);

        assertThat(pruned.weights()).isNotEmpty().hasSizeLessThan(all.weights().size());
        all.weights().forEach((feature, weights) -> {
            float[] expected = new float[weights.length];
            boolean any = false;
            for (int t = 0; t < weights.length; t++) {
                expected[t] = Math.abs(weights[t]) >= kept ? weights[t] : 0;
                any |= expected[t] != 0;
            }
            if (any) {
                assertThat(pruned.weights().get(feature)).as(feature).containsExactly(expected);
            } else {
                assertThat(pruned.weights()).as(feature).doesNotContainKey(feature);
            }
        });
    }

    @Test
    void givesTheSameFileForTheSameLabels() throws Exception {
        train().write(dir.resolve("a.json"));
        train().write(dir.resolve("b.json"));

        assertThat(Files.readString(dir.resolve("b.json"))).isEqualTo(Files.readString(dir.resolve("a.json")));
    }
}
