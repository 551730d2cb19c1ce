package io.callstream.enrich.tags.learned;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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

        assertThat(aLaterRunEmbedsNothing(file, 2, "Our margin held.", "Debt fell.").get(0)).containsExactly(margin);
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
        aLaterRunEmbedsNothing(file, 2, "Debt fell.");
    }

    @Test
    void readsAFileWrittenAsEarlierVersionsWroteIt() throws IOException {
        Path file = dir.resolve("embeddings.bin");
        KeywordEmbedder model = new KeywordEmbedder("margin");
        float[] vector = model.embed("Our margin held.");
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(Files.newOutputStream(file))) {
            out.write(("callstream sentence embeddings " + model.id() + "\n").getBytes(StandardCharsets.UTF_8));
            out.write(MessageDigest.getInstance("SHA-256").digest("Our margin held.".getBytes(StandardCharsets.UTF_8)));
            out.writeInt(vector.length);
            for (float v : vector) {
                out.writeFloat(v);
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        KeywordEmbedder fresh = new KeywordEmbedder("margin");

        try (DiskCachedEmbedder cached = DiskCachedEmbedder.of(fresh, file)) {
            assertThat(cached.embed("Our margin held.")).containsExactly(vector);
            assertThat(cached.counts()).containsExactly(1, 0);
        }
        assertThat(fresh.embedded).isEmpty();
    }

    @Test
    void neverTakesTheVectorsOfAnotherEmbedderThatStartedTheFileOverMeanwhile() throws IOException {
        Path file = dir.resolve("embeddings.bin");
        KeywordEmbedder ours = new KeywordEmbedder("margin", "debt");
        KeywordEmbedder theirs = new KeywordEmbedder("debt", "margin");
        try (DiskCachedEmbedder one = DiskCachedEmbedder.of(ours, file);
             DiskCachedEmbedder other = DiskCachedEmbedder.of(theirs, file)) {
            one.embed("Our margin held.");
            other.embed("Debt fell."); // another model: the file is started over under it
            other.embed("Cash grew.");

            assertThat(one.embed("Debt fell.")).containsExactly(ours.embed("Debt fell."));
            assertThat(ours.embedded).containsExactly("Our margin held.", "Debt fell.", "Debt fell.");
        }
        try (DiskCachedEmbedder again = DiskCachedEmbedder.of(new KeywordEmbedder("margin", "debt"), file)) {
            again.embed("Debt fell.");
            assertThat(again.counts()).as("the file is ours again, with the one sentence ours wrote since")
                    .containsExactly(1, 0);
        }
    }

    @Test
    void threadsOfTwoEmbeddersAtOnceLeaveAWholeFileOfRightVectors() throws Exception {
        Path file = dir.resolve("embeddings.bin");
        SentenceEmbedder model = new SentenceEmbedder() {
            @Override
            public String id() {
                return "by-length";
            }

            @Override
            public float[] embed(String sentence) {
                return new float[] {sentence.length(), sentence.hashCode()};
            }
        };
        List<String> sentences = java.util.stream.IntStream.range(0, 300).mapToObj(i -> "Sentence " + i + ".")
                .toList();
        try (DiskCachedEmbedder one = DiskCachedEmbedder.of(model, file);
             DiskCachedEmbedder other = DiskCachedEmbedder.of(model, file)) {
            ExecutorService threads = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    DiskCachedEmbedder embedder = t % 2 == 0 ? one : other;
                    int offset = t * 37;
                    done.add(threads.submit(() -> {
                        for (int i = 0; i < sentences.size(); i++) {
                            String sentence = sentences.get((i + offset) % sentences.size());
                            assertThat(embedder.embed(sentence)).containsExactly(model.embed(sentence));
                        }
                    }));
                }
                for (Future<?> f : done) {
                    f.get(1, TimeUnit.MINUTES);
                }
                assertThat(one.givenUp() || other.givenUp()).as("either gave the file up").isFalse();
            } finally {
                threads.shutdownNow();
            }
        }
        try (DiskCachedEmbedder reader = DiskCachedEmbedder.of(model, file)) {
            for (String sentence : sentences) {
                assertThat(reader.embed(sentence)).containsExactly(model.embed(sentence));
            }
            assertThat(reader.counts()).as("every sentence in the file once, none torn").containsExactly(300, 0);
        }
    }

    @Test
    void embedsWithoutAFileItCannotUse() throws IOException {
        Path notAFolder = Files.writeString(dir.resolve("a-file"), "x");
        KeywordEmbedder model = new KeywordEmbedder("margin");
        try (DiskCachedEmbedder cached = DiskCachedEmbedder.of(model, notAFolder.resolve("embeddings.bin"))) {
            float[] first = cached.embed("Our margin held.");

            assertThat(cached.embed("Our margin held.")).containsExactly(first);
            assertThat(model.embedded).as("kept in memory all the same").containsExactly("Our margin held.");
            assertThat(cached.counts()).containsExactly(0, 0);
            assertThat(cached.givenUp()).isTrue();
        }
    }

    /**
     * A later run over {@code file} with the same embedder: it finds {@code found} embeddings there, and every one of
     * {@code sentences} among them, embedding none. Their vectors, in order.
     */
    private static List<float[]> aLaterRunEmbedsNothing(Path file, int found, String... sentences) throws IOException {
        KeywordEmbedder later = new KeywordEmbedder("margin", "debt");
        List<float[]> vectors = new ArrayList<>();
        try (DiskCachedEmbedder again = DiskCachedEmbedder.of(later, file)) {
            for (String sentence : sentences) {
                vectors.add(again.embed(sentence));
            }
            assertThat(again.counts()).containsExactly(found, 0);
        }
        assertThat(later.embedded).isEmpty();
        return vectors;
    }
}
