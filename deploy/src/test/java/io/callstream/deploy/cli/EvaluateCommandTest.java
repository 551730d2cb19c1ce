package io.callstream.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code callstream evaluate} on the bundled call against its hand labels: the tagger must stay above the floor set
 * from the figure measured when the rules last changed, and a bad gold file is refused with its line. A folder of
 * gold files is scored call by call and pooled.
 */
class EvaluateCommandTest {

    /** Measured micro-F1, less a little room for a rule change that trades one turn for another. */
    static final double MICRO_F1_FLOOR = 0.75;
    private static final Path GOLD = Path.of("..", "enrich", "src", "test", "resources", "io", "callstream", "enrich",
            "tags", "tesla-2016-q4.gold.jsonl");
    /** The bundled call as a file, the same bytes as ../shared/data's copy. */
    private static final Path TRANSCRIPT = Path.of("..", "ingest", "src", "main", "resources", "io", "callstream",
            "ingest", "sample", "tesla-2016-q4-earnings-call.txt");

    @TempDir
    Path dir;


    @Test
    void scoresTheBundledCallAboveTheFloorAndEndsWithMicroF1() {
        CliRun run = CliRun.of("evaluate", "--input", TRANSCRIPT.toString(), "--gold", GOLD.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        Matcher last = Pattern.compile("^micro-F1 (\\d\\.\\d\\d)$").matcher(lines.get(lines.size() - 1));
        assertThat(last.matches()).as("last line: " + lines.get(lines.size() - 1)).isTrue();
        assertThat(Double.parseDouble(last.group(1))).isGreaterThanOrEqualTo(MICRO_F1_FLOOR);
        assertThat(run.out()).contains("187 FINAL turns").contains("model-3-ramp").contains("capital-raise");
    }

    @Test
    void refusesAGoldFileWithATopicOutsideTheTaxonomiesNamingTheLine() throws Exception {
        Path gold = Files.writeString(dir.resolve("bad.jsonl"),
                "{\"turnIndex\": 0, \"speaker\": \"Elon\", \"topics\": [\"weather\"]}\n");

        CliRun run = CliRun.of("evaluate", "--input", TRANSCRIPT.toString(), "--gold", gold.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains(gold + ":1: topic \"weather\" is not in the loaded taxonomies");
    }

    @Test
    void writesATemplateOfEveryFinalTurnToLabelThatScoresAsAGoldFileOnceLabelled() throws Exception {
        Path template = dir.resolve("tesla.template.jsonl");

        CliRun written = CliRun.of("evaluate", "--input", TRANSCRIPT.toString(), "--template", template.toString());

        assertThat(written.exit()).as(written.err()).isZero();
        List<String> lines = Files.readAllLines(template);
        assertThat(lines).hasSize(187);
        assertThat(lines.get(2)).startsWith("{\"turnIndex\":2,\"speaker\":\"Elon Reeve Musk\",\"text\":\"")
                .endsWith("\"topics\":[]}");
        // Labelled as the gold file is, the template scores exactly as the gold file does.
        List<String> gold = Files.readAllLines(GOLD);
        StringBuilder labelled = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String topics = gold.get(i).substring(gold.get(i).indexOf("\"topics\""));
            labelled.append(lines.get(i), 0, lines.get(i).indexOf("\"topics\"")).append(topics.replace(" ", ""))
                    .append('\n');
        }
        Path labelledFile = Files.writeString(dir.resolve("labelled.jsonl"), labelled);
        String fromTemplate = CliRun.of("evaluate", "--input", TRANSCRIPT.toString(), "--gold",
                labelledFile.toString()).out();
        String fromGold = CliRun.of("evaluate", "--input", TRANSCRIPT.toString(), "--gold", GOLD.toString()).out();
        assertThat(fromTemplate).isEqualTo(fromGold).doesNotContain("text differs");
    }

    @Test
    void poolsAFolderOfGoldFilesAsTheSumOfItsCallsCounts() throws Exception {
        // Two calls: the bundled one as labelled, and a copy whose labels say no turn has a topic.
        Path labels = Files.createDirectories(dir.resolve("labels").resolve("season"));
        Path corpus = Files.createDirectories(dir.resolve("corpus").resolve("calls"));
        Files.copy(GOLD, labels.resolve("tesla-a.gold.jsonl"));
        Files.writeString(labels.resolve("tesla-b.gold.jsonl"),
                Files.readString(GOLD).replaceAll("\"topics\": \\[[^\\]]*\\]", "\"topics\": []"));
        Files.copy(TRANSCRIPT, corpus.resolve("tesla-a.txt"));
        Files.copy(TRANSCRIPT, corpus.resolve("tesla-b.txt"));
        long[] a = microCounts(CliRun.of("evaluate", "--input", corpus.resolve("tesla-a.txt").toString(), "--gold",
                labels.resolve("tesla-a.gold.jsonl").toString()).out());
        long[] b = microCounts(CliRun.of("evaluate", "--input", corpus.resolve("tesla-b.txt").toString(), "--gold",
                labels.resolve("tesla-b.gold.jsonl").toString()).out());

        CliRun run = CliRun.of("evaluate", "--gold", dir.resolve("labels").toString(), "--corpus",
                dir.resolve("corpus").toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(b[0]).isZero();
        assertThat(b[1]).isPositive();
        long[] pooled = microCounts(run.out());
        assertThat(pooled).containsExactly(a[0] + b[0], a[1] + b[1], a[2] + b[2]);
        assertThat(run.out()).contains("2 calls of " + dir.resolve("labels") + ", 374 FINAL turns")
                .containsPattern("(?m)^tesla-a\\s+187\\s+" + a[0] + "\\s+" + a[1] + "\\s+" + a[2] + "\\s")
                .containsPattern("(?m)^tesla-b\\s+187\\s+0\\s+" + b[1] + "\\s+0\\s");
        double precision = (double) pooled[2] / pooled[1];
        double recall = (double) pooled[2] / pooled[0];
        assertThat(run.out()).endsWith(String.format("micro-F1 %.2f%n", 2 * precision * recall / (precision + recall)));
    }

    @Test
    void asksForTheCorpusOfAFolderOfGoldFilesAndRefusesWhatDescribesOneCallForMany() throws Exception {
        Path labels = Files.createDirectories(dir.resolve("labels"));
        Files.copy(GOLD, labels.resolve("tesla.gold.jsonl"));

        CliRun withInput = CliRun.of("evaluate", "--gold", labels.toString(), "--input", TRANSCRIPT.toString());
        CliRun withCallId = CliRun.of("evaluate", "--gold", labels.toString(), "--corpus", dir.toString(),
                "--call-id", "one");
        CliRun withStart = CliRun.of("evaluate", "--gold", labels.toString(), "--corpus", dir.toString(),
                "--start", "2017-02-22T22:30:00Z");
        CliRun missing = CliRun.of("evaluate", "--gold", dir.resolve("no-such").toString(), "--corpus",
                dir.toString());
        CliRun withoutTranscript = CliRun.of("evaluate", "--gold", labels.toString(), "--corpus",
                Files.createDirectories(dir.resolve("empty")).toString());

        assertThat(withInput.exit()).isEqualTo(2);
        assertThat(withInput.err()).contains("is a folder: give --corpus DIR");
        assertThat(withCallId.exit()).isEqualTo(2);
        assertThat(withCallId.err()).contains("--call-id, --fiscal-period and --start describe one call");
        assertThat(withStart.exit()).isEqualTo(2);
        assertThat(withStart.err()).contains("describe one call");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("--gold " + dir.resolve("no-such") + ": no such file or folder");
        assertThat(withoutTranscript.exit()).isEqualTo(1);
        assertThat(withoutTranscript.err()).contains("tesla.gold.jsonl: no transcript tesla.txt under");
    }

    @Test
    void refusesAFolderWhereACallIsLabelledTwiceOrItsTranscriptIsFoundTwice() throws Exception {
        Path labels = Files.createDirectories(dir.resolve("labels"));
        Files.copy(GOLD, labels.resolve("tesla.gold.jsonl"));
        Path corpus = Files.createDirectories(dir.resolve("corpus"));
        Files.copy(TRANSCRIPT, Files.createDirectories(corpus.resolve("a")).resolve("tesla.txt"));
        Files.copy(TRANSCRIPT, Files.createDirectories(corpus.resolve("b")).resolve("tesla.txt"));
        Path twice = Files.createDirectories(dir.resolve("twice"));
        Files.copy(GOLD, Files.createDirectories(twice.resolve("x")).resolve("tesla.gold.jsonl"));
        Files.copy(GOLD, Files.createDirectories(twice.resolve("y")).resolve("tesla.gold.jsonl"));

        CliRun twoTranscripts = CliRun.of("evaluate", "--gold", labels.toString(), "--corpus", corpus.toString());
        CliRun twoGoldFiles = CliRun.of("evaluate", "--gold", twice.toString(), "--corpus",
                corpus.resolve("a").toString());

        assertThat(twoTranscripts.exit()).isEqualTo(1);
        assertThat(twoTranscripts.err()).contains("are all tesla.txt under " + corpus + ": keep one");
        assertThat(twoGoldFiles.exit()).isEqualTo(1);
        assertThat(twoGoldFiles.err()).contains("all label call tesla: keep one");
    }

    /** Gold labels, tags and hits of the last "all (micro)" line: a call's, or the pooled one of a folder. */
    private static long[] microCounts(String out) {
        Matcher m = Pattern.compile("(?m)^all \\(micro\\)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s").matcher(out);
        long[] counts = null;
        while (m.find()) {
            counts = new long[]{Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))};
        }
        assertThat(counts).as(out).isNotNull();
        return counts;
    }

    @Test
    void asksForGoldOrTemplateWhenGivenNeitherOrBoth() {
        CliRun neither = CliRun.of("evaluate", "--input", TRANSCRIPT.toString());

        assertThat(neither.exit()).isEqualTo(2);
        assertThat(neither.err()).contains("Give --gold to score the tags, or --template");
    }
}
