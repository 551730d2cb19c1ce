package io.callstream.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A bad taxonomy or rules file stops the command before anything starts, naming the file, the line and the reason. */
class BadEnrichFilesTest {

    @TempDir
    Path dir;

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = CallstreamCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new String[] {String.valueOf(exit), out.toString(), err.toString()};
    }

    @Test
    void demoRefusesARulesFileNamingAnUnknownTopicBeforeStartingTheStack() throws Exception {
        Path rules = Files.writeString(dir.resolve("mine.yaml"), """
                id: mine
                version: "1"
                rules:
                  - id: weather
                    title: Weather talk
                    severity: LOW
                    when:
                      topics: [weather]
                """);

        String[] result = run("demo", "--rules", rules.toString(), "--store", dir.resolve("d.db").toString());

        assertThat(result[0]).isEqualTo("1");
        assertThat(result[2]).contains(rules + ":8: unknown topic id 'weather'");
        assertThat(dir.resolve("d.db")).doesNotExist();
    }

    @Test
    void enrichRefusesATaxonomyWithAnInvalidQueryAtItsLine() throws Exception {
        Path taxonomy = Files.writeString(dir.resolve("mine.taxonomy"), """
                taxonomy: mine
                version: 1
                topic: weather
                label: Weather
                query: "rain AND (snow
                """);

        String[] result = run("enrich", "--taxonomy", taxonomy.toString(), "--bootstrap-servers", "127.0.0.1:1",
                "--state-dir", dir.resolve("state").toString());

        assertThat(result[0]).isEqualTo("1");
        assertThat(result[2]).contains("mine.taxonomy:5");
        assertThat(result[1]).as("nothing started").doesNotContain("enrich: ");
    }
}
