package io.callstream.enrich.tags.learned;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskCachedEmbedderTest {

    @TempDir
    Path dir;

    @Test
    void embedsASentenceOnceAcrossRunsAndGivesTheSameVectorBack() throws IOException {
        Path file = dir.resolve("cache").resolve("embeddings.bin");
        KeywordEmbedder first = new KeywordEmbedder("margin", "debt");
        float[] margin;
        try (DiskCachedEmbedder cached = DiskCachedEmbedder.of(first, file)) {
            margin = cached.embed("Our margin held.");
            cached.embed("Our margin held.");
            cached.embed("Debt fell.");
            assertThat(cached.counts()).containsExactly(0, 2);
        }
        KeywordEmbedder second = new KeywordEmbedder("margin", "debt");

        try (DiskCachedEmbedder again = DiskCachedEmbedder.of(second, file)) {
            assertThat(again.embed("Our margin held.")).containsExactly(margin);
            again.embed("Debt fell.");
            assertThat(again.counts()).containsExactly(2, 0);
        }
        assertThat(second.embedded).isEmpty();
    }

    @Test
    void touchesNoFileUntilASentenceComes() throws IOException {
        Path file = dir.resolve("never.bin");
        try (DiskCachedEmbedder cached = DiskCachedEmbedder.of(new KeywordEmbedder("x"), file)) {
            assertThat(cached.counts()).containsExactly(0, 0);
        }
        assertThat(file).doesNotExist();
    }

    @Test
    void startsOverOnAnotherEmbeddersFileAndCutsATornLastRecord() throws IOException {
        Path file = dir.resolve("embeddings.bin");
        try (DiskCachedEmbedder cached = DiskCachedEmbedder.of(new KeywordEmbedder("margin"), file)) {
            cached.embed("Our margin held.");
            cached.embed("Debt fell.");
        }
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length - 3)); // a crash while writing the last record

        KeywordEmbedder same = new KeywordEmbedder("margin");
        try (DiskCachedEmbedder torn = DiskCachedEmbedder.of(same, file)) {
            torn.embed("Our margin held.");
            torn.embed("Debt fell.");
            assertThat(torn.counts()).containsExactly(1, 1);
        }
        assertThat(same.embedded).containsExactly("Debt fell.");

        KeywordEmbedder other = new KeywordEmbedder("debt");
        try (DiskCachedEmbedder foreign = DiskCachedEmbedder.of(other, file)) {
            foreign.embed("Our margin held.");
            assertThat(foreign.counts()).containsExactly(0, 1);
        }
        assertThat(other.embedded).containsExactly("Our margin held.");
    }

    @Test
    void runsAtOnceShareTheFileAndEmbedEachSentenceOnceBetweenThem() throws IOException {
        Path file = dir.resolve("embeddings.bin");
        KeywordEmbedder first = new KeywordEmbedder("margin", "debt");
        KeywordEmbedder second = new KeywordEmbedder("margin", "debt");
        try (DiskCachedEmbedder one = DiskCachedEmbedder.of(first, file);
             DiskCachedEmbedder other = DiskCachedEmbedder.of(second, file)) {
            float[] margin = one.embed("Our margin held.");
            other.embed("Debt fell.");

            assertThat(other.embed("Our margin held.")).containsExactly(margin);
            one.embed("Debt fell.");

            assertThat(first.embedded).containsExactly("Our margin held.");
            assertThat(second.embedded).containsExactly("Debt fell.");
            assertThat(one.counts()).containsExactly(1, 1);
            assertThat(other.counts()).containsExactly(1, 1);
        }
        KeywordEmbedder later = new KeywordEmbedder("margin", "debt");
        try (DiskCachedEmbedder again = DiskCachedEmbedder.of(later, file)) {
            again.embed("Debt fell.");
            assertThat(again.counts()).containsExactly(2, 0);
        }
        assertThat(later.embedded).isEmpty();
    }
}
