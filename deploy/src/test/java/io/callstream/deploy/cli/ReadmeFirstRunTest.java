package io.callstream.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.callstream.sink.export.CsvRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The README's first runs, one for each kind of user, as written: every command of each block is one the CLI
 * accepts, and the quant's runs on a fresh clone (the bundled call and the candidate rules are in the repository).
 * The analyst's demo is run by {@code DemoCommandTest}, the alerting consumer's block by
 * {@code WebhookReceiverCommandTest}, which takes its commands from the README too.
 */
class ReadmeFirstRunTest {

    static final String ANALYST = "### First run for an analyst";
    static final String QUANT = "### First run for a quant";
    static final String ALERTING_CONSUMER = "### First run for an alerting consumer";

    @TempDir
    Path dir;

    @Test
    void everyFirstRunIsABlockOfCommandsTheCliAccepts() throws Exception {
        List<List<String>> all = new ArrayList<>(ReadmeFirstRuns.commands("## Quick start"));
        for (String heading : List.of(ANALYST, QUANT, ALERTING_CONSUMER)) {
            List<List<String>> commands = ReadmeFirstRuns.commands(heading);
            assertThat(commands).as(heading).isNotEmpty();
            all.addAll(commands);
        }
        for (List<String> command : all) {
            assertThatCode(() -> CallstreamCommand.commandLine().parseArgs(command.toArray(String[]::new)))
                    .as("./callstream " + String.join(" ", command)).doesNotThrowAnyException();
        }
        assertThat(ReadmeFirstRuns.commands(ANALYST)).containsExactly(List.of("demo"));
    }

    @Test
    void quantsFirstRunComparesTheCandidateRulesWithTheDefaultOnTheBundledCall() throws Exception {
        List<List<String>> commands = ReadmeFirstRuns.commands(QUANT);
        assertThat(commands).hasSize(1);
        List<String> args = new ArrayList<>(ReadmeFirstRuns.fromRoot(commands.get(0)));
        assertThat(args.get(0)).isEqualTo("backtest");
        // Written as '--out report': the report goes where the test can look, and the embedding cache is kept out
        // of the home folder; every other word is the README's.
        int out = args.indexOf("--out");
        assertThat(out).as("the README's backtest names its --out").isPositive();
        Path report = dir.resolve(Path.of(args.get(out + 1)).getFileName());
        args.set(out + 1, report.toString());
        args.addAll(List.of("--embedding-cache", dir.resolve("embeddings.bin").toString()));

        CommandLine cli = CallstreamCommand.commandLine();
        StringWriter printed = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(printed, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args.toArray(String[]::new));

        assertThat(exit).as(err.toString()).isZero();
        assertThat(printed.toString()).contains("Backtested 1 call", "lines/s", "Rules B: candidate");
        for (String file : List.of("alerts.csv", "alerts.jsonl", "first-mentions.csv", "counts.csv", "compare.csv",
                "report.html")) {
            assertThat(report.resolve(file)).as(file).isNotEmptyFile();
        }
        List<List<String>> compare = CsvRecords.parse(Files.readString(report.resolve("compare.csv")));
        int change = compare.get(0).indexOf("change");
        Map<String, Long> changes = compare.stream().skip(1).map(row -> row.get(change))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(changes).as("what the README says the bundled call shows")
                .containsKeys("only-A", "only-B", "later-in-B");
        assertThat(Files.readString(report.resolve("alerts.csv"))).contains("model-3-ramp-first-mention");
        assertThat(Files.readString(report.resolve("report.html"))).contains("candidate");
    }
}
