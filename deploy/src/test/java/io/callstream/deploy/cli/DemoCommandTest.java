package io.callstream.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callstream.deploy.testing.SharedCalls;
import io.callstream.deploy.testing.SpeakerChanges;
import io.callstream.ingest.source.LoadedCall;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code callstream demo --input FILE --summary-json S}, run in this process on its own embedded stack: for a file of
 * each layout in {@code ../shared/data}, the summary counts one turn per speaker change.
 */
@Tag("integration")
class DemoCommandTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "tesla-2016-q4-earnings-call.txt",          // the transcript vendor's layout, with sections
            "earnings21/4387332_Zagg-Inc.txt",          // timed text: a header per turn, stamped paragraphs
            "earnings22/4468919_LOMA.segments.tsv"})    // one sentence per row
    @Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void summaryCountsOneTurnPerSpeakerChangeOfTheInputFile(String name) throws Exception {
        Path file = SharedCalls.file(name);
        List<LoadedCall> calls = SharedCalls.load(file);
        assertThat(calls).hasSize(1);
        JsonNode summary = demoSummary(file);
        assertThat(summary.get("turns").asLong()).as("turns").isEqualTo(SpeakerChanges.count(calls.get(0).events()));
        assertThat(summary.get("lines").asLong()).as("lines").isEqualTo(calls.get(0).lines());
        assertThat(summary.get("deadLetters").asLong()).as("dead letters").isZero();
    }

    /** Issue 15's check: the Tesla file under a name that says nothing, with no flag, read as a person would. */
    @org.junit.jupiter.api.Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void readsTheTeslaFileUnderANeutralNameWithItsExecutivesAnalystsAndCapitalRaiseAlert() throws Exception {
        Path file = java.nio.file.Files.copy(SharedCalls.file("tesla-2016-q4-earnings-call.txt"),
                dir.resolve("call-a.txt"));
        JsonNode summary = demoSummary(file);
        assertThat(summary.get("calls").get(0).get("company").asText()).isEqualTo("Tesla, Inc.");
        assertThat(summary.get("calls").get(0).get("companySource").asText()).isEqualTo("affiliations");
        assertThat(summary.get("turnsByRole").get("EXECUTIVE").asLong()).isEqualTo(112);
        assertThat(summary.get("turnsByRole").get("ANALYST").asLong()).isEqualTo(60);
        assertThat(summary.get("exchanges").asLong()).isEqualTo(14);
        assertThat(summary.get("alerts")).extracting(a -> a.get("ruleId").asText())
                .contains("capital-raise-by-executive");
    }

    /** Issue 16's check: a topic file with only examples, no query and no training, tags the bundled call. */
    @org.junit.jupiter.api.Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void tagsATopicDefinedOnlyByExampleSentences() throws Exception {
        Path watch = java.nio.file.Files.writeString(dir.resolve("fund-watch.taxonomy"), """
                taxonomy: fund-watch
                version: 1

                topic: vehicle-volume
                label: Vehicle volume targets
                description: how many vehicles a year the company means to build
                example: We plan to produce half a million vehicles a year.
                example: Our goal is to build a million cars a year by the end of the decade.
                example: Production volume will rise to several thousand units a week.
                """);
        Path shipped = Path.of("..", "enrich", "src", "main", "resources", "io", "callstream", "enrich", "tags");

        JsonNode summary = demoSummary(null, "--taxonomy", shipped.resolve("general.taxonomy").toString(),
                "--taxonomy", shipped.resolve("tsla.taxonomy").toString(), "--taxonomy", watch.toString());

        assertThat(summary.get("topics").get("vehicle-volume").asLong()).isPositive();
        // The rules' topics are all still there beside it.
        assertThat(summary.get("topics").get("model-3-ramp").asLong()).isPositive();
    }

    /** Runs {@code demo --input FILE --summary-json S} at full speed and reads S; fails on a non-zero exit. */
    private JsonNode demoSummary(Path file, String... options) throws Exception {
        Path summaryJson = dir.resolve("summary.json");
        StringWriter err = new StringWriter();
        picocli.CommandLine demo = CallstreamCommand.commandLine();
        demo.setErr(new PrintWriter(err));
        List<String> args = new java.util.ArrayList<>(List.of("demo", "--speed", "max", "--quiet", "--store",
                dir.resolve("demo.db").toString(), "--summary-json", summaryJson.toString()));
        if (file != null) {
            args.addAll(List.of("--input", file.toString()));
        }
        args.addAll(List.of(options));
        int exit = demo.execute(args.toArray(String[]::new));
        assertThat(exit).as(err.toString()).isZero();
        return new ObjectMapper().readTree(summaryJson.toFile());
    }
}
