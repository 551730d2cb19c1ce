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
 * from the figure measured when the rules last changed, and a bad gold file is refused with its line.
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
    void asksForGoldOrTemplateWhenGivenNeitherOrBoth() {
        CliRun neither = CliRun.of("evaluate", "--input", TRANSCRIPT.toString());

        assertThat(neither.exit()).isEqualTo(2);
        assertThat(neither.err()).contains("Give --gold to score the tags, or --template");
    }
}
