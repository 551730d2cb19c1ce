package io.callstream.deploy.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code callstream ingest SOURCE}: the sources of call events, each a subcommand in a file of its own. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Bring call events onto call-events from files, stdin or HTTP.",
        subcommands = {IngestFileCommand.class, IngestStdinCommand.class, IngestHttpCommand.class},
        commandListHeading = "%nSources:%n")
final class IngestCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
