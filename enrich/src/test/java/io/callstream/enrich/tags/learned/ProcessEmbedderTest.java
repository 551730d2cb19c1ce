package io.callstream.enrich.tags.learned;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessEmbedderTest {

    @TempDir
    Path dir;

    @Test
    void keepsEmbeddingsInTheFileTheVariableNames() throws Exception {
        Path file = dir.resolve("embeddings.bin");
        KeywordEmbedder model = new KeywordEmbedder("margin");

        SentenceEmbedder embedder = ProcessEmbedder.of(Map.of(ProcessEmbedder.VARIABLE, file.toString()), model);
        try {
            embedder.embed("Our margin held.");
        } finally {
            ((DiskCachedEmbedder) embedder).close();
        }

        assertThat(embedder.id()).isEqualTo(model.id());
        assertThat(file).isNotEmptyFile();
        try (DiskCachedEmbedder again = DiskCachedEmbedder.of(new KeywordEmbedder("margin"), file)) {
            again.embed("Our margin held.");
            assertThat(again.counts()).containsExactly(1, 0);
        }
    }

    @Test
    void isTheModelAloneWhereTheVariableIsUnsetOrBlank() {
        KeywordEmbedder model = new KeywordEmbedder("margin");

        assertThat(ProcessEmbedder.of(Map.of(), model)).isSameAs(model);
        assertThat(ProcessEmbedder.of(Map.of(ProcessEmbedder.VARIABLE, " "), model)).isSameAs(model);
    }
}
