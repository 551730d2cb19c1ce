package io.callstream.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The store's URL, password and all, can come from CALLSTREAM_STORE, which keeps it off the process list. */
class SinkStoreVariableTest {

    @Test
    void takesTheStoreFromTheVariableWhenNoStoreIsGivenAndKeepsItsPasswordOffTheScreen() {
        StringWriter err = new StringWriter();
        int exit = sink(err, Map.of("CALLSTREAM_STORE", "jdbc:nosuchdriver://db/callstream?user=u&password=hunter2"),
                "sink", "--bootstrap-servers", "127.0.0.1:1");

        assertThat(exit).isOne();
        assertThat(err.toString()).contains("cannot open the store jdbc:nosuchdriver://db/callstream?user=u&password=***")
                .doesNotContain("hunter2");
    }

    @Test
    void aStoreGivenOnTheCommandLineWinsOverTheVariable() {
        StringWriter err = new StringWriter();
        int exit = sink(err, Map.of("CALLSTREAM_STORE", "jdbc:fromthevariable://db"),
                "sink", "--store", "jdbc:fromtheflag://db", "--bootstrap-servers", "127.0.0.1:1");

        assertThat(exit).isOne();
        assertThat(err.toString()).contains("jdbc:fromtheflag://db").doesNotContain("fromthevariable");
    }

    private static int sink(StringWriter err, Map<String, String> environment, String... args) {
        CommandLine cli = CallstreamCommand.commandLine();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        ((SinkCommand) cli.getSubcommands().get("sink").getCommand()).environment = environment::get;
        return cli.execute(args);
    }
}
