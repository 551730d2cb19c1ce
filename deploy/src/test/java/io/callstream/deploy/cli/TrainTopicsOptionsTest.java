package io.callstream.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code callstream train-topics} refusing what it cannot train on, before it reads a transcript. */
class TrainTopicsOptionsTest {

    @TempDir
    Path dir;

    @Test
    void refusesAFeatureKindItDoesNotKnowNamingTheKinds() {
        CliRun run = CliRun.of("train-topics", "--labels", dir.toString(), "--corpus", dir.toString(), "--features",
                "letters", "--model-version", "x", "--out", dir.resolve("m.json").toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--features").contains("letters").contains("embeddings, words");
        assertThat(dir.resolve("m.json")).doesNotExist();
    }

    @Test
    void refusesFewerThanTwoLabelledCallsForItsThresholdIsCrossValidatedOverCalls() throws Exception {
        Path labels = Files.createDirectories(dir.resolve("labels"));
        Path corpus = Files.createDirectories(dir.resolve("corpus"));
        Files.writeString(labels.resolve("c1.gold.jsonl"), "{\"turnIndex\": 0, \"topics\": []}\n");
        Files.writeString(corpus.resolve("c1.txt"), "Operator: Welcome.\n");

        CliRun run = CliRun.of("train-topics", "--labels", labels.toString(), "--corpus", corpus.toString(),
                "--features", "words", "--model-version", "x", "--out", dir.resolve("m.json").toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("found 1 labelled call(s)").contains("give at least 2");
        assertThat(dir.resolve("m.json")).doesNotExist();
    }
}
