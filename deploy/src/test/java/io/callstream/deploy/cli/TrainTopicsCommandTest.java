package io.callstream.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.callstream.deploy.testing.SharedCalls;
import io.callstream.enrich.tags.learned.SentenceTopicModel;
import io.callstream.enrich.tags.learned.TopicModel;
import io.callstream.enrich.tags.learned.WordTopicModel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code callstream train-topics} on two labelled calls of the development set and their transcripts in the shared
 * corpus: the same labels give the same model file, byte for byte, and the model tags when evaluate is given it; the
 * same for a model over words.
 */
@Tag("sweep")
class TrainTopicsCommandTest {

    private static final Path TRAIN = Path.of("..", "enrich", "src", "test", "resources", "io", "callstream", "enrich",
            "tags", "dev", "train");
    private static final String[] CALLS = {"4375653_Illumina", "4469590_HHR"};

    @TempDir
    Path dir;

    @Test
    void trainsTheSameModelTwiceFromTheSameLabelsAndEvaluateTagsWithIt() throws Exception {
        Path data = SharedCalls.dataDir();
        Path labels = labels();

        CliRun first = CliRun.of("train-topics", "--labels", labels.toString(), "--corpus", data.toString(),
                "--out", dir.resolve("a.json").toString(), "--model-version", "test-1");
        CliRun second = CliRun.of("train-topics", "--labels", labels.toString(), "--corpus", data.toString(),
                "--out", dir.resolve("b.json").toString(), "--model-version", "test-1");

        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("4375653_Illumina: 32 turns").contains("Wrote general-learned test-1");
        assertThat(Files.readAllBytes(dir.resolve("b.json"))).isEqualTo(Files.readAllBytes(dir.resolve("a.json")));
        TopicModel model = TopicModel.read(dir.resolve("a.json"));
        assertThat(model.topics()).extracting(TopicModel.TopicWeights::topic).contains("m-and-a", "guidance");
        assertThat(model.provenance()).containsEntry("calls", 2).containsEntry("turns", 65);

        Path illumina = Files.list(data.resolve("earnings21")).filter(f -> f.endsWith("4375653_Illumina.txt"))
                .findFirst().orElseThrow();
        CliRun rules = CliRun.of("evaluate", "--input", illumina.toString(), "--gold",
                labels.resolve(CALLS[0] + ".gold.jsonl").toString());
        CliRun learned = CliRun.of("evaluate", "--input", illumina.toString(), "--gold",
                labels.resolve(CALLS[0] + ".gold.jsonl").toString(), "--topic-model", dir.resolve("a.json").toString());
        assertThat(learned.exit()).as(learned.err()).isZero();
        // Scored on a call it was trained on, the model can only add the topics the rules miss there.
        assertThat(hits(learned.out())).isGreaterThan(hits(rules.out()));
    }

    @Test
    void trainsAWordModelThatEvaluateReadsFromItsFileAndTheSameTwice() throws Exception {
        Path data = SharedCalls.dataDir();
        Path labels = labels();
        String[] train = {"train-topics", "--labels", labels.toString(), "--corpus", data.toString(), "--features",
                "words", "--model-version", "test-2", "--out"};

        CliRun first = CliRun.of(concat(train, dir.resolve("a.json").toString()));
        CliRun second = CliRun.of(concat(train, dir.resolve("b.json").toString()));

        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).containsPattern("Wrote general-words test-2 to .*: 14 topics over \\d+ words and word pairs");
        assertThat(Files.readAllBytes(dir.resolve("b.json"))).isEqualTo(Files.readAllBytes(dir.resolve("a.json")));
        assertThat(SentenceTopicModel.read(dir.resolve("a.json"))).isInstanceOf(WordTopicModel.class);
        CliRun evaluate = CliRun.of("evaluate", "--gold", labels.toString(), "--corpus", data.toString(),
                "--topic-model", dir.resolve("a.json").toString());
        CliRun rules = CliRun.of("evaluate", "--gold", labels.toString(), "--corpus", data.toString());
        assertThat(evaluate.exit()).as(evaluate.err()).isZero();
        assertThat(hits(evaluate.out())).isGreaterThan(hits(rules.out()));
    }

    /** The two calls' gold files, in a folder of their own. */
    private Path labels() throws IOException {
        Path labels = Files.createDirectories(dir.resolve("labels"));
        for (String call : CALLS) {
            Files.copy(TRAIN.resolve(call + ".gold.jsonl"), labels.resolve(call + ".gold.jsonl"));
        }
        return labels;
    }

    private static String[] concat(String[] head, String last) {
        String[] all = java.util.Arrays.copyOf(head, head.length + 1);
        all[head.length] = last;
        return all;
    }

    @Test
    void refusesLabelsWhoseTranscriptIsMissingNamingBoth() throws Exception {
        Path labels = Files.createDirectories(dir.resolve("labels"));
        Files.copy(TRAIN.resolve(CALLS[0] + ".gold.jsonl"), labels.resolve(CALLS[0] + ".gold.jsonl"));
        Path empty = Files.createDirectories(dir.resolve("corpus"));

        CliRun run = CliRun.of("train-topics", "--labels", labels.toString(), "--corpus", empty.toString(),
                "--out", dir.resolve("m.json").toString(), "--model-version", "x");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains(CALLS[0] + ".gold.jsonl: no transcript " + CALLS[0] + ".txt under " + empty);
    }

    /** The hits of the last "all (micro)" line: a call's, or the pooled one of a folder. */
    private static int hits(String out) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^all \\(micro\\)\\s+\\d+\\s+\\d+\\s+(\\d+)")
                .matcher(out);
        int hits = -1;
        while (m.find()) {
            hits = Integer.parseInt(m.group(1));
        }
        assertThat(hits).as(out).isNotNegative();
        return hits;
    }
}
