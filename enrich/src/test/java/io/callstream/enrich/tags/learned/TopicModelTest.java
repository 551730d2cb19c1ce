package io.callstream.enrich.tags.learned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopicModelTest {

    @TempDir
    Path dir;

    @Test
    void readsBackWhatItWrote() throws IOException {
        TopicModel model = new TopicModel("m", "v1", "emb", 0.6, List.of(
                new TopicModel.TopicWeights("guidance", new float[] {0.5f, -1.25f}, 0.125f, 0.7),
                new TopicModel.TopicWeights("margins", new float[] {2f, 0f}, -0.5f, 1.01)), Map.of("turns", 3));
        Path file = dir.resolve("model.json");
        model.write(file);

        TopicModel read = TopicModel.read(file);

        assertThat(read.id()).isEqualTo("m");
        assertThat(read.version()).isEqualTo("v1");
        assertThat(read.embedder()).isEqualTo("emb");
        assertThat(read.topics().get(0).weights()).containsExactly(0.5f, -1.25f);
        assertThat(read.topics().get(1).threshold()).isEqualTo(1.01);
        assertThat(read.scores(new float[] {1, 0})).containsExactly(model.scores(new float[] {1, 0}));
        assertThat(Files.readString(file)).contains("\"weights\" : [ 0.5, -1.25 ]");
    }

    @Test
    void writesItsProvenanceWithKeysInOrderAtEveryDepthSoAnyProcessWritesTheSameBytes() throws IOException {
        Map<String, Object> nested = new java.util.LinkedHashMap<>();
        nested.put("zeta", 1);
        nested.put("alpha", 2);
        Map<String, Object> provenance = new java.util.LinkedHashMap<>();
        provenance.put("turns", 3);
        provenance.put("crossValidation", nested);
        TopicModel model = new TopicModel("m", "v1", "emb", 0.6, List.of(
                new TopicModel.TopicWeights("guidance", new float[] {1f}, 0f, 0.6)), provenance);
        Path file = dir.resolve("model.json");

        model.write(file);

        String text = Files.readString(file);
        assertThat(text.indexOf("\"alpha\"")).isLessThan(text.indexOf("\"zeta\""));
        assertThat(text.indexOf("\"crossValidation\"")).isLessThan(text.indexOf("\"turns\""));
    }

    @Test
    void refusesAFileThatIsNoModelNamingIt() {
        String broken = "{\"model\": \"m\", \"version\": \"1\", \"embedder\": \"e\", \"threshold\": 0.5, \"topics\": "
                + "[{\"topic\": \"a\", \"bias\": 0, \"threshold\": 0.5, \"weights\": [1, 2]},"
                + " {\"topic\": \"b\", \"bias\": 0, \"threshold\": 0.5, \"weights\": [1]}]}";
        assertThatThrownBy(() -> TopicModel.read(new ByteArrayInputStream(broken.getBytes(StandardCharsets.UTF_8)),
                "broken.json")).hasMessageContaining("broken.json: not a topic model: topic \"b\" has 1 weights");
        assertThatThrownBy(() -> TopicModel.read(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)),
                "empty.json")).hasMessageContaining("'topics' is missing");
    }
}
