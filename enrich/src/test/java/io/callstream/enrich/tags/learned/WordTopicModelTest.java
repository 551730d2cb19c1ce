package io.callstream.enrich.tags.learned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordTopicModelTest {

    @TempDir
    Path dir;

    private final WordTopicModel model = new WordTopicModel("general-words", "3", 0.5, List.of(
            new WordTopicModel.Topic("margins", -2f, 0.5), new WordTopicModel.Topic("financing", -1f, 0.6)),
            new TreeMap<>(Map.of("margin", new float[] {3f, 0f}, "debt", new float[] {0f, 2.5f},
                    "gross margin", new float[] {1.25f, -0.5f})), Map.of("turns", 2));

    @Test
    void scoresASentenceAsTheSigmoidOfItsTopicsBiasAndItsFeaturesWeights() {
        double[] scores = model.scores("Gross margin and debt.", null);

        // margin, gross margin and debt are read; "gross" and "and debt" weigh nothing
        assertThat(scores[0]).isCloseTo(Vectors.sigmoid(-2 + 3 + 1.25), within(1e-9));
        assertThat(scores[1]).isCloseTo(Vectors.sigmoid(-1 - 0.5 + 2.5), within(1e-9));
        assertThat(model.scores("Nothing here.", null)[0]).isCloseTo(Vectors.sigmoid(-2), within(1e-9));
        assertThat(model.embeds()).isFalse();
        assertThat(model.topicIds()).containsExactly("margins", "financing");
        assertThat(model.threshold(1)).isEqualTo(0.6);
    }

    @Test
    void readsBackWhatItWritesAndTheGeneralReaderKnowsItForAWordModel() throws Exception {
        Path file = dir.resolve("words.json");
        model.write(file);

        SentenceTopicModel read = SentenceTopicModel.read(file);

        assertThat(read).isInstanceOf(WordTopicModel.class);
        WordTopicModel words = (WordTopicModel) read;
        assertThat(words.id()).isEqualTo("general-words");
        assertThat(words.version()).isEqualTo("3");
        assertThat(words.topics()).isEqualTo(model.topics());
        assertThat(words.weights().keySet()).containsExactlyInAnyOrder("debt", "gross margin", "margin");
        assertThat(words.scores("Gross margin and debt.", null)).containsExactly(
                model.scores("Gross margin and debt.", null));
        assertThat(words.provenance()).containsEntry("turns", 2);
        // one line per feature
        assertThat(Files.readAllLines(file)).contains("    \"gross margin\": [1.25,-0.5],");
    }

    @Test
    void refusesAFeatureWithAWeightTooFewAndAFileThatIsNoWordModelNamingIt() {
        assertThatThrownBy(() -> new WordTopicModel("m", "1", 0.5, List.of(new WordTopicModel.Topic("a", 0f, 0.5)),
                new TreeMap<>(Map.of("x", new float[] {1f, 2f})), Map.of()))
                .hasMessageContaining("feature 'x' has 2 weights for 1 topics");
        String broken = "{\"model\": \"m\", \"version\": \"1\", \"features\": \"words\", \"threshold\": 0.5}";
        assertThatThrownBy(() -> SentenceTopicModel.read(
                new ByteArrayInputStream(broken.getBytes(StandardCharsets.UTF_8)), "broken.json"))
                .hasMessageContaining("broken.json: not a word topic model: 'topics' is missing");
    }

    @Test
    void refusesAModelFileOfAKindItDoesNotKnowSayingWhichItReads() {
        String letters = "{\"model\": \"m\", \"version\": \"1\", \"features\": \"letters\", \"threshold\": 0.5}";

        assertThatThrownBy(() -> SentenceTopicModel.read(
                new ByteArrayInputStream(letters.getBytes(StandardCharsets.UTF_8)), "letters.json"))
                .hasMessage("letters.json: 'features' is \"letters\"; a topic model reads \"embeddings\" or \"words\"");
    }
}
