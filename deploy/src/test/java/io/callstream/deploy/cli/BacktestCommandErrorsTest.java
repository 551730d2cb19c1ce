package io.callstream.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code callstream backtest} refuses what it cannot run with exit code 2 and a message that says what to do. */
class BacktestCommandErrorsTest {

    private static final Path SAMPLE_DIR = Path.of("..", "ingest", "src", "main", "resources", "io", "callstream",
            "ingest", "sample");

    @TempDir
    Path dir;

    @Test
    void aRulesFileWithAMistakeIsRefusedWithItsFileAndLineAndExitCode2() throws Exception {
        Path rules = Files.writeString(dir.resolve("bad.yaml"), """
                id: mine
                version: "1"
                rules:
                  - id: guidance
                    title: Guidance
                    severity: URGENT
                    when:
                      topics: [guidance]
                """);

        CliRun run = CliRun.of("backtest", "--embedding-cache", dir.resolve("embeddings.bin").toString(), "--corpus", SAMPLE_DIR.toString(), "--rules", rules.toString(), "--out",
                dir.resolve("out").toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("callstream backtest: " + rules + ":6:").contains("URGENT");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void aCompareFileNamingAnUnknownTopicIsRefusedWithExitCode2() throws Exception {
        Path rules = Files.writeString(dir.resolve("b.yaml"), """
                id: mine
                version: "1"
                rules:
                  - id: weather
                    title: Weather talk
                    severity: LOW
                    when:
                      topics: [weather]
                """);

        CliRun run = CliRun.of("backtest", "--embedding-cache", dir.resolve("embeddings.bin").toString(), "--corpus", SAMPLE_DIR.toString(), "--compare", rules.toString(), "--out",
                dir.resolve("out").toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains(rules + ":8: unknown topic id 'weather'");
    }

    @Test
    void aMissingCorpusFolderIsRefusedSayingWhatToGive() {
        CliRun run = CliRun.of("backtest", "--embedding-cache", dir.resolve("embeddings.bin").toString(), "--corpus", dir.resolve("nowhere").toString(), "--out",
                dir.resolve("out").toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--corpus " + dir.resolve("nowhere") + " does not exist")
                .contains("give the folder that holds the calls' transcripts");
    }

    @Test
    void aCorpusWithNoTranscriptIsRefused() throws Exception {
        Files.writeString(dir.resolve("notes.md"), "not a transcript");

        CliRun run = CliRun.of("backtest", "--embedding-cache", dir.resolve("embeddings.bin").toString(), "--corpus", dir.toString(), "--out", dir.resolve("out").toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("holds no transcripts");
    }

}
